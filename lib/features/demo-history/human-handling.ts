// The people's side of the demo history: escalations claimed, answered and resolved (the recent ones still open or
// claimed, as a working inbox has them), SLA breaches where the first answer came late, refunds above the threshold
// approved or rejected (the recent ones still pending), each as the console's actions and the engine record them.
import type { ConversationBuilder } from "./conversation-builder";
import type { HistoryRows } from "./history-rows";
import { escalateConfig, outputGuard, text, type HistoryFlow, type Random } from "./node-runs";
import type { Handoff, HistoryOrder } from "./retail-scenarios";

export type Operator = { id: string; email: string; name: string };

const MIN = 60_000;
const HOUR = 60 * MIN;

const REPLIES: Record<string, string[]> = {
  billing: [
    "Thanks for your patience. I can see the duplicate charge; I've reversed it and you'll see it back within 3–5 business days.",
    "I've checked with our payments team: the second charge was a pre-authorisation and will drop off within a few days.",
  ],
  general: [
    "Hi, thanks for waiting. I've looked at your account and I can help with that now.",
    "Sorry for the trouble. I've checked with the warehouse and your parcel goes out with today's collection.",
    "Thanks for reaching out. I've sorted that for you; is there anything else I can do?",
  ],
  banking: [
    "Thanks for waiting. I've checked your account and everything is in order now.",
    "I've looked into it: the payment is with the receiving bank and should arrive by tomorrow.",
  ],
};

function userActor(operator: Operator) {
  return { type: "user" as const, id: operator.id, label: operator.email };
}

export type EscalationFate = "open" | "claimed" | "resolved";

/** Where an older escalation stands at the end of the history: a few of the last day's are still being worked on. */
export function escalationFate(random: Random, ageMs: number): EscalationFate {
  return ageMs < 24 * HOUR && random() < 0.25 ? "claimed" : "resolved";
}

export function handleEscalation(
  b: ConversationBuilder,
  rows: HistoryRows,
  random: Random,
  flow: HistoryFlow,
  handoff: Extract<Handoff, { kind: "escalation" }>,
  operator: Operator | null,
  now: number,
  planned: EscalationFate,
): "escalated" | "resolved" {
  const c = escalateConfig(flow, handoff.nodeId);
  const created = handoff.at.getTime();
  const slaDue = created + c.slaMinutes * MIN;
  const fate = operator ? planned : "open";
  // Most answers come within the SLA; one in six comes late (a busy hour, a weekend).
  const late = random() < 0.16;
  const claimAt = created + (late ? c.slaMinutes * MIN * (1 + random() * 2) : c.slaMinutes * MIN * random() * 0.7);
  const replyAt = claimAt + (1 + random() * 4) * MIN;
  const resolveAt = replyAt + (2 + random() * 40) * MIN;
  const row = {
    id: handoff.escalationId,
    workspaceId: b.base.workspaceId,
    conversationId: b.id,
    status: "open" as "open" | "claimed" | "resolved",
    reason: c.reason,
    queue: c.queue,
    priority: c.priority,
    assigneeId: null as string | null,
    slaDueAt: new Date(slaDue),
    context: handoff.context,
    createdAt: handoff.at,
    claimedAt: null as Date | null,
    firstResponseAt: null as Date | null,
    slaBreachedAt: null as Date | null,
    resolvedAt: null as Date | null,
  };
  rows.escalations.push(row);
  const breach = (at: number) => {
    if (at <= slaDue || slaDue + 20_000 > now) return;
    row.slaBreachedAt = new Date(slaDue + 20_000);
    b.audit(
      slaDue + 20_000,
      { type: "system", label: "SLA timer" },
      {
        action: "escalation.sla_breached",
        resourceType: "escalation",
        resourceId: row.id,
        before: { priority: row.priority },
        after: { priority: 1, slaDueAt: row.slaDueAt.toISOString() },
      },
    );
    row.priority = 1;
  };
  if (fate === "open" || !operator || claimAt > now) {
    breach(now);
    return "escalated";
  }
  breach(claimAt);
  const actor = userActor(operator);
  b.wait(claimAt - b.now);
  row.status = "claimed";
  row.assigneeId = operator.id;
  row.claimedAt = new Date(claimAt);
  b.audit(claimAt, actor, {
    action: "escalation.claimed",
    resourceType: "escalation",
    resourceId: row.id,
    before: { assigneeId: null, assignee: null },
    after: { assigneeId: operator.id, assignee: operator.name },
    metadata: { conversationId: b.id },
  });
  if (replyAt > now) return "escalated";
  b.wait(replyAt - b.now);
  const reply = pickReply(random, c.queue);
  const eventActor = { type: "user", id: operator.id, label: operator.email };
  const escalated = { status: "escalated" as const, waitingFor: "human" };
  b.message("operator", reply, operator.name, operator.name.split(" ")[0]);
  b.event("operator_reply", { text: reply }, eventActor, [], escalated);
  row.firstResponseAt = new Date(replyAt);
  b.audit(b.now, actor, {
    action: "escalation.replied",
    resourceType: "escalation",
    resourceId: row.id,
    after: { conversationId: b.id, length: reply.length },
  });
  if (fate === "claimed" || resolveAt > now) return "escalated";
  b.wait(resolveAt - b.now);
  b.event("resolve", { note: "" }, eventActor, [], { status: "resolved", waitingFor: null });
  row.status = "resolved";
  row.resolvedAt = new Date(b.now);
  b.audit(b.now, actor, {
    action: "conversation.resolved",
    resourceType: "conversation",
    resourceId: b.id,
    after: { status: "resolved" },
  });
  return "resolved";
}

