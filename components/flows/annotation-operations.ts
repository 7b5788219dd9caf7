// Sticky notes and groups as pure graph edits (FlowGraph in, FlowGraph out), like graph-operations.ts for nodes:
// adding, editing, moving (a group takes its members along), deleting, and keeping groups' member lists honest when
// nodes go. annotation-store.ts wires them into the editor store.
import { NOTE_SIZE, type FlowGroup, type FlowNote } from "@/lib/model/flow/annotations";
import { estimatedSize, freeSpot, type Point, type Size } from "@/lib/model/flow/placement";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { uniqueId } from "./graph-operations";

/** Room around a group's members, with a title bar above them. */
const GROUP_PAD = 24;
const GROUP_TITLE = 28;
const EMPTY_GROUP: Size = { width: 320, height: 200 };

export type NoteEdit = Partial<Pick<FlowNote, "text" | "color">>;
export type GroupEdit = Partial<Pick<FlowGroup, "title" | "color">>;

function annotationIds(graph: FlowGraph): Set<string> {
  return new Set([...(graph.notes ?? []), ...(graph.groups ?? [])].map((a) => a.id));
}

/** A note near `centre`, on the first spot that covers no node and no other note. */
export function addNote(
  graph: FlowGraph,
  centre: Point,
  sizes: Map<string, Size> = new Map(),
): { graph: FlowGraph; id: string } {
  const boxes = [
    ...graph.nodes.map((n) => ({ ...n.position, ...(sizes.get(n.id) ?? estimatedSize(n)) })),
    ...(graph.notes ?? []).map((n) => ({ ...n.position, ...n.size })),
  ];
  const start = { x: centre.x - NOTE_SIZE.width / 2, y: centre.y - NOTE_SIZE.height / 2 };
  const note: FlowNote = {
    id: uniqueId("note", annotationIds(graph)),
    text: "",
    color: "yellow",
    position: freeSpot(boxes, start, NOTE_SIZE),
    size: { ...NOTE_SIZE },
  };
  return { graph: { ...graph, notes: [...(graph.notes ?? []), note] }, id: note.id };
}

/**
 * A group framing `nodeIds` (their boxes plus a margin and a title bar), or an empty frame at `centre` when there are
 * none; a node belongs to one group at most, so the members leave any group they were in.
 */
export function addGroup(
  graph: FlowGraph,
  nodeIds: string[],
  centre: Point,
  sizes: Map<string, Size> = new Map(),
): { graph: FlowGraph; id: string } {
  const ids = new Set(nodeIds);
  const members = graph.nodes.filter((n) => ids.has(n.id));
  const frame = frameAround(graph, nodeIds, sizes) ?? {
    position: { x: Math.round(centre.x - EMPTY_GROUP.width / 2), y: Math.round(centre.y - EMPTY_GROUP.height / 2) },
    size: EMPTY_GROUP,
  };
  const count = (graph.groups ?? []).length;
  const group: FlowGroup = {
    id: uniqueId("group", annotationIds(graph)),
    title: count ? `Group ${count + 1}` : "Group",
    color: "blue",
    ...frame,
    nodeIds: members.map((n) => n.id),
  };
  const others = (graph.groups ?? []).map((g) =>
    g.nodeIds.some((id) => ids.has(id)) ? { ...g, nodeIds: g.nodeIds.filter((id) => !ids.has(id)) } : g,
  );
  return { graph: { ...graph, groups: [...others, group] }, id: group.id };
}

