// What audit entries record about a graph change: the one-line summary and the ids that changed, never whole
// graphs (they can hold thousands of training examples).
import { diffFlows, summarizeDiff } from "./diff-flow";
import { draftGraphSchema, type FlowGraph } from "./schema";

export type DiffAudit = {
  summary: string;
  nodes: { added: string[]; removed: string[]; changed: string[] };
  edges: { added: string[]; removed: string[]; changed: string[] };
};

const MAX_IDS = 50;
const cap = (ids: string[]) =>
  ids.length > MAX_IDS ? [...ids.slice(0, MAX_IDS), `…and ${ids.length - MAX_IDS} more`] : ids;

/**
 * `before` is stored JSON, or null when there is nothing before (a first version). A graph that predates the
 * current schema cannot be diffed: then only the new graph's size is described.
 */
export function diffForAudit(before: unknown, after: FlowGraph): DiffAudit {
  const parsed = before === null ? null : draftGraphSchema.safeParse(before);
  if (!parsed?.success) {
    const size = `${after.nodes.length} nodes and ${after.edges.length} edges`;
    return {
      summary: parsed ? `Replaced an unreadable graph with ${size}` : `First version: ${size}`,
      nodes: { added: cap(after.nodes.map((n) => n.id)), removed: [], changed: [] },
      edges: { added: cap(after.edges.map((e) => e.id)), removed: [], changed: [] },
    };
  }
  const diff = diffFlows(parsed.data, after);
  return {
    summary: summarizeDiff(diff),
    nodes: {
      added: cap(diff.nodes.added),
      removed: cap(diff.nodes.removed),
      changed: cap(diff.nodes.changed.map((c) => c.id)),
    },
    edges: {
      added: cap(diff.edges.added),
      removed: cap(diff.edges.removed),
      changed: cap(diff.edges.changed.map((c) => c.id)),
    },
  };
}
