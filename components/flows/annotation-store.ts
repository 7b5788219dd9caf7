// The editor store's part for sticky notes and groups (store.ts spreads it in): their React Flow nodes, their
// selection, adding and editing them, and what a drag, a keyboard move or a resize of one does. Moving a group moves
// its members with it, live while dragging and in the same undo step at the drop.
"use client";
import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import type { Point, Size } from "@/lib/model/flow/placement";
import type { FlowGraph } from "@/lib/model/flow/schema";
import {
  addGroup,
  addNote,
  editGroup,
  editNote,
  groupMembers,
  placeAnnotations,
  refitGroups,
  removeAnnotations,
  type GroupEdit,
  type NoteEdit,
} from "./annotation-operations";
import { annotationRfId, parseAnnotationRfId, syncAnnotationNodes, type AnnotationNode } from "./annotation-convert";
import { withPositions, type DesignerNode } from "./convert";
import { sameIds } from "./graph-operations";

export type AnnotationSlice = {
  rfAnnotations: AnnotationNode[];
  /** React Flow ids (`note:…`, `group:…`) of the selected notes and groups. */
  selectedAnnotationIds: string[];
  /** A note near `centre`, selected; returns its id. */
  addNote: (centre: Point) => string;
  /** A group around the selected nodes (or an empty one at `centre`), selected; returns its id and member count. */
  addGroup: (centre: Point) => { id: string; members: number };
  editNote: (id: string, edit: NoteEdit, coalesceKey?: string) => void;
  editGroup: (id: string, edit: GroupEdit, coalesceKey?: string) => void;
};

/** What the slice reads of the whole editor state (store.ts's EditorState has all of it). */
type Host = AnnotationSlice & { graph: FlowGraph; rfNodes: DesignerNode[]; selectedNodeIds: string[] };
type Internals = {
  get: () => Host;
  commit: (next: FlowGraph, coalesceKey?: string) => void;
  select: (nodeIds: string[], edgeIds: string[], annotationIds: string[]) => void;
};

export type AnyNodeChange = NodeChange<DesignerNode | AnnotationNode>;

/** Splits React Flow's changes into those for notes and groups and those for steps. */
export function splitAnnotationChanges(
  changes: AnyNodeChange[],
): [NodeChange<AnnotationNode>[], NodeChange<DesignerNode>[]] {
  const annotations: NodeChange<AnnotationNode>[] = [];
  const steps: NodeChange<DesignerNode>[] = [];
  for (const change of changes) {
    const id = change.type === "add" || change.type === "replace" ? change.item.id : change.id;
    if (parseAnnotationRfId(id)) annotations.push(change as NodeChange<AnnotationNode>);
    else steps.push(change as NodeChange<DesignerNode>);
  }
  return [annotations, steps];
}

/** Measured sizes of the steps on the canvas, for framing them. */
function measuredSizes(rfNodes: DesignerNode[]): Map<string, Size> {
  return new Map(
    rfNodes.flatMap((n) =>
      n.measured?.width && n.measured.height ? [[n.id, { width: n.measured.width, height: n.measured.height }]] : [],
    ),
  );
}

export function annotationSlice({ get, commit, select }: Internals, initial: FlowGraph): AnnotationSlice {
  return {
    rfAnnotations: syncAnnotationNodes([], initial),
    selectedAnnotationIds: [],
    addNote: (centre) => {
      const s = get();
      const { graph, id } = addNote(s.graph, centre, measuredSizes(s.rfNodes));
      commit(graph);
      select([], [], [annotationRfId("note", id)]);
      return id;
    },
    addGroup: (centre) => {
      const s = get();
      const { graph, id } = addGroup(s.graph, s.selectedNodeIds, centre, measuredSizes(s.rfNodes));
      commit(graph);
      select([], [], [annotationRfId("group", id)]);
      return { id, members: graph.groups!.find((g) => g.id === id)!.nodeIds.length };
    },
    editNote: (id, edit, coalesceKey) => commit(editNote(get().graph, id, edit), coalesceKey),
    editGroup: (id, edit, coalesceKey) => commit(editGroup(get().graph, id, edit), coalesceKey),
  };
}

/** Positions from an auto-layout, with every group framed around its members again: one undo step for both. */
export function withLayout(graph: FlowGraph, positions: Map<string, Point>, rfNodes: DesignerNode[]): FlowGraph {
  return refitGroups(withPositions(graph, positions), measuredSizes(rfNodes));
}

/** The graph without the selected notes and groups (and with deleted steps out of their groups). */
export function withoutAnnotations(graph: FlowGraph, rfIds: string[]): FlowGraph {
  const parsed = rfIds.map(parseAnnotationRfId).filter((p) => p !== null);
  return removeAnnotations(
    graph,
    parsed.filter((p) => p.kind === "note").map((p) => p.id),
    parsed.filter((p) => p.kind === "group").map((p) => p.id),
  );
}

