// What the moving overview's picture shows (snapshot-draw.ts draws it): every step card as flow-node.tsx would draw
// it zoomed out, placed where React Flow measured it, and every link EdgeOverview would draw, less what stays live
// in the DOM while the picture stands in (the nodes being dragged, their links, selected links).
import type { Edge, InternalNode, Node } from "@xyflow/react";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeIssueSummary } from "./graph-operations";
import { PERMISSION_HANDLE, safeOutputs, TOOLS_HANDLE, type DesignerNode } from "./convert";
import { arrowPath, curvePath } from "./edge-geometry";
import { ARROW, curveOf } from "./edge-overview";
import { kindVisual } from "./kind-meta";
import { handleDot, OVERVIEW_TEXT, placeRouteLabels } from "./route-labels";
import type { Snapshot, SnapshotCard, SnapshotHandle, SnapshotTone } from "./snapshot-draw";
import type { TraceMark } from "./store";

/** A test step that went wrong: its node is drawn in red (flow-node.tsx and the snapshot agree). */
export const traceFailed = (mark: TraceMark | undefined) =>
  !!mark && (mark.status === "failed" || mark.status === "error" || !!mark.error);

export type SceneInput = {
  lookup: Map<string, InternalNode<Node>>;
  edges: Edge[];
  issues: Record<string, NodeIssueSummary>;
  trace: Record<string, TraceMark>;
  /** Nodes drawn live by the DOM while the snapshot shows (being dragged): left out, with their links. */
  exclude: ReadonlySet<string>;
  icon: (kind: string) => CanvasImageSource | null;
};

function toneOf(selected: boolean, issues: NodeIssueSummary | undefined, mark: TraceMark | undefined): SnapshotTone {
  if (mark) return traceFailed(mark) ? "failed" : "traced";
  if (selected) return "selected";
  return issues?.errors ? "errors" : "plain";
}

function badgesOf(issues: NodeIssueSummary | undefined, mark: TraceMark | undefined): SnapshotCard["badges"] {
  const badges: SnapshotCard["badges"] = [];
  if (issues)
    badges.push(
      issues.errors
        ? { text: String(issues.errors), fill: "#e11d48", ink: "#ffffff" }
        : { text: String(issues.warnings), fill: "#fbbf24", ink: "#451a03" },
    );
  if (mark) badges.push({ text: String(mark.order), fill: traceFailed(mark) ? "#e11d48" : "#0284c7", ink: "#ffffff" });
  return badges;
}

function cardOf(internal: InternalNode<Node>, input: SceneInput): SnapshotCard | null {
  const width = internal.measured.width;
  const height = internal.measured.height;
  if (internal.type !== "flow" || !width || !height) return null;
  const node = (internal as InternalNode<DesignerNode>).data.node;
  const bounds = internal.internals.handleBounds;
  const handleBoxes = [...(bounds?.source ?? []), ...(bounds?.target ?? [])];
  const handles: SnapshotHandle[] = handleBoxes.map((box) => ({
    x: box.x + box.width / 2,
    y: box.y + box.height / 2,
    size: box.width,
    tool: box.id === PERMISSION_HANDLE || box.id === TOOLS_HANDLE,
  }));
  const centreOf = (id: string) => handles[handleBoxes.findIndex((box) => box.id === id)]?.y ?? null;
  const dot = handleDot(OVERVIEW_TEXT);
  const rows = placeRouteLabels(safeOutputs(node), OVERVIEW_TEXT).flatMap((row) => {
    const y = centreOf(row.id);
    return y === null ? [] : [{ text: row.text, y, right: width - 1 - OVERVIEW_TEXT.pad - dot / 2 }];
  });
  const firstRow = rows[0] ? rows[0].y - OVERVIEW_TEXT.rowPitch / 2 - 1 : null;
  const issues = input.issues[internal.id];
  const mark = input.trace[internal.id];
  return {
    x: internal.internals.positionAbsolute.x,
    y: internal.internals.positionAbsolute.y,
    width,
    height,
    category: kindVisual(node.kind).category,
    label: node.label,
    rows,
    rowsTop: firstRow,
    toolsTop: NODE_KINDS[node.kind]?.toolLinks === "source" ? height - 1 - OVERVIEW_TEXT.rowPitch * 0.6 : null,
    handles,
    tone: toneOf(!!internal.selected, issues, mark),
    badges: badgesOf(issues, mark),
    icon: input.icon(node.kind),
  };
}

export function snapshotScene(input: SceneInput): Snapshot {
  const cards: SnapshotCard[] = [];
  for (const internal of input.lookup.values()) {
    if (input.exclude.has(internal.id)) continue;
    const card = cardOf(internal, input);
    if (card) cards.push(card);
  }
  const links: Snapshot["links"] = [];
  for (const edge of input.edges) {
    if (edge.selected || input.exclude.has(edge.source) || input.exclude.has(edge.target)) continue;
    const link = curveOf(edge, input.lookup);
    if (!link) continue;
    links.push({
      path: curvePath(link.curve),
      arrow: arrowPath(link.end, ARROW),
      tool: edge.targetHandle === PERMISSION_HANDLE,
    });
  }
  return { cards, links };
}

/** The flow-unit box around every card, with room for what overhangs a card (chip, badges, rings). */
export function sceneBounds(lookup: Map<string, InternalNode<Node>>, margin = 60) {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const internal of lookup.values()) {
    const { x, y } = internal.internals.positionAbsolute;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + (internal.measured.width ?? 0));
    bottom = Math.max(bottom, y + (internal.measured.height ?? 0));
  }
  if (left === Infinity) return null;
  return { x: left - margin, y: top - margin, width: right - left + 2 * margin, height: bottom - top + 2 * margin };
}
