// A node's span in a trace is its step. The engine writes one Step row per node run and no "node" Span row beside it:
// that row was a copy of the step (id, times, status, input, output) plus the node's label, which the step now keeps,
// and it was about 5 of the 30 rows a customer turn wrote. The readers that show spans (the conversation's trace, the
// OTel export, a handoff's path) make each step's node span here, so they show what they showed before.
// Steps written before this have their node span row as well: `withNodeSpans` keeps one span per id.
import type { Prisma } from "@/lib/generated/prisma/client";

/** The Step columns a node span is made from (a Prisma `select`). */
export const NODE_SPAN_STEP_COLUMNS = {
  id: true,
  eventId: true,
  nodeId: true,
  nodeKind: true,
  nodeLabel: true,
  branch: true,
  attempts: true,
  status: true,
  startedAt: true,
  endedAt: true,
  error: true,
} as const;

export type StepForSpan = {
  id: string;
  eventId: string | null;
  nodeId: string;
  nodeKind: string;
  nodeLabel: string | null;
  branch: string | null;
  attempts: number;
  status: string;
  startedAt: Date;
  endedAt: Date | null;
  error: string | null;
  input?: Prisma.JsonValue | null;
  output?: Prisma.JsonValue | null;
};

export type NodeSpan = {
  id: string;
  parentId: string | null;
  stepId: string;
  eventId: string | null;
  kind: "node";
  name: string;
  status: string;
  startedAt: Date;
  durationMs: number;
  input: Prisma.JsonValue | null;
  output: Prisma.JsonValue | null;
  error: string | null;
  attributes: Prisma.JsonValue;
  tokensIn: null;
  tokensOut: null;
  costUsd: null;
};

/** The span a step stands for: under its event's run span, named by the node's label. */
export function nodeSpanOf(step: StepForSpan): NodeSpan {
  return {
    id: step.id,
    parentId: step.eventId ? `${step.eventId}:run` : null,
    stepId: step.id,
    eventId: step.eventId,
    kind: "node",
    name: step.nodeLabel ?? step.nodeId,
    status: step.status === "failed" ? "error" : "ok",
    startedAt: step.startedAt,
    durationMs: step.endedAt ? Math.max(0, step.endedAt.getTime() - step.startedAt.getTime()) : 0,
    input: step.input ?? null,
    output: step.output ?? null,
    error: step.error,
    attributes: { nodeId: step.nodeId, nodeKind: step.nodeKind, branch: step.branch, attempts: step.attempts },
    tokensIn: null,
    tokensOut: null,
    costUsd: null,
  };
}

/**
 * The spans with a node span for each step that has no span row of its own, in time order (ties by id), as the
 * readers sorted the rows before.
 */
export function withNodeSpans<S extends { id: string; startedAt: Date }>(
  spans: S[],
  steps: StepForSpan[],
  shape: (span: NodeSpan) => S,
): S[] {
  const written = new Set(spans.map((span) => span.id));
  const made = steps.filter((step) => !written.has(step.id)).map((step) => shape(nodeSpanOf(step)));
  if (made.length === 0) return spans;
  return [...spans, ...made].sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The node span of a step the running wave has not written yet (its row as the wave writer holds it). */
export function pendingNodeSpan(step: Prisma.StepCreateManyInput): NodeSpan {
  return nodeSpanOf({
    id: step.id ?? "",
    eventId: step.eventId ?? null,
    nodeId: step.nodeId,
    nodeKind: step.nodeKind,
    nodeLabel: step.nodeLabel ?? null,
    branch: step.branch ?? null,
    attempts: step.attempts ?? 1,
    status: step.status ?? "completed",
    startedAt: new Date(step.startedAt ?? Date.now()),
    endedAt: step.endedAt ? new Date(step.endedAt) : null,
    error: step.error ?? null,
  });
}
