import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { flowGraphSchema, type FlowGraph, type FlowNode } from "@/lib/model/flow/schema";

// Versions are immutable: parse each once per process.
const parsed = new Map<string, FlowGraph>();

export function versionGraph(versionId: string, json: unknown): FlowGraph {
  let graph = parsed.get(versionId);
  if (!graph) {
    graph = flowGraphSchema.parse(json);
    parsed.set(versionId, graph);
  }
  return graph;
}

export function startNode(graph: FlowGraph): FlowNode {
  const start = graph.nodes.find((node) => node.kind === "start");
  if (!start) throw new Error("Flow version has no start node");
  return start;
}

export function followEdge(graph: FlowGraph, nodeId: string, handle: string): FlowNode | null {
  const edge = graph.edges.find((e) => e.source === nodeId && e.sourceHandle === handle);
  return edge ? (graph.nodes.find((node) => node.id === edge.target) ?? null) : null;
}

/** The parsed graph of a version, read from the database only the first time in this process. */
export async function loadVersionGraph(tx: Tx, versionId: string): Promise<FlowGraph> {
  const cached = parsed.get(versionId);
  if (cached) return cached;
  const version = await tx.flowVersion.findUniqueOrThrow({ where: { id: versionId }, select: { graph: true } });
  return versionGraph(versionId, version.graph);
}
