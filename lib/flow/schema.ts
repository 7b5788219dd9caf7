// The persisted flow graph: Switchboard's own format, versioned, never React Flow's objects.
// One zod schema per node kind; the registry (registry.ts) adds labels and ports for the canvas and validation.
import { z } from "zod";

export const FLOW_SCHEMA_VERSION = 1;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, - and _ only");
const position = z.object({ x: z.number().finite(), y: z.number().finite() });

export const routeSchema = z.object({
  id,
  label: z.string().min(1).max(80),
  examples: z.array(z.string().trim().min(1).max(500)).max(5000).default([]),
});

export const startConfig = z.object({
  channels: z.array(z.enum(["web", "api"])).min(1).default(["web", "api"]),
  greeting: z.string().max(1000).default(""),
});

export const routerConfig = z.object({
  strategy: z.literal("classifier"),
  threshold: z.number().min(0).max(1).default(0.5),
  routes: z.array(routeSchema).min(2),
});

/** The extra router output taken when the classifier's confidence is below the threshold. */
export const LOW_CONFIDENCE_HANDLE = "low_confidence";

export const agentConfig = z.object({
  mode: z.literal("deterministic"),
  reply: z.string().min(1).max(2000),
  tool: z.enum(["lookup_order"]).optional(),
});

export const escalateConfig = z.object({
  queue: z.string().min(1).max(60).default("general"),
  priority: z.number().int().min(1).max(3).default(2),
  slaMinutes: z.number().int().min(1).max(7 * 24 * 60).default(15),
  reason: z.string().min(1).max(200),
  message: z.string().min(1).max(1000),
});

export const endConfig = z.object({
  outcome: z.enum(["resolved", "abandoned", "transferred"]).default("resolved"),
});

const base = { id, label: z.string().min(1).max(80), position };

export const flowNodeSchema = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("start"), config: startConfig }),
  z.object({ ...base, kind: z.literal("router"), config: routerConfig }),
  z.object({ ...base, kind: z.literal("agent"), config: agentConfig }),
  z.object({ ...base, kind: z.literal("escalate"), config: escalateConfig }),
  z.object({ ...base, kind: z.literal("end"), config: endConfig }),
]);

export const flowEdgeSchema = z.object({
  id,
  source: id,
  /** Which output of the source: a router's route id, or "out" for single-output kinds. */
  sourceHandle: id.default("out"),
  target: id,
  label: z.string().max(80).optional(),
});

export const flowGraphSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  nodes: z.array(flowNodeSchema).min(1).max(5000),
  edges: z.array(flowEdgeSchema).max(10000),
});

export type FlowGraph = z.output<typeof flowGraphSchema>;
export type FlowNode = z.output<typeof flowNodeSchema>;
export type FlowEdge = z.output<typeof flowEdgeSchema>;
export type NodeKind = FlowNode["kind"];
export type NodeOf<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
