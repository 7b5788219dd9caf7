// Notes and groups as React Flow nodes, beside convert.ts (which does the steps). Their React Flow ids carry a
// prefix with a colon, which no node id may contain, so one list of canvas nodes holds both without a clash.
import type { Node } from "@xyflow/react";
import { annotationShapes, type AnnotationShape, type FlowGroup, type FlowNote } from "@/lib/model/flow/annotations";
import type { FlowGraph } from "@/lib/model/flow/schema";

export const NOTE_TYPE = "sb-note";
export const GROUP_TYPE = "sb-group";
/**
 * Below every step (a selected node is raised by 1000, which keeps a selected group at 0, still under its members),
 * and under the links too, so a frame never hides what it frames.
 */
const GROUP_Z = -1000;

export type AnnotationData = {
  shape: AnnotationShape;
  /** The History diff's mark on it. */
  status?: string;
  /** How many nodes a group holds (the editor says so to screen readers). */
  members?: number;
  /** The graph's own object, so an unchanged note keeps its React Flow node. */
  item?: FlowNote | FlowGroup;
};
export type AnnotationNode = Node<AnnotationData, typeof NOTE_TYPE | typeof GROUP_TYPE>;

export const annotationRfId = (kind: "note" | "group", id: string) => `${kind}:${id}`;

/** `note:x` → { kind: "note", id: "x" }; null for a step's id. */
export function parseAnnotationRfId(rfId: string): { kind: "note" | "group"; id: string } | null {
  const colon = rfId.indexOf(":");
  if (colon < 0) return null;
  const kind = rfId.slice(0, colon);
  return kind === "note" || kind === "group" ? { kind, id: rfId.slice(colon + 1) } : null;
}

export function isAnnotationRfId(rfId: string): boolean {
  return parseAnnotationRfId(rfId) !== null;
}

function describe(shape: AnnotationShape, members?: number): string {
  if (shape.kind === "group")
    return `Group: ${shape.text || "untitled"}${members === undefined ? "" : `, ${members} node${members === 1 ? "" : "s"}`}`;
  const text = shape.text.trim().replace(/\s+/g, " ");
  return `Note: ${text ? (text.length > 80 ? `${text.slice(0, 79)}…` : text) : "empty"}`;
}

/** A React Flow node for a note or group; read-only canvases pass a status, the editor its graph object. */
export function toAnnotationNode(
  shape: AnnotationShape,
  extra: { status?: string; members?: number; item?: FlowNote | FlowGroup; prev?: AnnotationNode } = {},
): AnnotationNode {
  const { prev, ...data } = extra;
  return {
    ...(prev ?? {}),
    id: annotationRfId(shape.kind, shape.id),
    type: shape.kind === "note" ? NOTE_TYPE : GROUP_TYPE,
    position: shape.position,
    width: shape.size.width,
    height: shape.size.height,
    zIndex: shape.kind === "group" ? GROUP_Z : undefined,
    ariaLabel: describe(shape, data.members),
    data: { shape, ...data },
  };
}

/** The editor's annotation nodes from the graph, reusing every one whose note or group did not change. */
export function syncAnnotationNodes(prev: AnnotationNode[], graph: FlowGraph): AnnotationNode[] {
  const items: (FlowNote | FlowGroup)[] = [...(graph.groups ?? []), ...(graph.notes ?? [])];
  if (!items.length && !prev.length) return prev;
  const byId = new Map(prev.map((n) => [n.id, n]));
  const shapes = annotationShapes(graph);
  let changed = prev.length !== items.length;
  const next = shapes.map((shape, i) => {
    const item = items[i];
    const old = byId.get(annotationRfId(shape.kind, shape.id));
    if (old && old.data.item === item) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    const members = "nodeIds" in item ? item.nodeIds.length : undefined;
    return toAnnotationNode(shape, { item, members, prev: old });
  });
  return changed ? next : prev;
}