/** The frame around the nodes (their boxes, a margin, a title bar above), or null when none of them is present. */
function frameAround(
  graph: FlowGraph,
  nodeIds: string[],
  sizes: Map<string, Size>,
): { position: Point; size: Size } | null {
  const ids = new Set(nodeIds);
  const boxes = graph.nodes
    .filter((n) => ids.has(n.id))
    .map((n) => ({ ...n.position, ...(sizes.get(n.id) ?? estimatedSize(n)) }));
  if (!boxes.length) return null;
  const left = Math.min(...boxes.map((b) => b.x)) - GROUP_PAD;
  const top = Math.min(...boxes.map((b) => b.y)) - GROUP_PAD - GROUP_TITLE;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + GROUP_PAD;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + GROUP_PAD;
  return {
    position: { x: Math.round(left), y: Math.round(top) },
    size: { width: Math.round(right - left), height: Math.round(bottom - top) },
  };
}

/** After an auto-layout has moved the steps, each group is framed around its members again (an empty one stays). */
export function refitGroups(graph: FlowGraph, sizes: Map<string, Size>): FlowGraph {
  if (!graph.groups?.length) return graph;
  const groups = graph.groups.map((g) => {
    const frame = frameAround(graph, g.nodeIds, sizes);
    const same =
      !frame ||
      (frame.position.x === g.position.x &&
        frame.position.y === g.position.y &&
        frame.size.width === g.size.width &&
        frame.size.height === g.size.height);
    return same ? g : { ...g, ...frame };
  });
  return groups.every((g, i) => g === graph.groups![i]) ? graph : { ...graph, groups };
}

export function editNote(graph: FlowGraph, id: string, edit: NoteEdit): FlowGraph {
  return { ...graph, notes: (graph.notes ?? []).map((n) => (n.id === id ? { ...n, ...edit } : n)) };
}

export function editGroup(graph: FlowGraph, id: string, edit: GroupEdit): FlowGraph {
  return { ...graph, groups: (graph.groups ?? []).map((g) => (g.id === id ? { ...g, ...edit } : g)) };
}

type Frame = { position?: Point; size?: Size };

const rounded = (frame: Frame): Frame => ({
  ...(frame.position ? { position: { x: Math.round(frame.position.x), y: Math.round(frame.position.y) } } : {}),
  ...(frame.size ? { size: { width: Math.round(frame.size.width), height: Math.round(frame.size.height) } } : {}),
});

/** New positions or sizes for notes and groups (a drop, a resize, a keyboard move); members are moved separately. */
export function placeAnnotations(graph: FlowGraph, notes: Map<string, Frame>, groups: Map<string, Frame>): FlowGraph {
  if (!notes.size && !groups.size) return graph;
  return {
    ...graph,
    notes: graph.notes?.map((n) => (notes.has(n.id) ? { ...n, ...rounded(notes.get(n.id)!) } : n)),
    groups: graph.groups?.map((g) => (groups.has(g.id) ? { ...g, ...rounded(groups.get(g.id)!) } : g)),
  };
}

/** Notes and groups gone, and removed nodes taken out of their groups. Lists that were absent stay absent. */
export function removeAnnotations(graph: FlowGraph, noteIds: string[], groupIds: string[]): FlowGraph {
  const notes = new Set(noteIds);
  const groups = new Set(groupIds);
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const keptNotes = graph.notes?.filter((n) => !notes.has(n.id));
  const keptGroups = graph.groups
    ?.filter((g) => !groups.has(g.id))
    .map((g) =>
      g.nodeIds.every((id) => nodeIds.has(id)) ? g : { ...g, nodeIds: g.nodeIds.filter((id) => nodeIds.has(id)) },
    );
  const same =
    (keptNotes?.length ?? 0) === (graph.notes?.length ?? 0) &&
    (keptGroups ?? []).every((g, i) => g === graph.groups![i]) &&
    (keptGroups?.length ?? 0) === (graph.groups?.length ?? 0);
  return same ? graph : { ...graph, notes: keptNotes, groups: keptGroups };
}

/** The members of the groups, each once (a node in two groups after an import moves once). */
export function groupMembers(graph: FlowGraph, groupIds: Iterable<string>): Set<string> {
  const wanted = new Set(groupIds);
  return new Set((graph.groups ?? []).filter((g) => wanted.has(g.id)).flatMap((g) => g.nodeIds));
}
