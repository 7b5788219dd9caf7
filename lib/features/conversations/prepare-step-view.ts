// Pure: one step of a conversation as the transcript draws it (label, routing decision and its review, state changes,
// a one-line summary). The conversation page shapes its turns with it, and so does a turn's steps route
// (get-turn-steps.ts) when a reader opens a turn the page did not draw up front, so both look the same.
import { routeLabel, type NodeView } from "@/lib/features/flows/version-graph";
import { prepareStateChanges, type StateChangeLine } from "./prepare-state-changes";
import { asRecord, decisionView, type RouterDecisionView } from "./router-decision-view";

export type RoutingReviewView = {
  verdict: "correct" | "incorrect";
  expected: string | null;
  expectedLabel: string | null;
  note: string | null;
  reviewer: string;
  /** ISO: a step also travels as JSON (a turn's steps route). */
  reviewedAt: string;
};

export type StepView = {
  id: string;
  seq: number;
  nodeId: string;
  nodeKind: string;
  nodeLabel: string;
  status: "running" | "completed" | "failed";
  error: string | null;
  durationMs: number | null;
  decision: RouterDecisionView | null;
  review: RoutingReviewView | null;
  stateChanges: { lines: StateChangeLine[]; more: number };
  attempts: number;
  branch: string | null;
  /** A short description of what the step produced (tool result, escalation queue, outcome). */
  summary: string | null;
};

export type StepRecord = {
  id: string;
  seq: number;
  branch: string | null;
  attempts: number;
  nodeId: string;
  nodeKind: string;
  status: StepView["status"];
  output: unknown;
  error: string | null;
  startedAt: Date;
  endedAt: Date | null;
};

/** The columns a step view is shaped from (a Prisma `select` for Step; never its input, loaded when expanded). */
export const STEP_VIEW_COLUMNS = {
  id: true,
  seq: true,
  branch: true,
  attempts: true,
  nodeId: true,
  nodeKind: true,
  status: true,
  output: true,
  error: true,
  startedAt: true,
  endedAt: true,
} as const;

export type RoutingReviewRecord = {
  stepId: string;
  verdict: RoutingReviewView["verdict"];
  expected: string | null;
  note: string | null;
  reviewer: { name: string; email: string };
  updatedAt: Date;
};

function stepSummary(kind: string, output: unknown): string | null {
  const out = asRecord(output);
  if (!out) return null;
  if (kind === "agent") {
    if (out.tool === "lookup_order") {
      if (out.missing) return `lookup_order: asked the customer for the ${String(out.missing)}`;
      if (out.found === false) return `lookup_order: no order ${String(out.orderNumber ?? "")}`;
      const order = asRecord(out.order);
      if (order) return `lookup_order: found order ${String(order.number ?? "")}`;
    }
    return typeof out.reply === "string" ? "replied" : null;
  }
  if (kind === "escalate")
    return `escalated to the ${String(out.queue ?? "general")} queue: ${String(out.reason ?? "")}`;
  if (kind === "end") return `ended: ${String(out.outcome ?? "")}`;
  return null;
}

/** `node` is the step's node in its version's graph (undefined when the graph cannot be read). */
export function prepareStepView(
  step: StepRecord,
  node: NodeView | undefined,
  review: RoutingReviewRecord | undefined,
): StepView {
  return {
    id: step.id,
    seq: step.seq,
    nodeId: step.nodeId,
    nodeKind: step.nodeKind,
    nodeLabel: node?.label ?? step.nodeId,
    status: step.status,
    error: step.error,
    durationMs: step.endedAt ? step.endedAt.getTime() - step.startedAt.getTime() : null,
    decision: step.nodeKind === "router" ? decisionView(step.output, node) : null,
    review: review
      ? {
          verdict: review.verdict,
          expected: review.expected,
          expectedLabel: review.expected ? routeLabel(node, review.expected) : null,
          note: review.note,
          reviewer: review.reviewer.name || review.reviewer.email,
          reviewedAt: review.updatedAt.toISOString(),
        }
      : null,
    stateChanges: prepareStateChanges(step.output),
    attempts: step.attempts,
    branch: step.branch,
    summary: stepSummary(step.nodeKind, step.output),
  };
}
