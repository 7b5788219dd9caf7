// Escalations and approvals suspend the run as rows; a person's reply, resolve, hand back and approve/reject resume
// it through the same queue — with the refund applied once, by the right people only.
import { describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Role } from "@/lib/model/permissions";
import { db, type Tx } from "@/lib/platform/db/client";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import {
  decideApproval,
  handBackToFlow,
  replyToCustomer,
  resolveConversation,
  takeOverConversation,
} from "@/lib/runtime/engine/commands/operator-commands";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { demoWorkspace, seedUser } from "@/tests/support/factories";
import { publishedFlow, sendTurn } from "@/tests/support/engine";
import { startConfig } from "@/lib/model/flow/schema";
import { ownerOf } from "@/tests/support/customers";

const REFUND_FLOW: FlowGraphInput = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
    {
      id: "collect",
      kind: "agent",
      label: "Refund agent",
      position: { x: 200, y: 0 },
      config: {
        slots: [
          { name: "order", kind: "order_number", prompt: "Which order is it? It looks like A1234." },
          { name: "amount", kind: "amount", prompt: "How much should I refund?" },
        ],
        reply: "",
      },
    },
    {
      id: "check",
      kind: "approval",
      label: "Refund check",
      position: { x: 400, y: 0 },
      config: {
        field: "amount",
        threshold: 100,
        approverRole: "operator",
        message: "A colleague needs to approve refunds over $100. I'll update you here.",
      },
    },
    {
      id: "refund",
      kind: "tool",
      label: "Refund",
      position: { x: 600, y: 0 },
      config: { source: "builtin", builtin: "refund_order", sideEffect: true },
    },
    {
      id: "done",
      kind: "response",
      label: "Refunded",
      position: { x: 800, y: 0 },
      config: { template: "Refunded {{state.refund.refunded}} on order {{state.orderNumber}}." },
    },
    {
      id: "no",
      kind: "response",
      label: "Not approved",
      position: { x: 600, y: 200 },
      config: { template: "We could not approve this refund." },
    },
    {
      id: "human",
      kind: "escalate",
      label: "Human",
      position: { x: 200, y: 200 },
      config: { reason: "Customer asked for a person", message: "A colleague will take it from here." },
    },
    {
      id: "route",
      kind: "router",
      label: "Router",
      position: { x: 100, y: 100 },
      config: {
        strategy: "rules",
        routes: [
          { id: "person", label: "Person", rule: 'text ~= "human"' },
          { id: "refund", label: "Refund", rule: 'not (text ~= "human")' },
        ],
      },
    },
  ],
  edges: [
    { id: "e0", source: "start", target: "route" },
    { id: "e1", source: "route", sourceHandle: "refund", target: "collect" },
    { id: "e1b", source: "route", sourceHandle: "person", target: "human" },
    { id: "e2", source: "collect", target: "check" },
    { id: "e3", source: "check", sourceHandle: "approved", target: "refund" },
    { id: "e4", source: "check", sourceHandle: "rejected", target: "no" },
    { id: "e5", source: "refund", target: "done" },
  ],
};

const workspace = await demoWorkspace();
const { flow } = await publishedFlow(REFUND_FLOW, "refunds-under-test", { workspaceId: workspace.id });

async function member(role: Role): Promise<Member> {
  const user = await seedUser({ workspaceId: workspace.id, role });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role,
  };
}

/** A delivered order with a captured payment of at least `cents`, not used by another test yet. */
const used = new Set<string>();
async function orderWithPayment(cents: number) {
  const payments = await db().payment.findMany({
    where: {
      status: "captured",
      amountCents: { gte: cents },
      order: { workspaceId: workspace.id, status: "delivered" },
    },
    include: { order: true },
  });
  const payment = payments.find((p) => !used.has(p.order.number))!;
  used.add(payment.order.number);
  return payment.order.number;
}

const say = (conversationId: string, text: string) => sendTurn({ workspaceId: workspace.id, conversationId, text });
/** With `orderNumber`, the customer is that order's verified owner: the refund tool serves only them. */
const start = async (orderNumber?: string) =>
  startConversation({
    workspaceId: workspace.id,
    flowSlug: flow.slug,
    channel: "web",
    customerId: orderNumber ? await ownerOf(workspace.id, orderNumber) : null,
  });
const inTx = <T>(fn: (tx: Tx) => Promise<T>) => db().$transaction(fn, { timeout: 20_000 });

