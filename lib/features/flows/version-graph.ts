// A read-only view of a flow version's graph for the console: node labels and settings, with router examples
// reduced to counts and a few samples. Versions are immutable, so each is parsed once per process.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { NODE_KIND_LIST, nodeSummary } from "@/lib/model/flow/registry";
import {
  flowGraphSchema,
  LOW_CONFIDENCE_HANDLE,
  type FlowEdge,
  type FlowNode,
  type NodeKind,
} from "@/lib/model/flow/schema";

export type RouteView = { id: string; label: string; exampleCount: number; samples: string[] };

export type NodeView =
  | { id: string; kind: "start"; label: string; channels: string[]; greeting: string }
  | { id: string; kind: "router"; label: string; strategy: string; threshold: number; routes: RouteView[] }
  | { id: string; kind: "agent"; label: string; mode: string; tool: string | null; reply: string }
  | {
      id: string;
      kind: "escalate";
      label: string;
      queue: string;
      priority: number;
      slaMinutes: number;
      reason: string;
      message: string;
    }
  | { id: string; kind: "end"; label: string; outcome: string }
  | {
      id: string;
      kind: Exclude<NodeKind, "start" | "router" | "agent" | "escalate" | "end">;
      label: string;
      summary: string[];
    };

export type EdgeView = { id: string; source: string; sourceHandle: string; target: string; label: string | null };

export type GraphView = { nodes: NodeView[]; edges: EdgeView[] };

const SAMPLE_COUNT = 3;
const MAX_CACHED = 32;
const cache = new Map<string, GraphView | null>();

function nodeView(node: FlowNode): NodeView {
  switch (node.kind) {
    case "start":
      return {
        id: node.id,
        kind: "start",
        label: node.label,
        channels: node.config.channels,
        greeting: node.config.greeting,
      };
    case "router":
      return {
        id: node.id,
        kind: "router",
        label: node.label,
        strategy: node.config.strategy,
        threshold: node.config.threshold,
        routes: node.config.routes.map((route) => ({
          id: route.id,
          label: route.label,
          exampleCount: route.examples.length,
          samples: route.examples.slice(0, SAMPLE_COUNT),
        })),
      };
    case "agent":
      return {
        id: node.id,
        kind: "agent",
        label: node.label,
        mode: node.config.mode,
        tool: node.config.tool ?? null,
        reply: node.config.reply,
      };
    case "escalate":
      return { id: node.id, kind: "escalate", label: node.label, ...node.config };
    case "end":
      return { id: node.id, kind: "end", label: node.label, outcome: node.config.outcome };
    default:
      return { id: node.id, kind: node.kind, label: node.label, summary: nodeSummary(node) };
  }
}

function edgeView(edge: FlowEdge): EdgeView {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: edge.target,
    label: edge.label ?? null,
  };
}

/** Parses a stored graph; null when it does not match the current schema (shown as such, never thrown). */
export function toGraphView(json: unknown): GraphView | null {
  const parsed = flowGraphSchema.safeParse(json);
  if (!parsed.success) return null;
  return { nodes: parsed.data.nodes.map(nodeView), edges: parsed.data.edges.map(edgeView) };
}

/**
 * The console's view of a version's graph (labels, routes, kinds); null when the stored graph no longer parses. The
 * engine reads versions through lib/runtime/engine/run/load-graph.ts, which throws instead.
 */
export async function loadGraphView(versionId: string): Promise<GraphView | null> {
  if (cache.has(versionId)) return cache.get(versionId)!;
  const version = await db().flowVersion.findUnique({ where: { id: versionId }, select: { graph: true } });
  if (!version) return null;
  const view = toGraphView(version.graph);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(versionId, view);
  return view;
}

export const KIND_ORDER: NodeKind[] = NODE_KIND_LIST.map((spec) => spec.kind);

/** The human label of a router output handle. */
export function routeLabel(node: NodeView | undefined, handle: string): string {
  if (handle === LOW_CONFIDENCE_HANDLE) return "low confidence";
  if (node?.kind === "router") return node.routes.find((route) => route.id === handle)?.label ?? handle;
  return handle === "out" ? "next" : handle;
}
