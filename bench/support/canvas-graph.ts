// The canvas benchmark's flow: a layered graph of the given size, generated the same way on every run.
import { nodeOutputs, NODE_KINDS } from "@/lib/model/flow/registry";
import { flowGraphSchema, type FlowGraph, type FlowGraphInput, type NodeKind } from "@/lib/model/flow/schema";

/** A layered graph: a start node, then columns of routers/agents/conditions/responses/ends; tools to the side. */
export function generateGraph(nodeCount: number, edgeCount: number): FlowGraph {
  const mix: [NodeKind, number][] = [
    ["router", 0.05],
    ["agent", 0.35],
    ["condition", 0.08],
    ["response", 0.17],
    ["set_memory", 0.05],
    ["end", 0.1],
  ];
  const toolCount = Math.max(1, Math.round(nodeCount * 0.2));
  const nodes: FlowGraphInput["nodes"] = [];
  const add = (kind: NodeKind, i: number, x: number, y: number) => {
    const config = structuredClone(NODE_KINDS[kind].defaultConfig()) as Record<string, unknown>;
    if (kind === "response") config.template = `Reply number ${i}`;
    if (kind === "condition") config.branches = [{ id: "when_1", label: "When", expression: "state.n > 1" }];
    if (kind === "set_memory") config.assignments = [{ key: `k${i}`, value: "v", scope: "conversation" }];
    nodes.push({
      id: `${kind}_${i}`,
      kind,
      label: `${NODE_KINDS[kind].label} ${i}`,
      position: { x, y },
      config,
    } as FlowGraphInput["nodes"][number]);
  };
  add("start", 0, 0, 0);
  const flowCount = nodeCount - 1 - toolCount;
  const perColumn = 20;
  for (let i = 0; i < flowCount; i++) {
    let r = ((i * 7919) % 1000) / 1000;
    let kind: NodeKind = "agent";
    for (const [k, share] of mix) {
      if (r < share) {
        kind = k;
        break;
      }
      r -= share;
    }
    add(kind, i + 1, 320 * (1 + Math.floor(i / perColumn)), 160 * (i % perColumn));
  }
  for (let i = 0; i < toolCount; i++)
    add("tool", flowCount + 1 + i, 320 * (2 + Math.floor(i / perColumn)), 160 * perColumn + 200 + 160 * (i % 5));

  const graph = flowGraphSchema.parse({ schemaVersion: 1, nodes, edges: [] });
  const edges: FlowGraphInput["edges"] = [];
  const flowNodes = graph.nodes.filter((n) => n.kind !== "tool");
  const agents = graph.nodes.filter((n) => n.kind === "agent");
  const tools = graph.nodes.filter((n) => n.kind === "tool");
  // Each flow node after the start gets one incoming control edge from an earlier node with outputs.
  for (let i = 1; i < flowNodes.length && edges.length < edgeCount; i++) {
    const target = flowNodes[i];
    let source = flowNodes[Math.max(0, i - perColumn + ((i * 13) % 5))];
    for (let j = i - 1; nodeOutputs(source).length === 0 && j >= 0; j--) source = flowNodes[j];
    const ports = nodeOutputs(source);
    edges.push({
      id: `e${edges.length}`,
      kind: "control",
      source: source.id,
      sourceHandle: ports[i % ports.length].id,
      target: target.id,
      targetHandle: "in",
    });
  }
  // The rest are agent → tool permission links.
  for (let i = 0; edges.length < edgeCount && i < agents.length * tools.length; i++) {
    const agent = agents[i % agents.length];
    const tool = tools[(i * 31) % tools.length];
    if (edges.some((e) => e.kind === "tool" && e.source === agent.id && e.target === tool.id)) continue;
    edges.push({
      id: `e${edges.length}`,
      kind: "tool",
      source: agent.id,
      sourceHandle: "tools",
      target: tool.id,
      targetHandle: "permission",
      permission: {},
    });
  }
  return flowGraphSchema.parse({ schemaVersion: 1, nodes: graph.nodes, edges });
}
