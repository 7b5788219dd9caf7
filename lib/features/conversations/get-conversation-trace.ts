// One conversation as the console shows it: its transcript grouped by customer turn, each turn with the steps the
// engine executed for it (read from what the engine wrote; never re-run).
import "server-only";
import { handoffView } from "@/lib/features/conversations/handoff-view";
import { db } from "@/lib/platform/db/client";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { routeLabel, loadVersionGraph, type NodeView } from "@/lib/features/flows/version-graph";
import type { ConversationStatus, EscalationStatus } from "@/lib/features/list-filters";
import { prepareFlowPath, type FlowPathView } from "./prepare-flow-path";
import { prepareStateChanges, type StateChangeLine } from "./prepare-state-changes";
import { compactTrace, prepareTrace, type CompactTrace } from "./prepare-trace";

export type RouterDecisionView = {
  strategy: string | null;
  chosen: string;
  chosenLabel: string;
  predicted: string | null;
  predictedLabel: string | null;
  confidence: number;
  threshold: number;
  lowConfidence: boolean;
  /** The top few, best first (all of them load with the step's details). */
  candidates: { intent: string; label: string; score: number }[];
  candidateTotal: number;
  /** The router's routes a reviewer can pick as the expected one. */
  routes: { id: string; label: string }[];
};

export type RoutingReviewView = {
  verdict: "correct" | "incorrect";
  expected: string | null;
  expectedLabel: string | null;
  note: string | null;
  reviewer: string;
  reviewedAt: Date;
};

export type StepView = {
  id: string;
  seq: number;
  nodeId: string;
  nodeKind: string;
  nodeLabel: string;
  status: "running" | "completed" | "failed";
  error: string | null;
  startedAt: Date;
  durationMs: number | null;
  decision: RouterDecisionView | null;
  review: RoutingReviewView | null;
  stateChanges: { lines: StateChangeLine[]; more: number };
  attempts: number;
  branch: string | null;
  /** A short description of what the step produced (tool result, escalation queue, outcome). */
  summary: string | null;
};

export type MessageView = {
  id: string;
  seq: number;
  role: "customer" | "agent" | "operator" | "system";
  author: string | null;
  text: string;
  createdAt: Date;
};

/** A step's input and output (and a router's every candidate) stay in the database until someone expands the step. */
export type TurnView = { conversationId: string; turn: number; messages: MessageView[]; steps: StepView[] };

export type ConversationTrace = {
  id: string;
  status: ConversationStatus;
  channel: string;
  startedAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  failureReason: string | null;
  currentNode: { id: string; label: string } | null;
  flow: { id: string; slug: string; name: string };
  /** `number` is null for a designer test run on a hidden test version of the draft; `label` says which. */
  version: { id: string; number: number | null; label: string; isTest: boolean; isPublished: boolean };
  customer: { ref: string; name: string; email: string; tier: string } | null;
  escalations: {
    id: string;
    status: EscalationStatus;
    reason: string;
    queue: string;
    priority: number;
    slaDueAt: Date;
    createdAt: Date;
    claimedAt: Date | null;
    resolvedAt: Date | null;
    assignee: string | null;
    /** Set when an external contact centre handles it (a handoff endpoint) instead of the inbox. */
    handoff: { endpoint: string; externalRef: string | null } | null;
  }[];
  turns: TurnView[];
  stepCount: number;
  graphReadable: boolean;
  /** The span tree, compacted for the trace view (`expandTrace` restores the rows). */
  spans: CompactTrace;
  /** Null when the version's graph cannot be read. */
  path: FlowPathView | null;
};

/** Candidates shown inline under a routing decision; the rest load with the step's details. */
const TOP_CANDIDATES = 3;

