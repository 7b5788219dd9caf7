// What Acme Retail's customers ask the Retail support flow in the demo history, turn by turn as the flow answers
// it (prisma/demo/retail-flow.ts): an order's status, a refund (at once up to $100, held for a person above), a
// disputed charge (a billing case and the billing team), a person, frustration, something out of scope.
import { pick } from "@/lib/platform/prng";
import type { ConversationBuilder, NodeRun } from "./conversation-builder";
import type { HistoryRows } from "./history-rows";
import {
  config,
  escalateRun,
  inputGuard,
  outputGuard,
  routerRun,
  startCheck,
  text,
  type HistoryFlow,
  type Random,
} from "./node-runs";

export type HistoryOrder = {
  number: string;
  customerId: string;
  status: string;
  totalCents: number;
  itemCount: number;
  placedAt: Date;
  deliveredAt: Date | null;
  carrier: string | null;
  trackingNumber: string | null;
};

/** What a scenario left for people: an escalation to handle, an approval to decide. */
export type Handoff =
  | { kind: "escalation"; escalationId: string; nodeId: string; at: Date; context: unknown }
  | { kind: "approval"; approvalId: string; stepId: string; order: HistoryOrder; amount: number; at: Date };

export type ScenarioResult = {
  state: Record<string, unknown>;
  status: "active" | "escalated";
  waitingFor: string | null;
  handoff: Handoff | null;
};

export type ScenarioContext = {
  b: ConversationBuilder;
  random: Random;
  flow: HistoryFlow;
  rows: HistoryRows;
  newId: (at: number) => string;
};

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export function orderView(order: HistoryOrder) {
  const statusLine =
    order.status === "processing"
      ? "it is being prepared and has not shipped yet."
      : order.status === "shipped"
        ? `it is on its way with ${order.carrier ?? "the carrier"}${order.trackingNumber ? ` (tracking ${order.trackingNumber})` : ""}.`
        : order.status === "delivered"
          ? `it was delivered on ${order.deliveredAt?.toISOString().slice(0, 10) ?? "its delivery date"}.`
          : `it was ${order.status}.`;
  const refundable = order.status === "cancelled" || order.status === "refunded" ? 0 : order.totalCents;
  return {
    items: `${order.itemCount} item${order.itemCount === 1 ? "" : "s"}`,
    total: money(order.totalCents),
    number: order.number,
    status: order.status,
    carrier: order.carrier,
    placedOn: order.placedAt.toISOString().slice(0, 10),
    itemCount: order.itemCount,
    refundable: money(refundable),
    statusLine,
    trackingNumber: order.trackingNumber,
    refundableAmount: refundable / 100,
  };
}

function verifyRun(route: string): NodeRun {
  return {
    nodeId: `verify_${route}`,
    kind: "verify_customer",
    output: { method: "api", already: true, verified: true },
    ms: 0.5,
  };
}

type ToolCall = { tool: string; toolNodeId: string; input: unknown; result: unknown; sideEffect: boolean };