const pickReply = (random: Random, queue: string) => {
  const list = REPLIES[queue] ?? REPLIES.general;
  return list[Math.floor(random() * list.length)];
};

const REJECT_NOTES = ["The items were returned outside the 30-day window", "Partial refund already issued by phone"];

/** A large refund's approval: pending when recent, otherwise approved (the refund then runs) or rejected. */
export function decideApproval(
  b: ConversationBuilder,
  rows: HistoryRows,
  random: Random,
  flow: HistoryFlow,
  handoff: Extract<Handoff, { kind: "approval" }>,
  operator: Operator | null,
  now: number,
): { decided: boolean; state: Record<string, unknown> } {
  const approval = rows.approvals.find((a) => a.id === handoff.approvalId)!;
  const decideAt = handoff.at.getTime() + (10 * MIN + random() * 7 * HOUR);
  if (!operator || decideAt > now - 5 * MIN) return { decided: false, state: {} };
  const approved = random() < 0.78;
  const note = approved ? null : REJECT_NOTES[Math.floor(random() * REJECT_NOTES.length)];
  b.wait(decideAt - b.now);
  approval.status = approved ? "approved" : "rejected";
  approval.decidedById = operator.id;
  approval.decidedAt = new Date(decideAt);
  approval.note = note;
  b.audit(decideAt, userActor(operator), {
    action: approved ? "approval.approved" : "approval.rejected",
    resourceType: "tool_call",
    resourceId: approval.id,
    before: { status: "pending" },
    after: { status: approval.status, tool: "refund_order", amount: approval.amount, note },
  });
  const order: HistoryOrder = handoff.order;
  const cents = order.totalCents;
  const result = { refunded: `$${(cents / 100).toFixed(2)}`, orderNumber: order.number, refundedCents: cents };
  const reply = approved
    ? text(String(flow.nodes.get("refund_agent")?.config.reply ?? ""), { state: { refund: result } })
    : `Our team reviewed the request and could not approve it: ${note}`;
  const idempotencyKey = `${handoff.stepId}:refund_order`;
  const agentRun = {
    nodeId: "refund_agent",
    kind: "agent",
    output: approved ? { reply, result } : { reply, refused: { code: "rejected" } },
    ms: 10 + random() * 60,
    replies: [reply],
    children: [
      {
        suffix: "0",
        kind: "tool",
        name: "refund_order",
        input: { orderNumber: order.number },
        output: approved ? result : null,
        status: approved ? ("ok" as const) : ("error" as const),
        attributes: { agent: "refund_agent", source: "builtin", sideEffect: true, toolNodeId: "refund_tool" },
        ms: 5 + random() * 20,
      },
    ],
    audit: ({ eventId, stepId }: { eventId: string; stepId: string }) =>
      approved
        ? [
            {
              action: "tool.called",
              resourceType: "tool_call" as const,
              resourceId: stepId,
              after: { tool: "refund_order", result },
              metadata: { eventId, replayed: false, idempotencyKey },
            },
          ]
        : [],
  };
  b.event(
    "approval_decision",
    { approvalId: approval.id, approved, note: note ?? "" },
    { type: "user", id: operator.id, label: operator.email },
    [agentRun, outputGuard(random)],
    { status: "active", waitingFor: "customer" },
  );
  if (approved) {
    rows.refunds.push({ orderNumber: order.number, amountCents: cents });
    rows.toolEffects.push({
      idempotencyKey,
      workspaceId: b.base.workspaceId,
      conversationId: b.id,
      tool: "refund_order",
      input: { orderNumber: order.number, amountCents: cents },
      result,
      createdAt: new Date(b.now),
    });
  }
  return { decided: true, state: approved ? { refund: result } : {} };
}
