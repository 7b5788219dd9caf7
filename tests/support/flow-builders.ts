// Small hand-built graphs for the flow unit tests: each node starts from the registry's palette defaults.
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { flowGraphSchema, type FlowGraph, type FlowGraphInput, type NodeKind } from "@/lib/model/flow/schema";

type NodeInput = FlowGraphInput["nodes"][number];
type EdgeInput = FlowGraphInput["edges"][number];

export function node(id: string, kind: NodeKind, config: Record<string, unknown> = {}, label = id): NodeInput {
  const defaults = NODE_KINDS[kind].defaultConfig() as Record<string, unknown>;
  return { id, kind, label, position: { x: 0, y: 0 }, config: { ...defaults, ...config } } as NodeInput;
}

export function link(
  source: string,
  target: string,
  sourceHandle = "out",
  id = `${source}-${sourceHandle}-${target}`,
): EdgeInput {
  return { id, source, sourceHandle, target };
}

export function permit(agent: string, tool: string, permission: Record<string, unknown> = {}): EdgeInput {
  return {
    id: `perm-${agent}-${tool}`,
    kind: "tool",
    source: agent,
    sourceHandle: "tools",
    target: tool,
    targetHandle: "permission",
    permission,
  };
}

export function graphInput(nodes: NodeInput[], edges: EdgeInput[]): FlowGraphInput {
  return { schemaVersion: 1, nodes, edges };
}

export function graph(nodes: NodeInput[], edges: EdgeInput[]): FlowGraph {
  return flowGraphSchema.parse(graphInput(nodes, edges));
}

export const reply = (id: string, text = "Thanks, noted.", extra: Record<string, unknown> = {}) =>
  node(id, "agent", { reply: text, ...extra });
export const lookupAgent = (id: string, text = "Order {{order.number}} is on its way.") =>
  reply(id, text, { tool: "lookup_order" });
export const orderTool = (id = "orders") =>
  node(id, "tool", { source: "builtin", builtin: "lookup_order", sideEffect: false });
export const examples = (topic: string, count = 5) =>
  Array.from({ length: count }, (_, i) => `${topic} question ${i + 1}`);
export const route = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id.replace(/_/g, " "),
  examples: examples(id),
  ...extra,
});