/** An agent that fills its order slot, calls its tool and replies; the tool's span, audit entry and ledger rows. */
function agentRun(
  ctx: ScenarioContext,
  nodeId: string,
  call: ToolCall | null,
  reply: string | null,
  stateChanges: { path: string; after: unknown }[],
  extra: Record<string, unknown> = {},
): NodeRun {
  const { random, rows, b } = ctx;
  return {
    nodeId,
    kind: "agent",
    output: {
      ...(reply !== null ? { reply } : {}),
      ...(call ? { result: call.result } : {}),
      handoff: { known: [], askedFor: null, extracted: stateChanges.length ? ["order_number"] : [] },
      stateChanges,
      ...extra,
    },
    ms: 8 + random() * 120,
    replies: reply !== null ? [reply] : [],
    children: call
      ? [
          {
            suffix: "0",
            kind: "tool",
            name: call.tool,
            input: {},
            output: call.result,
            ms: 3 + random() * 25,
            attributes: {
              agent: nodeId,
              source: "builtin",
              replayed: false,
              sideEffect: call.sideEffect,
              toolNodeId: call.toolNodeId,
            },
          },
        ]
      : [],
    audit: ({ stepId, eventId }) => {
      if (!call) return [];
      const idempotencyKey = `${stepId}:${call.tool}`;
      rows.toolCalls.push({
        id: ctx.newId(b.now),
        workspaceId: b.base.workspaceId,
        conversationId: b.id,
        agentNodeId: nodeId,
        tool: call.tool,
        callKey: idempotencyKey,
        at: new Date(b.now),
      });
      if (call.sideEffect) {
        rows.toolEffects.push({
          idempotencyKey,
          workspaceId: b.base.workspaceId,
          conversationId: b.id,
          tool: call.tool,
          input: call.input,
          result: call.result,
          createdAt: new Date(b.now),
        });
      }
      return [
        {
          action: "tool.called",
          resourceType: "tool_call",
          resourceId: stepId,
          after: { tool: call.tool, result: call.result },
          metadata: { eventId, replayed: false, idempotencyKey },
        },
      ];
    },
  };
}

const ASK = {
  order_status: [
    "where is my order {n}?",
    "Has {n} shipped yet?",
    "tracking for order {n} please",
    "When will {n} arrive?",
  ],
  refund: ["I'd like a refund for order {n}", "Please refund order {n}", "can I get my money back for {n}?"],
  billing_dispute: ["I was charged twice for order {n}", "There's a charge on my card for {n} I don't recognise"],
  out_of_scope: ["What's the weather like tomorrow?", "Can you recommend a good book?", "do you sell gift cards?"],
  ask_person: ["I want to talk to a human", "can I speak to someone please", "agent please"],
  frustrated: ["This is ridiculous, I've asked three times already", "your service is useless, nothing arrives"],
};

const say = (random: Random, list: string[], n = "") => pick(random, list).replace("{n}", n);

const slotsOf = (order: HistoryOrder, route: string, nodeId: string) => [
  { path: "slots", after: { order_number: order.number } },
  { path: "partialSlots", after: {} },
  { path: "orderNumber", after: order.number },
  { path: "lastTask", after: nodeId },
  ...(route === "order_status" ? [{ path: "order", after: orderView(order) }] : []),
];

/** The customer's first message through the input guard and the router to an order agent. */
function routed(ctx: ScenarioContext, message: string, route: string, verified: boolean) {
  const { random, flow } = ctx;
  const router = routerRun(random, flow, message, route, 0.45);
  const nodes: NodeRun[] = [startCheck(random, flow, message, null), inputGuard(random), router.run];
  if (verified) nodes.push(verifyRun(route));
  const intent = { id: route, label: flow.routes.find((r) => r.id === route)?.label ?? route };
  return { nodes, intent: { ...intent, confidence: router.decision.confidence } };
}

export function orderStatus(ctx: ScenarioContext, order: HistoryOrder): ScenarioResult {
  const message = say(ctx.random, ASK.order_status, order.number);
  const { nodes, intent } = routed(ctx, message, "order_status", true);
  const view = orderView(order);
  const reply = text(String(config(ctx.flow, "order_status_agent").reply), { order: view });
  const call = { tool: "lookup_order", toolNodeId: "order_lookup", input: {}, result: view, sideEffect: false };
  nodes.push(agentRun(ctx, "order_status_agent", call, reply, slotsOf(order, "order_status", "order_status_agent")));
  nodes.push(outputGuard(ctx.random));
  ctx.b.event("customer_message", { text: message }, customer(ctx), nodes, active, message);
  const state = { order: view, slots: { order_number: order.number }, intent, lastTask: "order_status_agent" };
  return { state: { ...state, orderNumber: order.number, partialSlots: {} }, ...active, handoff: null };
}