function rankedCandidates(decision: Record<string, unknown>, node: NodeView | undefined) {
  return Array.isArray(decision.candidates)
    ? decision.candidates
        .map((c) => asRecord(c))
        .filter((c): c is Record<string, unknown> => !!c && typeof c.intent === "string" && typeof c.score === "number")
        .map((c) => ({
          intent: c.intent as string,
          label: routeLabel(node, c.intent as string),
          score: c.score as number,
        }))
        .sort((a, b) => b.score - a.score)
    : [];
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function decisionView(output: unknown, node: NodeView | undefined): RouterDecisionView | null {
  const decision = asRecord(asRecord(output)?.decision);
  if (!decision) return null;
  const candidates = rankedCandidates(decision, node);
  const chosen = typeof decision.chosen === "string" ? decision.chosen : "";
  const predicted = typeof decision.predicted === "string" ? decision.predicted : null;
  return {
    strategy: typeof decision.strategy === "string" ? decision.strategy : null,
    chosen,
    chosenLabel: routeLabel(node, chosen),
    predicted,
    predictedLabel: predicted ? routeLabel(node, predicted) : null,
    confidence: typeof decision.confidence === "number" ? decision.confidence : 0,
    threshold: typeof decision.threshold === "number" ? decision.threshold : 0,
    lowConfidence: decision.lowConfidence === true,
    candidates: candidates.slice(0, TOP_CANDIDATES),
    candidateTotal: candidates.length,
    routes: node?.kind === "router" ? node.routes.map((r) => ({ id: r.id, label: r.label })) : [],
  };
}

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

const positionedCache = new Map<string, PathGraph | null>();
type PathGraph = Parameters<typeof prepareFlowPath>[0];

/** The version's nodes with their canvas positions (versions are immutable: parsed once per process). */
async function loadPositionedGraph(versionId: string): Promise<PathGraph | null> {
  if (positionedCache.has(versionId)) return positionedCache.get(versionId)!;
  const version = await db().flowVersion.findUnique({ where: { id: versionId }, select: { graph: true } });
  const parsed = version ? flowGraphSchema.safeParse(version.graph) : null;
  const graph = parsed?.success
    ? {
        nodes: parsed.data.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, position: n.position })),
        // Tool permission links are not control flow: a conversation never "travels" them.
        edges: parsed.data.edges
          .filter((e) => e.kind !== "tool")
          .map((e) => ({
            id: e.id,
            source: e.source,
            sourceHandle: e.sourceHandle,
            target: e.target,
            label: e.label ?? null,
          })),
      }
    : null;
  if (positionedCache.size >= 32) positionedCache.delete(positionedCache.keys().next().value as string);
  positionedCache.set(versionId, graph);
  return graph;
}

/** Null when the conversation does not exist in this workspace. */
export async function getConversationTrace(
  workspaceId: string,
  conversationId: string,
): Promise<ConversationTrace | null> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId },
    include: {
      flow: { select: { id: true, slug: true, name: true, publishedVersionId: true } },
      flowVersion: { select: { id: true, number: true, kind: true } },
      customer: { select: { ref: true, name: true, email: true, tier: true } },
      messages: { orderBy: { seq: "asc" } },
      // Not `input`: the page never shows it (a node span carries the same input, loaded on selection).
      steps: {
        orderBy: [{ turn: "asc" }, { seq: "asc" }],
        select: {
          id: true,
          eventId: true,
          turn: true,
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
        },
      },
      escalations: {
        orderBy: { createdAt: "asc" },
        include: { assignee: { select: { email: true, name: true } }, handoffEndpoint: { select: { name: true } } },
      },
      routingReviews: { include: { reviewer: { select: { name: true, email: true } } } },
    },
  });
  if (!conversation) return null;

  // Inputs and outputs stay in the database until someone selects a span (the details panel fetches them).
  const [graph, spans, positioned] = await Promise.all([
    loadVersionGraph(conversation.flowVersionId),
    db().span.findMany({
      where: { conversationId, workspaceId },
      orderBy: { startedAt: "asc" },
      select: {
        id: true,
        parentId: true,
        stepId: true,
        eventId: true,
        kind: true,
        name: true,
        status: true,
        startedAt: true,
        durationMs: true,
        error: true,
        attributes: true,
        tokensIn: true,
        tokensOut: true,
        costUsd: true,
      },
    }),
    loadPositionedGraph(conversation.flowVersionId),
  ]);
  const reviews = new Map(conversation.routingReviews.map((r) => [r.stepId, r]));
  const nodes = new Map((graph?.nodes ?? []).map((node) => [node.id, node]));

  // Turn n starts with the n-th customer message; the greeting and anything before belongs to turn 0.
  const turns = new Map<number, TurnView>();
  const turnOf = (n: number) => {
    let turn = turns.get(n);
    if (!turn) turns.set(n, (turn = { conversationId: conversation.id, turn: n, messages: [], steps: [] }));
    return turn;
  };
  let current = 0;
  turnOf(0);
  for (const message of conversation.messages) {
    if (message.role === "customer") current += 1;
    turnOf(current).messages.push({
      id: message.id,
      seq: message.seq,
      role: message.role,
      author: message.author,
      text: message.text,
      createdAt: message.createdAt,
    });
  }
  for (const step of conversation.steps) {
    const node = nodes.get(step.nodeId);
    const review = reviews.get(step.id);
    turnOf(step.turn).steps.push({
      id: step.id,
      seq: step.seq,
      nodeId: step.nodeId,
      nodeKind: step.nodeKind,
      nodeLabel: node?.label ?? step.nodeId,
      status: step.status,
      error: step.error,
      startedAt: step.startedAt,
      durationMs: step.endedAt ? step.endedAt.getTime() - step.startedAt.getTime() : null,
      decision: step.nodeKind === "router" ? decisionView(step.output, node) : null,
      review: review
        ? {
            verdict: review.verdict,
            expected: review.expected,
            expectedLabel: review.expected ? routeLabel(node, review.expected) : null,
            note: review.note,
            reviewer: review.reviewer.name || review.reviewer.email,
            reviewedAt: review.updatedAt,
          }
        : null,
      stateChanges: prepareStateChanges(step.output),
      attempts: step.attempts,
      branch: step.branch,
      summary: stepSummary(step.nodeKind, step.output),
    });
  }

  const currentNode = conversation.currentNodeId
    ? {
        id: conversation.currentNodeId,
        label: nodes.get(conversation.currentNodeId)?.label ?? conversation.currentNodeId,
      }
    : null;

  return {
    id: conversation.id,
    status: conversation.status,
    channel: conversation.channel,
    startedAt: conversation.startedAt,
    updatedAt: conversation.updatedAt,
    endedAt: conversation.endedAt,
    failureReason: conversation.failureReason,
    currentNode,
    flow: { id: conversation.flow.id, slug: conversation.flow.slug, name: conversation.flow.name },
    version: {
      id: conversation.flowVersion.id,
      number: conversation.flowVersion.number,
      label: conversation.flowVersion.number === null ? "draft test" : `v${conversation.flowVersion.number}`,
      isTest: conversation.flowVersion.kind === "test",
      isPublished: conversation.flow.publishedVersionId === conversation.flowVersion.id,
    },
    customer: conversation.customer,
    escalations: conversation.escalations.map((e) => ({
      id: e.id,
      status: e.status,
      reason: e.reason,
      queue: e.queue,
      priority: e.priority,
      slaDueAt: e.slaDueAt,
      createdAt: e.createdAt,
      claimedAt: e.claimedAt,
      resolvedAt: e.resolvedAt,
      assignee: e.assignee ? e.assignee.name || e.assignee.email : null,
      handoff: handoffView(e),
    })),
    turns: [...turns.values()].sort((a, b) => a.turn - b.turn).filter((t) => t.messages.length || t.steps.length),
    stepCount: conversation.steps.length,
    graphReadable: graph !== null,
    spans: compactTrace(
      prepareTrace(spans, new Map(conversation.steps.filter((s) => s.eventId).map((s) => [s.eventId!, s.turn]))),
    ),
    path: positioned
      ? prepareFlowPath(
          positioned,
          conversation.steps.map((s) => ({ nodeId: s.nodeId, turn: s.turn, seq: s.seq, status: s.status })),
          conversation.status === "active" || conversation.status === "escalated" ? conversation.currentNodeId : null,
        )
      : null,
  };
}

