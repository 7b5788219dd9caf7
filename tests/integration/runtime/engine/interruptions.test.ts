// Every customer message is heard: the start node checks the flow's interruptions and a change of request before the
// node that waits for the message sees it, and a message written while an approval is open is answered, not dropped.
// Order requests come from the order's verified owner, so they reach the agents and their tools.
import { describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { decideApproval } from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace, memberOf, seedUser } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";
import { openAsOwner } from "@/tests/support/customers";

const workspace = await demoWorkspace();
const open = () => startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });
const openAsOwnerOf = (orderNumber: string) =>
  openAsOwner({ workspaceId: workspace.id, flowSlug: "retail-support", orderNumber });
const send = (conversationId: string, text: string) => sendTurn({ workspaceId: workspace.id, conversationId, text });
const said = (turn: { replies: { text: string }[] }) => turn.replies.map((r) => r.text).join(" ");

async function operator(): Promise<Member> {
  return memberOf(await seedUser({ workspaceId: workspace.id, role: "operator" }), workspace, "operator");
}

/** The route spans the start node recorded for one event: interruptions and change-of-request checks. */
async function checks(eventId: string) {
  return db().span.findMany({
    where: { eventId, kind: "route", name: { contains: ":" } },
    select: { name: true, output: true },
  });
}

describe("interruptions and changes of request, on every message", () => {
  it("escalates when the customer asks for a person in the middle of a question", async () => {
    const conversation = await openAsOwnerOf("A1001");
    expect(said(await send(conversation.id, "Where is my order?"))).toMatch(/What's the order number/);
    const asked = await send(conversation.id, "I want to talk to a human");
    expect(asked.conversation.status).toBe("escalated");
    expect(said(asked)).toMatch(/connecting you with a member of our team/);
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(escalation.reason).toBe("Customer asked for a person");

    const [decision] = await checks(asked.eventId);
    expect(decision.name).toMatch(/interruptions/);
    expect(decision.output).toMatchObject({ chosen: "ask_person", threshold: 0.6 });
    expect((decision.output as { candidates: unknown[] }).candidates.length).toBeGreaterThan(1);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "routing.decided", metadata: { path: ["eventId"], equals: asked.eventId } },
    });
    expect(audit.after).toMatchObject({ interruptions: { chosen: "ask_person" } });
  });

  it("switches task when the customer changes their mind mid-question, keeping what is known", async () => {
    const conversation = await openAsOwnerOf("A1003");
    await send(conversation.id, "Where is my order?");
    const switched = await send(conversation.id, "actually, forget that, I want to cancel order A1003");
    expect(said(switched)).toMatch(/order A1003 is cancelled/);
    const order = await db().order.findFirstOrThrow({ where: { workspaceId: workspace.id, number: "A1003" } });
    expect(order.status).toBe("cancelled");
    const spans = await checks(switched.eventId);
    const change = spans.find((s) => /change of request/.test(s.name));
    expect(change?.output).toMatchObject({ current: "order_status", chosen: "cancel_order" });
  });

  it("hands a plain answer to the node that asked for it", async () => {
    const conversation = await openAsOwnerOf("A1001");
    await send(conversation.id, "Where is my order?");
    const answered = await send(conversation.id, "A1001");
    expect(said(answered)).toMatch(/Order A1001/);
    const spans = await checks(answered.eventId);
    expect(spans.every((s) => (s.output as { chosen: unknown }).chosen === null)).toBe(true);
  });

  it("answers a message written while an approval is open, and still waits for the approval", async () => {
    const conversation = await openAsOwnerOf("A1004");
    await send(conversation.id, "Please refund order A1004");
    const waiting = await send(conversation.id, "any news?");
    expect(said(waiting)).toMatch(/still waiting for our team's review/);
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(row).toMatchObject({ status: "active", waitingFor: "approval" });
    expect(await db().step.count({ where: { eventId: waiting.eventId, nodeId: "start" } })).toBe(1);
  });

  it("escalates a request for a person during an approval wait; the approval stays open and its decision still applies", async () => {
    const before = await db().payment.findFirstOrThrow({
      where: { order: { workspaceId: workspace.id, number: "A1004" } },
    });
    const conversation = await openAsOwnerOf("A1004");
    await send(conversation.id, "Please refund order A1004");
    const asked = await send(conversation.id, "hello? can I talk to a person");
    expect(asked.conversation.status).toBe("escalated");
    const approval = await db().approval.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(approval.status).toBe("pending");

    const decided = await db().$transaction(async (tx) =>
      decideApproval(tx, await operator(), { approvalId: approval.id, approved: true, note: "" }),
    );
    const resumed = await turnResult(conversation.id, decided.eventId, 15_000);
    expect(said(resumed)).toMatch(/refunded \$288\.00 for order A1004/);
    const after = await db().payment.findFirstOrThrow({
      where: { order: { workspaceId: workspace.id, number: "A1004" } },
    });
    expect(after.refundedCents - before.refundedCents).toBe(28_800);
    // The person who took the conversation keeps it.
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "escalated",
      waitingFor: "human",
    });
  });

  it("records who holds a message written while a person has the conversation", async () => {
    const conversation = await open();
    await send(conversation.id, "I want to talk to a human");
    const held = await send(conversation.id, "are you there?");
    const span = await db().span.findFirstOrThrow({ where: { eventId: held.eventId, name: "Held for a person" } });
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(span.output).toMatchObject({ escalationId: escalation.id, status: "open" });
  });

  it("starts over when asked to, dropping the question it was in the middle of", async () => {
    const conversation = await openAsOwnerOf("A1001");
    await send(conversation.id, "I want to change my delivery address");
    const restarted = await send(conversation.id, "never mind, let's start again");
    expect(said(restarted)).toMatch(/start again/);
    const next = await send(conversation.id, "where is order A1001");
    expect(said(next)).toMatch(/Order A1001/);
  });

  it("answers small talk, then asks the interrupted question again and takes the answer", async () => {
    const conversation = await openAsOwnerOf("A1001");
    expect(said(await send(conversation.id, "hello"))).toMatch(/^Hi! I can check an order/);
    await send(conversation.id, "Where is my order?");
    const thanked = await send(conversation.id, "thanks");
    expect(thanked.replies.map((r) => r.text)).toEqual([
      "You're welcome!",
      "Sure. What's the order number? It looks like A1234.",
    ]);
    expect(said(await send(conversation.id, "A1001"))).toMatch(/Order A1001/);
  });
});