const active = { status: "active" as const, waitingFor: "customer" };

export function customer(ctx: ScenarioContext) {
  return { type: "customer", id: null, label: `${ctx.b.base.channel} customer` };
}

export function refund(ctx: ScenarioContext, order: HistoryOrder): ScenarioResult {
  const { b, random, flow, rows } = ctx;
  const message = say(random, ASK.refund, order.number);
  const { nodes, intent } = routed(ctx, message, "refund", true);
  const amount = order.totalCents / 100;
  const permission = flow.edges.find((e) => e.id === "t-refund_agent-refund_tool")?.permission ?? {};
  const threshold = Number(permission.approvalAbove ?? 100);
  const state = { slots: { order_number: order.number }, intent, lastTask: "refund_agent", orderNumber: order.number };
  const changes = slotsOf(order, "refund", "refund_agent");
  if (amount <= threshold) {
    const result = { refunded: money(order.totalCents), orderNumber: order.number, refundedCents: order.totalCents };
    const reply = text(String(config(flow, "refund_agent").reply), { state: { refund: result } });
    const call = {
      tool: "refund_order",
      toolNodeId: "refund_tool",
      input: { orderNumber: order.number, amountCents: order.totalCents },
      result,
      sideEffect: true,
    };
    nodes.push(agentRun(ctx, "refund_agent", call, reply, [...changes, { path: "refund", after: result }]));
    nodes.push(outputGuard(random));
    b.event("customer_message", { text: message }, customer(ctx), nodes, active, message);
    rows.refunds.push({ orderNumber: order.number, amountCents: order.totalCents });
    return { state: { ...state, refund: result, partialSlots: {} }, ...active, handoff: null };
  }
  const disclosure = String(permission.approvalMessage ?? "");
  const reply = text(disclosure, { amount: amount.toFixed(2), orderNumber: order.number });
  const approvalId = ctx.newId(b.now);
  const agent = agentRun(ctx, "refund_agent", null, reply, changes, {
    tool: "refund_order",
    amount,
    threshold,
    awaitingApproval: true,
  });
  agent.children = [
    {
      suffix: "exact0",
      kind: "guardrail",
      name: "exact_wording",
      output: { policy: "exact_wording", reason: "Reply matches the approved wording.", outcome: "pass", findings: [] },
    },
  ];
  agent.audit = ({ stepId, eventId }) => {
    rows.approvals.push({
      id: approvalId,
      workspaceId: b.base.workspaceId,
      conversationId: b.id,
      nodeId: "refund_agent",
      stepId,
      tool: "refund_order",
      input: { agent: "refund_agent", orderNumber: order.number },
      field: "amount",
      amount,
      threshold,
      approverRole: "operator",
      reason: `refund_order with amount ${amount.toFixed(2)} is above ${threshold}`,
      status: "pending",
      decidedById: null,
      decidedAt: null,
      note: null,
      createdAt: new Date(b.now),
    });
    return [
      {
        action: "approval.requested",
        resourceType: "tool_call",
        resourceId: approvalId,
        after: { tool: "refund_order", amount, threshold, approverRole: "operator" },
        metadata: { stepId, eventId },
      },
      {
        action: "guardrail.passed",
        resourceType: "guardrail",
        resourceId: stepId,
        after: { policy: "exact_wording", reason: "Reply matches the approved wording.", outcome: "pass" },
        metadata: { nodeId: "refund_agent", eventId },
      },
    ];
  };
  nodes.push(agent);
  const waiting = { status: "active" as const, waitingFor: "approval" };
  const turn = b.event("customer_message", { text: message }, customer(ctx), nodes, waiting, message);
  const stepId = turn.stepIds[turn.stepIds.length - 1];
  return {
    state: { ...state, partialSlots: {} },
    ...waiting,
    handoff: { kind: "approval", approvalId, stepId, order, amount, at: turn.endedAt },
  };
}