describe("approvals", () => {
  it("lets a small refund through at once, and holds a large one until an operator approves it; applied once", async () => {
    const smallOrder = await orderWithPayment(3000);
    const small = await start(smallOrder);
    const quick = await say(small.id, `Please refund $20 on order ${smallOrder}`);
    expect(quick.replies.map((r) => r.text)).toEqual([`Refunded $20.00 on order ${smallOrder}.`]);

    const order = await orderWithPayment(20000);
    const large = await start(order);
    const held = await say(large.id, `I want $150 back for ${order}`);
    expect(held.replies.map((r) => r.text)).toEqual([
      "A colleague needs to approve refunds over $100. I'll update you here.",
    ]);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: large.id } });
    expect(conversation).toMatchObject({ status: "active", waitingFor: "approval" });
    const approval = await db().approval.findFirstOrThrow({ where: { conversationId: large.id } });
    expect(approval).toMatchObject({
      status: "pending",
      amount: 150,
      threshold: 100,
      approverRole: "operator",
      nodeId: "check",
    });

    // While it waits, a message is answered with what the run waits for; nothing is refunded and it still waits.
    const waiting = await say(large.id, "any news?");
    expect(waiting.replies.map((r) => r.text)).toEqual([startConfig.parse({}).interruptions.waitingReply]);
    expect(await db().toolEffect.count({ where: { conversationId: large.id } })).toBe(0);
    expect(await db().conversation.findUniqueOrThrow({ where: { id: large.id } })).toMatchObject({
      waitingFor: "approval",
    });

    // A designer may not decide; an operator may, once.
    const designer = await member("designer");
    await expect(
      inTx((tx) => decideApproval(tx, designer, { approvalId: approval.id, approved: true, note: "" })),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const operator = await member("operator");
    const decided = await inTx((tx) =>
      decideApproval(tx, operator, { approvalId: approval.id, approved: true, note: "ok" }),
    );
    await expect(
      inTx((tx) => decideApproval(tx, operator, { approvalId: approval.id, approved: false, note: "" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const resumed = await turnResult(large.id, decided.eventId, 30_000);
    expect(resumed.done).toBe(true);
    expect(resumed.replies.map((r) => r.text)).toEqual([`Refunded $150.00 on order ${order}.`]);
    expect(await db().toolEffect.count({ where: { conversationId: large.id } })).toBe(1);
    const payment = await db().payment.findFirstOrThrow({
      where: { order: { number: order, workspaceId: workspace.id } },
    });
    expect(payment.refundedCents).toBe(15000);
    expect(await db().approval.findUniqueOrThrow({ where: { id: approval.id } })).toMatchObject({
      status: "approved",
      decidedById: operator.userId,
    });
  });

  it("follows the rejected path when an operator says no, and refunds nothing", async () => {
    const order = await orderWithPayment(20000);
    const c = await start(order);
    await say(c.id, `refund $120 for ${order} please`);
    const approval = await db().approval.findFirstOrThrow({ where: { conversationId: c.id } });
    const operator = await member("operator");
    const decided = await inTx((tx) =>
      decideApproval(tx, operator, { approvalId: approval.id, approved: false, note: "outside policy" }),
    );
    const resumed = await turnResult(c.id, decided.eventId, 30_000);
    expect(resumed.replies.map((r) => r.text)).toEqual(["We could not approve this refund."]);
    expect(await db().toolEffect.count({ where: { conversationId: c.id } })).toBe(0);
  });
});

describe("escalations", () => {
  it("suspends for a person, who claims by replying, hands back to a node, and resolves; one owner at a time", async () => {
    const c = await start();
    const turn = await say(c.id, "I want a human");
    expect(turn.conversation.status).toBe("escalated");
    expect(turn.replies.map((r) => r.text)).toEqual(["A colleague will take it from here."]);
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: c.id } });
    expect(escalation.context).toMatchObject({ trigger: "escalate_node", nodeId: "human" });
    // Its SLA timer is a job, due when the SLA is.
    const [timer] = await db().$queryRaw<
      { run_at: Date }[]
    >`SELECT run_at FROM graphile_worker._private_jobs WHERE key = ${`sla:${escalation.id}`}`;
    expect(timer.run_at.getTime()).toBe(escalation.slaDueAt.getTime());

    // While a person has it, the flow stays quiet.
    expect((await say(c.id, "hello?")).replies).toEqual([]);

    const alice = await member("operator");
    const bob = await member("operator");
    const reply = await inTx((tx) =>
      replyToCustomer(tx, alice, { conversationId: c.id, text: "Hi, I'm Alice. Let me look." }),
    );
    await turnResult(c.id, reply.eventId, 30_000);
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "claimed",
      assigneeId: alice.userId,
      firstResponseAt: expect.any(Date),
    });
    await expect(
      inTx((tx) => replyToCustomer(tx, bob, { conversationId: c.id, text: "me too" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    // Hand back to the refund agent: the flow continues with the customer's last message, asking what it lacks.
    await expect(
      inTx((tx) => handBackToFlow(tx, alice, { conversationId: c.id, nodeId: "nope" })),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const back = await inTx((tx) => handBackToFlow(tx, alice, { conversationId: c.id, nodeId: "collect" }));
    const continued = await turnResult(c.id, back.eventId, 30_000);
    expect(continued.conversation.status).toBe("active");
    expect(continued.replies.map((r) => r.text)).toEqual(["Which order is it? It looks like A1234."]);
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "resolved",
      handedBackToNodeId: "collect",
    });

    // Take over again, then resolve.
    const taken = await inTx((tx) =>
      takeOverConversation(tx, bob, { conversationId: c.id, reason: "Watching closely" }),
    );
    await turnResult(c.id, taken.eventId, 30_000);
    const resolved = await inTx((tx) =>
      resolveConversation(tx, bob, { conversationId: c.id, note: "All sorted, thanks for your patience." }),
    );
    const final = await turnResult(c.id, resolved.eventId, 30_000);
    expect(final.conversation.status).toBe("resolved");
    const lines = (await db().message.findMany({ where: { conversationId: c.id }, orderBy: { seq: "asc" } })).map(
      (m) => `${m.role}: ${m.text}`,
    );
    expect(lines).toEqual([
      "customer: I want a human",
      "agent: A colleague will take it from here.",
      "customer: hello?",
      "operator: Hi, I'm Alice. Let me look.",
      "agent: Which order is it? It looks like A1234.",
      "operator: All sorted, thanks for your patience.",
    ]);
  });
});
