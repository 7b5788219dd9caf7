"use client";
// Semantic zoom, shared by every canvas (the designer, a conversation's path, the History diff): below
// OVERVIEW_BELOW_ZOOM nodes are drawn as overview cards with large type; at any zoom a handle's hit area is at least
// HIT_PX on screen (grown in flow units as the view zooms out, never past its output row or MAX_HIT units).
import { useStore, useStoreApi, useUpdateNodeInternals } from "@xyflow/react";
import { useEffect, useRef } from "react";

/** The Retail demo flow fits at about 0.43: its overview. Zoomed in past 0.6 the detailed nodes are readable. */
export const OVERVIEW_BELOW_ZOOM = 0.6;
const HIT_PX = 24;
const MIN_HIT = 12;
/** Zoomed far out a hit area stops growing: past this it would cover the node it belongs to. */
const MAX_HIT = 80;

export const isOverviewZoom = (zoom: number) => zoom < OVERVIEW_BELOW_ZOOM;

/** True while the canvas this is rendered in is zoomed out to its overview (re-renders only when that flips). */
export function useOverview(): boolean {
  return useStore((s) => isOverviewZoom(s.transform[2]));
}

/** A handle's hit area in flow units at `zoom`: HIT_PX on screen, within [MIN_HIT, MAX_HIT]. */
export function hitSize(zoom: number): number {
  return Math.round(Math.min(MAX_HIT, Math.max(MIN_HIT, HIT_PX / zoom)));
}

// The hit area is a transparent ::before on the handle (pointer events on it are the handle's); the dot stays small.
// Output rows cap it at their own height (--sb-row) so neighbouring handles never cover each other. Nothing here uses
// a transform, and a card's handles are placed with offsets rather than React Flow's translate: every transform is
// one more piece the browser re-layerizes on each frame of a pan, a few thousand of them on a fitted 500-node flow.
const HIT = "var(--sb-hit,24px)";
const ROW_HIT = `min(${HIT},var(--sb-row,24px))`;
const DOT = "var(--sb-dot,12px)";
const HIT_CSS = [
  `.sb-hit::before{content:'';position:absolute;left:calc(50% - ${HIT} / 2);top:calc(50% - ${HIT} / 2);width:${HIT};height:${HIT}}`,
  `.sb-hit-row::before{top:calc(50% - ${ROW_HIT} / 2);height:${ROW_HIT}}`,
  ".sb-card .react-flow__handle{transform:none}",
  `.sb-card .react-flow__handle-left{left:calc(${DOT} / -2);top:calc(50% - ${DOT} / 2)}`,
  `.sb-card .react-flow__handle-right{right:calc(${DOT} / -2);top:calc(50% - ${DOT} / 2)}`,
  `.sb-card .react-flow__handle-top{top:calc(${DOT} / -2);left:calc(50% - ${DOT} / 2)}`,
  `.sb-card .react-flow__handle-bottom{bottom:calc(${DOT} / -2);left:calc(50% - ${DOT} / 2)}`,
].join("");

/**
 * Rendered inside a <ReactFlow>: keeps --sb-hit (the hit size for the current zoom) on the canvas and re-measures
 * the handles when the nodes switch between detailed and overview drawing.
 */
export function SemanticZoom() {
  const hit = useStore((s) => hitSize(s.transform[2]));
  const overview = useOverview();
  const store = useStoreApi();
  const updateNodeInternals = useUpdateNodeInternals();
  const first = useRef(true);

  useEffect(() => {
    store.getState().domNode?.style.setProperty("--sb-hit", `${hit}px`);
  }, [hit, store]);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // The handles moved inside their nodes; a node whose size happens to stay the same would keep stale positions.
    const id = requestAnimationFrame(() => updateNodeInternals([...store.getState().nodeLookup.keys()]));
    return () => cancelAnimationFrame(id);
  }, [overview, store, updateNodeInternals]);

  return <style>{HIT_CSS}</style>;
}