/** Billing dispute: a billing case through the ticket tool, then the billing team. */
export function billingDispute(ctx: ScenarioContext, order: HistoryOrder, customerId: string | null): ScenarioResult {
  const { b, random, flow, rows } = ctx;
  const message = say(random, ASK.billing_dispute, order.number);
  const { nodes, intent } = routed(ctx, message, "billing_dispute", false);
  const ticketId = ctx.newId(b.now);
  const reference = `T-${ticketId.slice(-6).toUpperCase()}`;
  const ticket = { subject: "Billing dispute", ticketId, reference };
  rows.tickets.push({
    id: ticketId,
    workspaceId: b.base.workspaceId,
    conversationId: b.id,
    customerId,
    subject: "Billing dispute",
    body: message,
    status: "open",
    createdAt: new Date(b.now + 60),
  });
  const reply = text(String(config(flow, "billing_agent").reply), {
    state: { ticket, orderNumber: order.number },
  });
  const call = {
    tool: "open_ticket",
    toolNodeId: "ticket_tool",
    input: { body: message, subject: "Billing dispute", customerId },
    result: ticket,
    sideEffect: true,
  };
  const changes = [...slotsOf(order, "billing_dispute", "billing_agent"), { path: "ticket", after: ticket }];
  nodes.push(agentRun(ctx, "billing_agent", call, reply, changes));
  const state = {
    slots: { order_number: order.number },
    intent,
    ticket,
    lastTask: "billing_agent",
    orderNumber: order.number,
    partialSlots: {},
  };
  return escalated(ctx, message, nodes, "billing_queue", state, intent);
}

/** Asking for a person or losing patience: the start node's interruption check sends it to a queue. */
export function interruption(ctx: ScenarioContext, kind: "ask_person" | "frustrated"): ScenarioResult {
  const message = say(ctx.random, ASK[kind]);
  const nodes = [startCheck(ctx.random, ctx.flow, message, kind)];
  const label = kind === "ask_person" ? "Asks for a person" : "Is frustrated";
  const state = { interruption: { id: kind, label } };
  const queue = kind === "ask_person" ? (ctx.flow.nodes.has("person_queue") ? "person_queue" : "human_queue") : null;
  return escalated(ctx, message, nodes, queue ?? "care_queue", state, null);
}

export function escalated(
  ctx: ScenarioContext,
  message: string,
  nodes: NodeRun[],
  queueNode: string,
  state: Record<string, unknown>,
  intent: unknown,
): ScenarioResult {
  const escalationId = ctx.newId(ctx.b.now);
  nodes.push(escalateRun(ctx.random, ctx.flow, queueNode, escalationId));
  const outcome = { status: "escalated" as const, waitingFor: "human" };
  const turn = ctx.b.event("customer_message", { text: message }, customer(ctx), nodes, outcome, message);
  const context = {
    state,
    intent,
    nodeId: queueNode,
    eventId: turn.eventId,
    failure: null,
    handoff: null,
    trigger: "escalate_node",
    nodeLabel: ctx.flow.labels[queueNode],
    flowVersionId: ctx.flow.versionId,
  };
  return {
    state,
    ...outcome,
    handoff: { kind: "escalation", escalationId, nodeId: queueNode, at: turn.endedAt, context },
  };
}

export function outOfScope(ctx: ScenarioContext): ScenarioResult {
  const { random, flow } = ctx;
  const message = say(random, ASK.out_of_scope);
  const { nodes, intent } = routed(ctx, message, "out_of_scope", false);
  const reply = String(config(flow, "scope_agent").reply);
  nodes.push(agentRun(ctx, "scope_agent", null, reply, [{ path: "lastTask", after: "scope_agent" }]));
  nodes.push(outputGuard(random));
  ctx.b.event("customer_message", { text: message }, customer(ctx), nodes, active, message);
  return { state: { intent, lastTask: "scope_agent" }, ...active, handoff: null };
}