export function allAnnotationRfIds(graph: FlowGraph): string[] {
  return [
    ...(graph.groups ?? []).map((g) => annotationRfId("group", g.id)),
    ...(graph.notes ?? []).map((n) => annotationRfId("note", n.id)),
  ];
}

/** The selection flags and list for `ids`, keeping every unchanged node object. */
export function annotationSelection(s: Host, ids: string[]): Pick<Host, "rfAnnotations" | "selectedAnnotationIds"> {
  const wanted = new Set(ids);
  return {
    rfAnnotations: s.rfAnnotations.map((n) =>
      !!n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) },
    ),
    selectedAnnotationIds: sameIds(s.selectedAnnotationIds, ids) ? s.selectedAnnotationIds : ids,
  };
}

/** The annotation nodes for a graph (after any change, undo or redo), with selection of removed ones dropped. */
export function deriveAnnotations(s: Host, graph: FlowGraph): Pick<Host, "rfAnnotations" | "selectedAnnotationIds"> {
  const rfAnnotations = syncAnnotationNodes(s.rfAnnotations, graph);
  const present = new Set(rfAnnotations.map((n) => n.id));
  const kept = s.selectedAnnotationIds.filter((id) => present.has(id));
  return {
    rfAnnotations,
    selectedAnnotationIds: kept.length === s.selectedAnnotationIds.length ? s.selectedAnnotationIds : kept,
  };
}

/**
 * React Flow's changes to notes and groups: applied to their nodes at once; a group's move is applied to its members
 * too (unless React Flow moves them itself, being selected with it); a drop, a keyboard move or the end of a resize
 * is written into `graph`, which the store commits once with any steps that moved in the same gesture.
 */
export function applyAnnotationChanges(
  s: Host,
  changes: NodeChange<AnnotationNode>[],
  stepChanges: NodeChange<DesignerNode>[],
  graph: FlowGraph,
): { patch: Partial<Host> & { dragging?: boolean }; graph: FlowGraph } {
  if (!changes.length) return { patch: {}, graph };
  const rfAnnotations = applyNodeChanges(changes, s.rfAnnotations);
  const patch: Partial<Host> & { dragging?: boolean } = { rfAnnotations };
  if (changes.some((c) => c.type === "select")) {
    const ids = rfAnnotations.filter((n) => n.selected).map((n) => n.id);
    if (!sameIds(ids, s.selectedAnnotationIds)) patch.selectedAnnotationIds = ids;
  }
  const movedByFlow = new Set(stepChanges.flatMap((c) => (c.type === "position" ? [c.id] : [])));
  const before = new Map(s.rfAnnotations.map((n) => [n.id, n.position]));
  const shifts = new Map<string, Point>();
  for (const change of changes) {
    if (change.type !== "position" || !change.position) continue;
    const group = parseAnnotationRfId(change.id);
    if (group?.kind !== "group") continue;
    const old = before.get(change.id);
    if (!old || (old.x === change.position.x && old.y === change.position.y)) continue;
    for (const member of groupMembers(graph, [group.id]))
      if (!movedByFlow.has(member)) shifts.set(member, { x: change.position.x - old.x, y: change.position.y - old.y });
  }
  let rfNodes = s.rfNodes;
  if (shifts.size) {
    rfNodes = rfNodes.map((n) => {
      const d = shifts.get(n.id);
      return d ? { ...n, position: { x: n.position.x + d.x, y: n.position.y + d.y } } : n;
    });
    patch.rfNodes = rfNodes;
  }
  if (changes.some((c) => c.type === "position"))
    patch.dragging = [...changes, ...stepChanges].some((c) => c.type === "position" && c.dragging);

  // A drop or keyboard move says dragging: false; a resize moves the frame without saying, and ends on a dimensions change.
  const settled = changes.flatMap((c) =>
    (c.type === "position" && c.dragging === false) || (c.type === "dimensions" && c.resizing === false) ? [c] : [],
  );
  if (!settled.length) return { patch, graph };
  const frames = { note: new Map<string, { position: Point; size: Size }>(), group: new Map() };
  const members = new Set<string>();
  for (const rfId of new Set(settled.map((c) => c.id))) {
    const parsed = parseAnnotationRfId(rfId)!;
    const node = rfAnnotations.find((n) => n.id === rfId);
    if (!node) continue;
    const size = {
      width: node.width ?? node.data.shape.size.width,
      height: node.height ?? node.data.shape.size.height,
    };
    frames[parsed.kind].set(parsed.id, { position: node.position, size });
    if (parsed.kind === "group") for (const id of groupMembers(graph, [parsed.id])) members.add(id);
  }
  const memberPositions = new Map(rfNodes.filter((n) => members.has(n.id)).map((n) => [n.id, n.position]));
  return { patch, graph: placeAnnotations(withPositions(graph, memberPositions), frames.note, frames.group) };
}
