// Terse builders for flow graphs written in tests: a node, a control edge, an agent's permission link to a tool.
import type { FlowGraphInput } from "@/lib/model/flow/schema";

export const node = (id: string, kind: string, config: Record<string, unknown>, x = 0) =>
  ({ id, kind, label: id.replace(/_/g, " "), position: { x, y: 0 }, config }) as FlowGraphInput["nodes"][number];

export const edge = (source: string, target: string, sourceHandle = "out") => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  sourceHandle,
  target,
});

export const permit = (agent: string, tool: string, permission: Record<string, unknown> = {}) => ({
  id: `p-${agent}-${tool}`,
  kind: "tool" as const,
  source: agent,
  sourceHandle: "tools",
  target: tool,
  targetHandle: "permission",
  permission,
});
