// Pure: turns two versions' graphs and their diff into what the history page draws: every node of the newer
// version (plus the removed ones, as ghosts at their old position) tagged added / changed / moved / removed, and a
// readable list of changes. No database, no React.
import { diffFlows, type FieldChange, type FlowDiff } from "@/lib/model/flow/diff-flow";
import { NODE_KINDS, nodeOutputs } from "@/lib/model/flow/registry";
import type { AnnotationShape } from "@/lib/model/flow/annotations";
import {
  LOW_CONFIDENCE_HANDLE,
  type FlowEdge,
  type FlowGraph,
  type FlowGroup,
  type FlowNode,
  type FlowNote,
} from "@/lib/model/flow/schema";

export type DiffStatus = "added" | "changed" | "moved" | "removed" | "unchanged";

export type DiffNodeView = {
  id: string;
  label: string;
  kind: string;
  kindLabel: string;
  position: { x: number; y: number };
  /** Its outputs, one row each on the canvas. */
  outputs: { id: string; label: string }[];
  status: DiffStatus;
  changeCount: number;
};

export type DiffEdgeView = {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
  label: string | null;
  status: DiffStatus;
};

/** A sticky note or a group as the diff canvas draws it: the newer version's, plus removed ones as ghosts. */
export type AnnotationView = AnnotationShape & { status: DiffStatus };

export type ChangeLine = { path: string; before: string; after: string };

export type ChangeItem = {
  key: string;
  target: "node" | "edge" | "note" | "group";
  id: string;
  title: string;
  status: Exclude<DiffStatus, "unchanged">;
  lines: ChangeLine[];
};

export type VersionDiffView = {
  nodes: DiffNodeView[];
  edges: DiffEdgeView[];
  annotations: AnnotationView[];
  changes: ChangeItem[];
  summary: { added: number; changed: number; removed: number; moved: number; edges: number; annotations: number };
  isEmpty: boolean;
};

const MAX_VALUE = 160;