/** One span's input, output and attributes for the trace's details panel; null outside this workspace. */
export async function getSpanDetail(workspaceId: string, conversationId: string, spanId: string) {
  const span = await db().span.findFirst({
    where: { id: spanId, conversationId, workspaceId },
    select: { input: true, output: true, attributes: true, error: true, startedAt: true, stepId: true },
  });
  return span ? { ...span, startedAt: span.startedAt.toISOString() } : null;
}

export type StepDetail = {
  input: unknown;
  output: unknown;
  /** A router step's every candidate, best first; null for other steps. */
  candidates: { intent: string; label: string; score: number }[] | null;
};

/** One step's input and output for the transcript's expandable details; null outside this workspace. */
export async function getStepDetail(
  workspaceId: string,
  conversationId: string,
  stepId: string,
): Promise<StepDetail | null> {
  const step = await db().step.findFirst({
    where: { id: stepId, conversationId, conversation: { workspaceId } },
    select: {
      input: true,
      output: true,
      nodeId: true,
      nodeKind: true,
      conversation: { select: { flowVersionId: true } },
    },
  });
  if (!step) return null;
  const decision = step.nodeKind === "router" ? asRecord(asRecord(step.output)?.decision) : null;
  const node = decision
    ? (await loadVersionGraph(step.conversation.flowVersionId))?.nodes.find((n) => n.id === step.nodeId)
    : undefined;
  return { input: step.input, output: step.output, candidates: decision ? rankedCandidates(decision, node) : null };
}

/** Whether the conversation exists in this workspace (for the live stream's 404). */
export async function conversationInWorkspace(workspaceId: string, conversationId: string): Promise<boolean> {
  return !!(await db().conversation.findFirst({ where: { id: conversationId, workspaceId }, select: { id: true } }));
}
