// Pure: shapes the rows getConversationTrace loads into the console's view of one conversation — the transcript
// grouped by customer turn, each turn's steps (with routing decisions, reviews and summaries), spans and path.
import type { GraphView } from "@/lib/features/flows/version-graph";
import { labelWithName } from "@/lib/model/flow/flow-names";
import type { ConversationStatus, EscalationStatus } from "@/lib/features/list-filters";
import { handoffView } from "./handoff-view";
import { prepareFlowPath, type FlowPathView, type PathGraphInput } from "./prepare-flow-path";
import { prepareStepView, type RoutingReviewRecord, type StepRecord, type StepView } from "./prepare-step-view";
import { compactTrace, prepareTrace, type CompactTrace, type SpanRecord } from "./prepare-trace";

export type MessageView = {
  id: string;
  seq: number;
  role: "customer" | "agent" | "operator" | "system";
  author: string | null;
  text: string;
  createdAt: Date;
  /** Written by the offline stand-in, not a model: the transcript labels it. */
  offline?: boolean;
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
  /** How sure the conversation is of who the customer is, and how it got there (lib/model/identity.ts). */
  identity: { level: string; method: string | null; at: Date | null };
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

/** The conversation row getConversationTrace loads, with the relations the trace is shaped from. */
/**
 * "v3", "draft test", or, for the hidden copy an evaluation run trains without the held-out route examples (a test
 * version frozen from no draft, lib/features/evals/run-held-out.ts), "held-out test".
 */
export function versionLabel(version: { number: number | null; kind: string; draftRevision?: number | null }): string {
  if (version.number !== null) return `v${version.number}`;
  return version.kind === "test" && version.draftRevision === null ? "held-out test" : "draft test";
}

export type TraceConversationRecord = {
  id: string;
  status: ConversationStatus;
  channel: string;
  startedAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  failureReason: string | null;
  currentNodeId: string | null;
  flow: { id: string; slug: string; name: string; publishedVersionId: string | null };
  flowVersion: { id: string; number: number | null; kind: string; draftRevision?: number | null };
  customer: ConversationTrace["customer"];
  identityLevel: string;
  identityMethod: string | null;
  identifiedAt: Date | null;
  messages: {
    id: string;
    seq: number;
    role: MessageView["role"];
    author: string | null;
    text: string;
    createdAt: Date;
    offline?: boolean;
  }[];
  steps: (StepRecord & { eventId: string | null; turn: number })[];
  escalations: ({
    id: string;
    status: EscalationStatus;
    reason: string;
    queue: string;
    priority: number;
    slaDueAt: Date;
    createdAt: Date;
    claimedAt: Date | null;
    resolvedAt: Date | null;
    assignee: { email: string; name: string } | null;
  } & Parameters<typeof handoffView>[0])[];
  routingReviews: RoutingReviewRecord[];
};

export function prepareConversationTrace(
  conversation: TraceConversationRecord,
  graph: GraphView | null,
  spans: SpanRecord[],
  positioned: PathGraphInput | null,
): ConversationTrace {
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
      ...(message.offline ? { offline: true } : {}),
    });
  }
  for (const step of conversation.steps)
    turnOf(step.turn).steps.push(prepareStepView(step, nodes.get(step.nodeId), reviews.get(step.id)));

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
      label: versionLabel(conversation.flowVersion),
      isTest: conversation.flowVersion.kind === "test",
      isPublished: conversation.flow.publishedVersionId === conversation.flowVersion.id,
    },
    customer: conversation.customer,
    identity: {
      level: conversation.identityLevel,
      method: conversation.identityMethod,
      at: conversation.identifiedAt,
    },
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
      prepareTrace(
        spans.map((span) => withToolLabel(span, nodes)),
        new Map(conversation.steps.filter((s) => s.eventId).map((s) => [s.eventId!, s.turn])),
      ),
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

/** A tool call's span reads as its node's label with the tool's name (the one evals use) beside it. */
function withToolLabel(span: SpanRecord, nodes: Map<string, { label: string }>): SpanRecord {
  if (span.kind !== "tool") return span;
  const nodeId = (span.attributes as { toolNodeId?: unknown } | null)?.toolNodeId;
  const node = typeof nodeId === "string" ? nodes.get(nodeId) : undefined;
  return node ? { ...span, name: labelWithName({ name: span.name, label: node.label }) } : span;
}