/** A short, readable rendering of a changed value. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (value === null) return "null";
  if (typeof value === "string") return value === "" ? "(empty)" : clip(`“${value}”`);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "(empty list)";
    const text = JSON.stringify(value);
    return text.length <= MAX_VALUE ? text : `${value.length} items`;
  }
  return clip(JSON.stringify(value));
}

function clip(text: string): string {
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function handleLabel(node: FlowNode | undefined, handle: string): string | null {
  if (handle === "out" || handle === "tools") return null;
  if (handle === LOW_CONFIDENCE_HANDLE) return "low confidence";
  if (node?.kind === "router") return node.config.routes.find((r) => r.id === handle)?.label ?? handle;
  if (node?.kind === "condition" || node?.kind === "parallel")
    return node.config.branches.find((b) => b.id === handle)?.label ?? handle;
  return handle;
}

function edgeTitle(edge: FlowEdge, nodes: Map<string, FlowNode>): string {
  const source = nodes.get(edge.source)?.label ?? edge.source;
  const target = nodes.get(edge.target)?.label ?? edge.target;
  const handle = handleLabel(nodes.get(edge.source), edge.sourceHandle);
  return `${source}${handle ? ` (${handle})` : ""} → ${target}${edge.kind === "tool" ? " (tool permission)" : ""}`;
}

const lines = (changes: FieldChange[]): ChangeLine[] =>
  changes.map((c) => ({ path: c.path || "(edge)", before: formatValue(c.before), after: formatValue(c.after) }));

export function prepareVersionDiff(before: FlowGraph, after: FlowGraph): VersionDiffView {
  const diff = diffFlows(before, after);
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const added = new Set(diff.nodes.added);
  const changedNodes = new Map(diff.nodes.changed.map((c) => [c.id, c]));
  const addedEdges = new Set(diff.edges.added);
  const changedEdges = new Map(diff.edges.changed.map((c) => [c.id, c]));

  const nodeView = (node: FlowNode, status: DiffStatus, changeCount = 0): DiffNodeView => ({
    id: node.id,
    label: node.label,
    kind: node.kind,
    kindLabel: NODE_KINDS[node.kind].label,
    position: node.position,
    outputs: nodeOutputs(node).map((port) => ({ id: port.id, label: port.label })),
    status,
    changeCount,
  });

  const nodes: DiffNodeView[] = after.nodes.map((node) => {
    if (added.has(node.id)) return nodeView(node, "added");
    const change = changedNodes.get(node.id);
    if (!change) return nodeView(node, "unchanged");
    return nodeView(node, change.changes.length ? "changed" : "moved", change.changes.length);
  });
  for (const id of diff.nodes.removed) {
    const node = beforeNodes.get(id);
    if (node) nodes.push(nodeView(node, "removed"));
  }

  const edgeView = (edge: FlowEdge, status: DiffStatus, graphNodes: Map<string, FlowNode>): DiffEdgeView => ({
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    targetHandle: edge.targetHandle,
    label: handleLabel(graphNodes.get(edge.source), edge.sourceHandle) ?? edge.label ?? null,
    status,
  });
  const edges: DiffEdgeView[] = after.edges.map((edge) =>
    edgeView(edge, addedEdges.has(edge.id) ? "added" : changedEdges.has(edge.id) ? "changed" : "unchanged", afterNodes),
  );
  const removedEdgeIds = new Set(diff.edges.removed);
  for (const edge of before.edges) {
    // A removed edge is drawn only while both its ends are still on the canvas (a removed node is drawn as a ghost).
    if (removedEdgeIds.has(edge.id)) edges.push(edgeView(edge, "removed", beforeNodes));
  }

  const changes: ChangeItem[] = [];
  for (const id of diff.nodes.added) {
    const node = afterNodes.get(id)!;
    changes.push({
      key: `n+${id}`,
      target: "node",
      id,
      title: `${node.label} (${NODE_KINDS[node.kind].label})`,
      status: "added",
      lines: [],
    });
  }
  for (const change of diff.nodes.changed) {
    const node = afterNodes.get(change.id)!;
    const status = change.changes.length ? "changed" : "moved";
    const moved = change.moved
      ? [{ path: "position", before: fmtPos(beforeNodes.get(change.id)!), after: fmtPos(node) }]
      : [];
    changes.push({
      key: `n~${change.id}`,
      target: "node",
      id: change.id,
      title: node.label,
      status,
      lines: [...lines(change.changes), ...moved],
    });
  }
  for (const id of diff.nodes.removed) {
    const node = beforeNodes.get(id)!;
    changes.push({
      key: `n-${id}`,
      target: "node",
      id,
      title: `${node.label} (${NODE_KINDS[node.kind].label})`,
      status: "removed",
      lines: [],
    });
  }
  for (const id of diff.edges.added) {
    const edge = after.edges.find((e) => e.id === id)!;
    changes.push({
      key: `e+${id}`,
      target: "edge",
      id,
      title: edgeTitle(edge, afterNodes),
      status: "added",
      lines: [],
    });
  }
  for (const change of diff.edges.changed) {
    const edge = after.edges.find((e) => e.id === change.id)!;
    changes.push({
      key: `e~${change.id}`,
      target: "edge",
      id: change.id,
      title: edgeTitle(edge, afterNodes),
      status: "changed",
      lines: lines(change.changes),
    });
  }
  for (const id of diff.edges.removed) {
    const edge = before.edges.find((e) => e.id === id)!;
    changes.push({
      key: `e-${id}`,
      target: "edge",
      id,
      title: edgeTitle(edge, beforeNodes),
      status: "removed",
      lines: [],
    });
  }

  const notes = annotationParts("note", before.notes ?? [], after.notes ?? [], diff.notes);
  const groups = annotationParts("group", before.groups ?? [], after.groups ?? [], diff.groups);
  changes.push(...notes.changes, ...groups.changes);

  const editedNodes = diff.nodes.changed.filter((c) => c.changes.length).length;
  return {
    nodes,
    edges,
    // Groups first: drawn behind everything else.
    annotations: [...groups.views, ...notes.views],
    changes,
    summary: {
      added: diff.nodes.added.length,
      changed: editedNodes,
      removed: diff.nodes.removed.length,
      moved: diff.nodes.changed.length - editedNodes,
      edges: diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length,
      annotations: notes.changes.length + groups.changes.length,
    },
    isEmpty: diff.isEmpty,
  };
}

const fmtPos = (node: { position: { x: number; y: number } }) =>
  `(${Math.round(node.position.x)}, ${Math.round(node.position.y)})`;

/** The views and change items of one kind of annotation; a note is titled by the start of its text. */
function annotationParts(
  kind: "note" | "group",
  before: (FlowNote | FlowGroup)[],
  after: (FlowNote | FlowGroup)[],
  diff: FlowDiff["notes"],
): { views: AnnotationView[]; changes: ChangeItem[] } {
  const text = (item: FlowNote | FlowGroup) => ("text" in item ? item.text : item.title);
  const title = (item: FlowNote | FlowGroup) =>
    kind === "group" ? text(item) || "(untitled group)" : clip(`“${text(item).split("\n")[0] || "(empty note)"}”`);
  const view = (item: FlowNote | FlowGroup, status: DiffStatus): AnnotationView => ({
    kind,
    id: item.id,
    text: text(item),
    color: item.color,
    position: item.position,
    size: item.size,
    status,
  });
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const added = new Set(diff.added);
  const changedById = new Map(diff.changed.map((c) => [c.id, c]));
  const views = after.map((item) => {
    const change = changedById.get(item.id);
    const status: DiffStatus = added.has(item.id)
      ? "added"
      : !change
        ? "unchanged"
        : change.changes.length
          ? "changed"
          : "moved";
    return view(item, status);
  });
  const changes: ChangeItem[] = [];
  for (const item of after) {
    const change = changedById.get(item.id);
    if (added.has(item.id))
      changes.push({
        key: `${kind}+${item.id}`,
        target: kind,
        id: item.id,
        title: title(item),
        status: "added",
        lines: [],
      });
    else if (change) {
      const old = beforeById.get(item.id)!;
      const moved = change.moved ? [{ path: "position", before: fmtPos(old), after: fmtPos(item) }] : [];
      changes.push({
        key: `${kind}~${item.id}`,
        target: kind,
        id: item.id,
        title: title(item),
        status: change.changes.length ? "changed" : "moved",
        lines: [...lines(change.changes), ...moved],
      });
    }
  }
  for (const id of diff.removed) {
    const item = beforeById.get(id);
    if (!item) continue;
    views.push(view(item, "removed"));
    changes.push({ key: `${kind}-${id}`, target: kind, id, title: title(item), status: "removed", lines: [] });
  }
  return { views, changes };
}
