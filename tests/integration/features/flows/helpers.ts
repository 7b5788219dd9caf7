// Shared by the flow designer's integration tests: a fresh workspace with a designer, and flows built from small graphs.
import { db, type Tx } from "@/lib/platform/db/client";
import { createFlow, starterGraph } from "@/lib/features/flows/create-flow";
import { flowGraphSchema, type FlowGraph, type FlowGraphInput } from "@/lib/model/flow/schema";
import { seedUser, seedWorkspace } from "@/tests/support/factories";

export const tx = <T>(fn: (t: Tx) => Promise<T>) => db().$transaction(fn, { timeout: 30_000 });

export async function designerWorkspace() {
  const { workspace, user } = await seedWorkspace({ role: "admin" });
  const designer = await db().user.update({ where: { id: user.id }, data: { name: "Dana Designer" } });
  const other = await seedUser({ workspaceId: workspace.id, role: "designer" });
  return { workspace, designer, other };
}

/** Start → one deterministic agent that says `reply`. */
export function replyGraph(reply: string): FlowGraph {
  const graph = starterGraph();
  return flowGraphSchema.parse({
    ...graph,
    nodes: graph.nodes.map((node) => (node.kind === "agent" ? { ...node, config: { ...node.config, reply } } : node)),
  });
}

export function parseGraph(input: FlowGraphInput): FlowGraph {
  return flowGraphSchema.parse(input);
}

export async function makeFlow(
  workspaceId: string,
  userId: string,
  graph: FlowGraph = replyGraph("Hello from v1."),
  slug = `flow-${Math.random().toString(36).slice(2, 8)}`,
) {
  return tx((t) => createFlow(t, { workspaceId, name: `Flow ${slug}`, slug, description: "", graph, userId }));
}
