"use client";
// A large flow zoomed out to its overview moves as one picture: while it is panned, zoomed or a node is dragged, its
// cards and links are shown from one canvas bitmap (snapshot-draw.ts) and the DOM cards are hidden; at rest the DOM
// cards (accessible, hoverable, with their handles) are back. Painting and layerizing 500 DOM cards on every frame
// held a fitted 500-node flow under 20 fps in Chromium; the bitmap is drawn once, ahead of time when the canvas is
// idle, or at the start of a drag without the dragged nodes (they and their links stay live in the DOM).
//
// The gesture flips a class on the canvas root directly rather than through React state: a re-render of 500 nodes
// at the start and end of every pan is what this avoids.
import { EdgeLabelRenderer, useStoreApi } from "@xyflow/react";
import { useEffect, useRef, type MutableRefObject } from "react";
import { CATEGORY_CHIP_COLOR, kindVisual } from "./kind-meta";
import { drawSnapshot } from "./snapshot-draw";
import { sceneBounds, snapshotScene } from "./snapshot-scene";
import { useEditorStoreApi } from "./store";

export type Gesture = "move" | "drag";
export type SnapshotControl = {
  begin: (gesture: Gesture, exclude?: string[]) => void;
  end: (gesture: Gesture) => void;
};

/** The class that hides the DOM cards and shows the picture (canvas.tsx's CSS). */
export const MOVING_CLASS = "sb-moving";
const IDLE_MS = 250;
/** Browsers refuse (or silently blank) canvases much past this many pixels a side. */
const MAX_SIDE = 4096;

/** Each kind's icon as an image, taken once from a card on the page (the same lucide icon, in the chip's ink). */
const icons = new Map<string, HTMLImageElement | null>();
function iconFor(kind: string, root: Element, onLoad: () => void): HTMLImageElement | null {
  const cached = icons.get(kind);
  // A broken image is "complete" too, and drawing one throws.
  if (cached !== undefined) return cached?.complete && cached.naturalWidth > 0 ? cached : null;
  const svg = root.querySelector(`.sb-card[data-kind="${CSS.escape(kind)}"] svg`);
  if (!svg) return null;
  const copy = svg.cloneNode(true) as SVGElement;
  copy.setAttribute("width", "24");
  copy.setAttribute("height", "24");
  copy.setAttribute("color", CATEGORY_CHIP_COLOR[kindVisual(kind).category].ink);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const image = new Image();
  image.onload = onLoad;
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  icons.set(kind, image);
  return null;
}

export function OverviewSnapshot({ control }: { control: MutableRefObject<SnapshotControl | null> }) {
  const rf = useStoreApi();
  const editor = useEditorStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const root = rf.getState().domNode?.closest(".sb-canvas");
    if (!canvas || !root) return;
    const active = new Map<Gesture, string[]>();
    let dirty = true;
    let drawnKey = "";
    let timer: ReturnType<typeof setTimeout> | undefined;
    let font = "";

    const excluded = () => [...new Set([...active.values()].flat())].sort();
    const draw = (exclude: string[]) => {
      const state = rf.getState();
      const bounds = sceneBounds(state.nodeLookup);
      if (!bounds) return;
      const zoom = state.transform[2];
      const scale = Math.min(zoom * window.devicePixelRatio, MAX_SIDE / Math.max(bounds.width, bounds.height));
      const width = Math.ceil(bounds.width * scale);
      const height = Math.ceil(bounds.height * scale);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      Object.assign(canvas.style, {
        left: `${bounds.x}px`,
        top: `${bounds.y}px`,
        width: `${bounds.width}px`,
        height: `${bounds.height}px`,
      });
      font ||= getComputedStyle(root).fontFamily;
      const { issuesByNode, trace } = editor.getState();
      const scene = snapshotScene({
        lookup: state.nodeLookup,
        edges: editor.getState().rfEdges,
        issues: issuesByNode,
        trace,
        exclude: new Set(exclude),
        icon: (kind) => iconFor(kind, root, markDirty),
      });
      const ctx = canvas.getContext("2d");
      if (!ctx) return;
      drawSnapshot(ctx, scene, { origin: bounds, scale, zoom, font });
      dirty = false;
      drawnKey = exclude.join("\n");
      canvas.dataset.cards = String(scene.cards.length);
    };
    // Redrawn while nothing moves, so that the next gesture starts with a picture ready.
    const redrawWhenIdle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (active.size === 0 && dirty) draw([]);
      }, IDLE_MS);
    };
    function markDirty() {
      dirty = true;
      if (active.size === 0) redrawWhenIdle();
    }

    control.current = {
      begin(gesture, exclude = []) {
        active.set(gesture, exclude);
        const wanted = excluded();
        try {
          if (dirty || wanted.join("\n") !== drawnKey) draw(wanted);
        } catch (error) {
          // Without a picture the DOM cards simply stay for this gesture: slower, never blank.
          reportError(error);
          return;
        }
        root.classList.add(MOVING_CLASS);
      },
      end(gesture) {
        if (!active.delete(gesture)) return;
        if (active.size) return;
        root.classList.remove(MOVING_CLASS);
        if (dirty || drawnKey) markDirty();
      },
    };
    const stopRf = rf.subscribe((state, previous) => {
      if (state.nodes !== previous.nodes || state.transform[2] !== previous.transform[2]) markDirty();
    });
    const stopEditor = editor.subscribe((state, previous) => {
      if (
        state.issuesByNode !== previous.issuesByNode ||
        state.trace !== previous.trace ||
        state.rfEdges !== previous.rfEdges
      )
        markDirty();
    });
    redrawWhenIdle();
    return () => {
      stopRf();
      stopEditor();
      clearTimeout(timer);
      control.current = null;
      root.classList.remove(MOVING_CLASS);
    };
  }, [rf, editor, control]);

  // In the links' layer (under the nodes, in flow coordinates), not React Flow's ViewportPortal: that one looks its
  // element up after all 500 nodes with querySelector on every store update, a tenth of a drag's main thread.
  return (
    <EdgeLabelRenderer>
      <canvas
        ref={canvasRef}
        className="sb-snapshot pointer-events-none absolute"
        style={{ zIndex: -1 }}
        aria-hidden
        data-testid="overview-snapshot"
      />
    </EdgeLabelRenderer>
  );
}
