// The rows one demo-history conversation is made of, shaped as the engine writes them (lib/runtime/engine/run/
// wave-writer.ts and write-rows.ts): an event per turn with its run span, a step and a node span per node executed,
// the node's child spans (route, guardrail, tool, escalation), the messages, and the audit entries in order.
// Pure: the builders take their ids and times from the caller, so the same plan gives the same rows.
import type { PastAuditEntry } from "@/lib/platform/audit/audit-log";

type Json = unknown;

export type ConversationRow = {
  id: string;
  workspaceId: string;
  flowId: string;
  flowVersionId: string;
  customerId: string | null;
  channel: string;
  status: "active" | "escalated" | "resolved" | "abandoned" | "failed";
  state: Json;
  waitingFor: string | null;
  eventCount: number;
  identityLevel: "anonymous" | "identified" | "verified";
  identityMethod: string | null;
  identifiedAt: Date | null;
  startedAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
};
export type MessageRow = {
  id: string;
  conversationId: string;
  seq: number;
  role: "customer" | "agent" | "operator" | "system";
  author: string | null;
  senderName: string | null;
  text: string;
  createdAt: Date;
};
export type EventRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  kind: string;
  payload: Json;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  status: "done";
  result: Json;
  createdAt: Date;
  startedAt: Date;
  finishedAt: Date;
};
export type StepRow = {
  id: string;
  conversationId: string;
  eventId: string;
  turn: number;
  seq: number;
  nodeId: string;
  nodeKind: string;
  nodeLabel: string;
  status: "completed" | "failed";
  input: Json;
  output: Json;
  error: string | null;
  startedAt: Date;
  endedAt: Date;
};
export type SpanRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  eventId: string;
  parentId: string | null;
  stepId: string | null;
  kind: string;
  name: string;
  status: "ok" | "error";
  startedAt: Date;
  durationMs: number;
  input: Json;
  output: Json;
  error: string | null;
  attributes: Json;
};
export type EscalationRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  status: "open" | "claimed" | "resolved";
  reason: string;
  queue: string;
  priority: number;
  assigneeId: string | null;
  slaDueAt: Date;
  context: Json;
  createdAt: Date;
  claimedAt: Date | null;
  firstResponseAt: Date | null;
  slaBreachedAt: Date | null;
  resolvedAt: Date | null;
};
export type ApprovalRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  nodeId: string;
  stepId: string;
  tool: string;
  input: Json;
  field: string;
  amount: number;
  threshold: number;
  approverRole: "operator";
  reason: string;
  status: "pending" | "approved" | "rejected";
  decidedById: string | null;
  decidedAt: Date | null;
  note: string | null;
  createdAt: Date;
};
export type TicketRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  customerId: string | null;
  subject: string;
  body: string;
  status: string;
  createdAt: Date;
};
export type ToolEffectRow = {
  idempotencyKey: string;
  workspaceId: string;
  conversationId: string;
  tool: string;
  input: Json;
  result: Json;
  createdAt: Date;
};
export type ToolCallRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  agentNodeId: string;
  tool: string;
  callKey: string;
  at: Date;
};
export type ReviewItemRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  flowId: string;
  flowVersionId: string;
  channel: string;
  status: "pending" | "done";
  routeCorrect: boolean | null;
  resolved: boolean | null;
  guardrailCorrect: boolean | null;
  note: string | null;
  reviewerId: string | null;
  sampledAt: Date;
  reviewedAt: Date | null;
};
export type RoutingReviewRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  stepId: string;
  nodeId: string;
  flowId: string;
  flowVersionId: string;
  channel: string;
  predicted: string;
  expected: string | null;
  verdict: "correct" | "incorrect";
  note: string | null;
  reviewerId: string;
  createdAt: Date;
  updatedAt: Date;
};
/** A refund the history applied to an order's payment (an approved or small refund), by order number. */
export type RefundRow = { orderNumber: string; amountCents: number };

export type HistoryRows = {
  conversations: ConversationRow[];
  messages: MessageRow[];
  events: EventRow[];
  steps: StepRow[];
  spans: SpanRow[];
  escalations: EscalationRow[];
  approvals: ApprovalRow[];
  tickets: TicketRow[];
  toolEffects: ToolEffectRow[];
  toolCalls: ToolCallRow[];
  reviewItems: ReviewItemRow[];
  routingReviews: RoutingReviewRow[];
  refunds: RefundRow[];
  audit: PastAuditEntry[];
};

export function emptyRows(): HistoryRows {
  return {
    conversations: [],
    messages: [],
    events: [],
    steps: [],
    spans: [],
    escalations: [],
    approvals: [],
    tickets: [],
    toolEffects: [],
    toolCalls: [],
    reviewItems: [],
    routingReviews: [],
    refunds: [],
    audit: [],
  };
}
