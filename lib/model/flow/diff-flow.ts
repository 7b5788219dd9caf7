// What changed between two graphs, field by field: shown before publishing and recorded in the audit trail.
// Lists of things with ids (routes, branches, slots) are matched by id, so removing the first route reports
// one removal rather than every later route as "changed".
import type { FlowEdge, FlowGraph, FlowGroup, FlowNode, FlowNote } from "./schema";

export type FieldChange = { path: string; before: unknown; after: unknown };
type PlacedChanges = {
  added: string[];
  removed: string[];
  changed: { id: string; moved: boolean; changes: FieldChange[] }[];
};
export type FlowDiff = {
  nodes: PlacedChanges;
  edges: { added: string[]; removed: string[]; changed: { id: string; changes: FieldChange[] }[] };
  /** Sticky notes and groups: versioned like nodes, though the engine never reads them. */
  notes: PlacedChanges;
  groups: PlacedChanges;
  isEmpty: boolean;
};

export function diffFlows(before: FlowGraph, after: FlowGraph): FlowDiff {
  const nodes = diffById(before.nodes, after.nodes, nodeChange);
  const edges = diffById(before.edges, after.edges, edgeChange);
  const notes = diffById(before.notes ?? [], after.notes ?? [], annotationChange<FlowNote>);
  const groups = diffById(before.groups ?? [], after.groups ?? [], annotationChange<FlowGroup>);
  const isEmpty = [nodes, edges, notes, groups].every(
    (part) => part.added.length === 0 && part.removed.length === 0 && part.changed.length === 0,
  );
  return { nodes, edges, notes, groups, isEmpty };
}

export function summarizeDiff(diff: FlowDiff): string {
  if (diff.isEmpty) return "No changes";
  const edited = diff.nodes.changed.filter((change) => change.changes.length > 0).length;
  const movedOnly = diff.nodes.changed.length - edited;
  const parts = [
    counts("node", [
      [diff.nodes.added.length, "added"],
      [diff.nodes.removed.length, "removed"],
      [edited, "changed"],
      [movedOnly, "moved"],
    ]),
    counts("edge", [
      [diff.edges.added.length, "added"],
      [diff.edges.removed.length, "removed"],
      [diff.edges.changed.length, "changed"],
    ]),
    ...(["note", "group"] as const).map((noun) => {
      const part = noun === "note" ? diff.notes : diff.groups;
      return counts(noun, [
        [part.added.length, "added"],
        [part.removed.length, "removed"],
        [part.changed.length, "changed"],
      ]);
    }),
  ];
  return parts.filter(Boolean).join(", ");
}

/** "2 nodes added, 1 changed": the noun once, on the first non-zero count. */
function counts(noun: string, entries: [number, string][]): string {
  const present = entries.filter(([count]) => count > 0);
  return present
    .map(([count, verb], i) => (i === 0 ? `${count} ${noun}${count === 1 ? "" : "s"} ${verb}` : `${count} ${verb}`))
    .join(", ");
}

function diffById<T extends { id: string }, C>(before: T[], after: T[], change: (a: T, b: T) => C | null) {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  const added: string[] = [];
  const changed: C[] = [];
  for (const item of after) {
    const previous = beforeById.get(item.id);
    if (!previous) {
      added.push(item.id);
      continue;
    }
    const difference = change(previous, item);
    if (difference) changed.push(difference);
  }
  const removed = before.filter((item) => !afterIds.has(item.id)).map((item) => item.id);
  return { added, removed, changed };
}

function nodeChange(before: FlowNode, after: FlowNode) {
  const moved = before.position.x !== after.position.x || before.position.y !== after.position.y;
  const changes: FieldChange[] = [];
  compare(before.kind, after.kind, "kind", changes);
  compare(before.label, after.label, "label", changes);
  compare(before.config, after.config, "config", changes);
  return moved || changes.length ? { id: after.id, moved, changes } : null;
}

/** A note or a group: moved when only its position differs; its text, title, colour, size or members are changes. */
function annotationChange<T extends FlowNote | FlowGroup>(before: T, after: T) {
  const moved = before.position.x !== after.position.x || before.position.y !== after.position.y;
  const changes: FieldChange[] = [];
  compare({ ...before, position: undefined }, { ...after, position: undefined }, "", changes);
  return moved || changes.length ? { id: after.id, moved, changes } : null;
}

function edgeChange(before: FlowEdge, after: FlowEdge) {
  const changes: FieldChange[] = [];
  compare(before, after, "", changes);
  return changes.length ? { id: after.id, changes } : null;
}

function compare(before: unknown, after: unknown, path: string, out: FieldChange[]) {
  if (Object.is(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) return compareObjects(before, after, path, out);
  if (Array.isArray(before) && Array.isArray(after)) return compareArrays(before, after, path, out);
  out.push({ path, before, after });
}

function compareObjects(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: string,
  out: FieldChange[],
) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) compare(before[key], after[key], path ? `${path}.${key}` : key, out);
}

function compareArrays(before: unknown[], after: unknown[], path: string, out: FieldChange[]) {
  if (before.every(isPrimitive) && after.every(isPrimitive)) {
    // Lists of words (examples, channels, skills) read best as one before/after pair.
    if (before.length !== after.length || before.some((value, i) => !Object.is(value, after[i])))
      out.push({ path, before, after });
    return;
  }
  if (hasUniqueIds(before) && hasUniqueIds(after)) return compareKeyedArrays(before, after, path, out);
  for (let i = 0; i < Math.max(before.length, after.length); i++) compare(before[i], after[i], `${path}[${i}]`, out);
}

type Keyed = { id: string } & Record<string, unknown>;

/** Indexes in paths are positions in `after`; a removed item keeps its position in `before`. A reorder is one change of the id order. */
function compareKeyedArrays(before: Keyed[], after: Keyed[], path: string, out: FieldChange[]) {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  after.forEach((item, i) => compare(beforeById.get(item.id), item, `${path}[${i}]`, out));
  before.forEach((item, i) => {
    if (!afterIds.has(item.id)) out.push({ path: `${path}[${i}]`, before: item, after: undefined });
  });
  const keptBefore = before.filter((item) => afterIds.has(item.id)).map((item) => item.id);
  const keptAfter = after.filter((item) => beforeById.has(item.id)).map((item) => item.id);
  if (keptBefore.some((id, i) => id !== keptAfter[i])) out.push({ path, before: keptBefore, after: keptAfter });
}

function hasUniqueIds(items: unknown[]): items is Keyed[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (!isPlainObject(item) || typeof item.id !== "string" || ids.has(item.id)) return false;
    ids.add(item.id);
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown) {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}
