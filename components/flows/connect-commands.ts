// The command palette's "Connect" commands for the selected node: one per output and node that output may lead to,
// offered from the same rule as the inspector's output picker (graph-operations.ts's outputTargets), so a command
// is never refused. Running one is setOutputTarget: the output's old link, if any, is replaced, in one undo step.
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { safeOutputs } from "./convert";
import { linkFrom, outputTargets } from "./graph-operations";

export type ConnectCommand = {
  key: string;
  sourceId: string;
  handle: string;
  targetId: string;
  /** "Connect Router (billing) → Billing agent". */
  title: string;
  /** What it replaces, if the output already leads somewhere: "now → Fallback". */
  replaces: string | null;
  /** Lower-case text the palette's query is matched against. */
  haystack: string;
};

export function connectCommands(graph: FlowGraph, sourceId: string | null): ConnectCommand[] {
  const source = sourceId ? graph.nodes.find((n) => n.id === sourceId) : undefined;
  if (!source) return [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ports = safeOutputs(source);
  return ports.flatMap((port) => {
    const current = linkFrom(graph, source.id, port.id)?.target;
    const output = ports.length > 1 || port.id !== "out" ? ` (${port.label})` : "";
    return outputTargets(graph, source.id, port.id)
      .filter((target) => target.id !== current)
      .map((target) => {
        const title = `Connect ${source.label}${output} → ${target.label}`;
        const kind = NODE_KINDS[target.kind].label;
        return {
          key: `connect:${source.id}:${port.id}:${target.id}`,
          sourceId: source.id,
          handle: port.id,
          targetId: target.id,
          title,
          replaces: current ? `now → ${byId.get(current)?.label ?? current}` : null,
          haystack: `${title} ${target.id} ${kind} ${port.id}`.toLowerCase(),
        };
      });
  });
}

/** Every word of the query appears in the command (so "connect bill" finds "Connect Router (billing) → …"). */
export function matchesCommand(command: ConnectCommand, query: string): boolean {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => command.haystack.includes(word));
}
