"use client";
// The designer's links while zoomed out to the overview: all of them drawn as three paths in one SVG (control
// links, tool permissions, the selected ones) instead of React Flow's SVG, marker and label per link, which is what
// made panning and dragging a fitted 500-node flow slow. Labels are the nodes' output rows; the link under a drop is
// found from the same geometry (linkAt).
import { EdgeLabelRenderer, useStore, type Edge, type InternalNode } from "@xyflow/react";
import { PERMISSION_HANDLE } from "./convert";
import { useEditor } from "./store";
import {
  arrowPath,
  anchorOf,
  curvePath,
  distanceToCurve,
  linkCurve,
  type Anchor,
  type Curve,
  type Point,
} from "./edge-geometry";

type Lookup = Map<string, InternalNode>;

export const ARROW = 14;

export function curveOf(edge: Edge, lookup: Lookup): { curve: Curve; end: Anchor } | null {
  const source = lookup.get(edge.source);
  const target = lookup.get(edge.target);
  const from = source?.internals.handleBounds?.source?.find((h) =>
    edge.sourceHandle ? h.id === edge.sourceHandle : true,
  );
  const to = target?.internals.handleBounds?.target?.find((h) =>
    edge.targetHandle ? h.id === edge.targetHandle : true,
  );
  if (!source || !target || !from || !to) return null;
  const end = anchorOf(target.internals.positionAbsolute, to);
  return { curve: linkCurve(anchorOf(source.internals.positionAbsolute, from), end), end };
}

/** The link nearest `point` (flow coordinates) within `tolerance`, if any. */
export function linkAt(point: Point, tolerance: number, edges: Edge[], lookup: Lookup): string | null {
  let best: { id: string; distance: number } | null = null;
  for (const edge of edges) {
    const link = curveOf(edge, lookup);
    if (!link) continue;
    const distance = distanceToCurve(point, link.curve);
    if (distance <= tolerance && (!best || distance < best.distance)) best = { id: edge.id, distance };
  }
  return best?.id ?? null;
}

type Paths = { control: string; tool: string; arrows: string; toolArrows: string };
const empty = (): Paths => ({ control: "", tool: "", arrows: "", toolArrows: "" });

/** Strokes are sized in flow units from the zoom (`unit` is one screen pixel): a non-scaling stroke would have the
 * browser repaint every link on every frame of a pan. */
function Layer({ paths, unit, layer }: { paths: Paths; unit: number; layer: "still" | "live" | "selected" }) {
  const selected = layer === "selected";
  const width = (selected ? 3 : 1.5) * unit;
  return (
    // data-layer: while a large flow moves, its still links are drawn by the snapshot instead (overview-snapshot.tsx).
    <g data-layer={layer}>
      <path d={paths.control} fill="none" stroke={selected ? "#4f46e5" : "#94a3b8"} strokeWidth={width} />
      <path
        d={paths.tool}
        fill="none"
        stroke={selected ? "#4f46e5" : "#d97706"}
        strokeWidth={width}
        strokeDasharray={`${6 * unit} ${4 * unit}`}
      />
      <path d={paths.arrows} fill={selected ? "#4f46e5" : "#94a3b8"} />
      <path d={paths.toolArrows} fill={selected ? "#4f46e5" : "#d97706"} />
    </g>
  );
}

/**
 * `snapshot`: a large flow's moving picture (overview-snapshot.tsx) draws the links that stay still during a drag, so
 * they are not worked out again on every frame of it.
 */
export function EdgeOverview({ snapshot = false }: { snapshot?: boolean }) {
  // The nodes array changes whenever a node moves or is measured; that is when the links must be drawn again.
  const nodes = useStore((s) => s.nodes);
  // The editor's links, not React Flow's: a large flow's overview gives React Flow none (canvas.tsx).
  const edges = useEditor((s) => s.rfEdges);
  const lookup = useStore((s) => s.nodeLookup);
  const unit = useStore((s) => Math.round(100 / s.transform[2]) / 100);
  // Links of a node being dragged go in their own paths: the others' path text stays the same, so the browser
  // repaints only the moving links rather than all of them on every frame of the drag.
  const moving = new Set(nodes.filter((n) => n.dragging).map((n) => n.id));
  const still = empty();
  const live = empty();
  const selected = empty();
  const skipStill = snapshot && moving.size > 0;
  for (const edge of edges) {
    const isLive = moving.has(edge.source) || moving.has(edge.target);
    if (skipStill && !edge.selected && !isLive) continue;
    const link = curveOf(edge, lookup);
    if (!link) continue;
    const group = edge.selected ? selected : isLive ? live : still;
    const tool = edge.targetHandle === PERMISSION_HANDLE;
    if (tool) group.tool += curvePath(link.curve);
    else group.control += curvePath(link.curve);
    if (tool) group.toolArrows += arrowPath(link.end, ARROW);
    else group.arrows += arrowPath(link.end, ARROW);
  }
  return (
    <EdgeLabelRenderer>
      <svg
        className="pointer-events-none absolute left-0 top-0 overflow-visible"
        width={1}
        height={1}
        aria-hidden
        data-testid="edge-overview"
      >
        <Layer paths={still} unit={unit} layer="still" />
        <Layer paths={live} unit={unit} layer="live" />
        <Layer paths={selected} unit={unit} layer="selected" />
      </svg>
    </EdgeLabelRenderer>
  );
}