describe("starting over while a request waits for approval", () => {
  it("withdraws the request, audited, so the fresh start is real", async () => {
    // A delivered order large enough to need an approval, and not the one the tests above refund.
    const order = await db().order.findFirstOrThrow({
      where: { workspaceId: workspace.id, status: "delivered", totalCents: { gt: 20_000 }, number: { not: "A1004" } },
      orderBy: { number: "asc" },
    });
    // Another order of the same customer, to ask about after the fresh start.
    const another = await db().order.findFirstOrThrow({
      where: { workspaceId: workspace.id, customerId: order.customerId, number: { not: order.number } },
      orderBy: { number: "asc" },
    });
    const conversation = await openAsOwnerOf(order.number);
    await send(conversation.id, `Please refund order ${order.number}`);
    const approval = await db().approval.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(approval.status).toBe("pending");
    const over = await send(conversation.id, "start over");
    expect(said(over)).toMatch(/start again/);
    const closed = await db().approval.findUniqueOrThrow({ where: { id: approval.id } });
    expect(closed).toMatchObject({ status: "rejected", decidedById: null });
    expect(closed.note).toMatch(/Withdrawn by the customer/);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "approval.withdrawn", resourceId: approval.id },
    });
    expect(audit.actorType).toBe("customer");
    const next = await send(conversation.id, `where is order ${another.number}?`);
    expect(said(next)).toMatch(new RegExp(`^Order ${another.number}`));
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(row.waitingFor).not.toBe("approval");
  });
});

describe("saying goodbye while a request waits for approval", () => {
  it("keeps the conversation open for the decision, which still completes the request", async () => {
    const order = await db().order.findFirstOrThrow({
      where: { workspaceId: workspace.id, status: "delivered", totalCents: { gt: 20_000 }, number: { not: "A1004" } },
      orderBy: { number: "desc" },
    });
    const conversation = await openAsOwnerOf(order.number);
    await send(conversation.id, `Please refund order ${order.number}`);
    const bye = await send(conversation.id, "bye");
    expect(said(bye)).toMatch(/Goodbye/);
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(row).toMatchObject({ status: "active", waitingFor: "approval" });
    const approval = await db().approval.findFirstOrThrow({ where: { conversationId: conversation.id } });
    const member = await operator();
    const decided = await db().$transaction((tx) =>
      decideApproval(tx, member, { approvalId: approval.id, approved: true, note: "" }),
    );
    const resumed = await turnResult(conversation.id, decided.eventId, 15_000);
    expect(said(resumed)).toMatch(new RegExp(`refunded .* for order ${order.number}`));
  });
});
