// The identity paths of issue 17's attack suite, on the demo flows and the real engine: an anonymous visitor is
// refused a refund until verified, a verified customer acts on their own orders only, wrong answers and wrong codes
// lock the verification, and every check is audited.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";

const workspace = await demoWorkspace();

async function open(flowSlug: "retail-support" | "banking-support", customerRef?: string) {
  const customer = customerRef
    ? await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: customerRef } })
    : null;
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug,
    channel: customerRef ? "api" : "web",
    customerId: customer?.id ?? null,
  });
  const send = async (text: string) => {
    const turn = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text });
    return turn.replies.map((r) => r.text).join(" ");
  };
  return { id: conversation.id, send };
}

async function orderOf(ref: string | { not: string }, status?: string) {
  return db().order.findFirstOrThrow({
    where: { workspaceId: workspace.id, customer: { ref }, ...(status ? { status: status as never } : {}) },
    include: { customer: true, payments: true },
    orderBy: { number: "asc" },
  });
}

const refunded = async (orderId: string) =>
  (await db().payment.findMany({ where: { orderId } })).reduce((sum, p) => sum + p.refundedCents, 0);

const audits = (conversationId: string, action: string) =>
  db().auditLog.findMany({
    where: {
      workspaceId: workspace.id,
      action,
      OR: [{ resourceId: conversationId }, { metadata: { path: ["conversationId"], equals: conversationId } }],
    },
  });

describe("customer identity on the Retail demo", () => {
  it("refuses an anonymous visitor's refund until they prove the order is theirs, then refunds it", async () => {
    // Under the $100 approval threshold, so the refund is issued at once once the visitor is verified.
    const order = await db().order.findFirstOrThrow({
      where: { workspaceId: workspace.id, status: "delivered", totalCents: { lte: 10_000 } },
      include: { customer: true, payments: true },
      orderBy: { number: "asc" },
    });
    const before = await refunded(order.id);
    const chat = await open("retail-support");
    const asked = await chat.send(`Please refund order ${order.number}`);
    expect(asked).toMatch(new RegExp(`e-mail address on order ${order.number}`));
    expect(await refunded(order.id)).toBe(before);
    const done = await chat.send(order.customer.email);
    expect(done).toMatch(/matches our records/);
    expect(done).toMatch(new RegExp(`I've refunded \\$[\\d.,]+ for order ${order.number}`));
    expect(await refunded(order.id)).toBeGreaterThan(before);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(conversation).toMatchObject({
      identityLevel: "verified",
      identityMethod: "knowledge",
      customerId: order.customerId,
    });
    expect((await audits(chat.id, "customer.verified")).length).toBe(1);
  });

  it("cancels nothing for an anonymous visitor who guesses an order number and a wrong e-mail", async () => {
    const order = await orderOf({ not: "C-1001" }, "processing");
    const chat = await open("retail-support");
    await chat.send(`Please cancel order ${order.number}`);
    const wrong = await chat.send("someone@example.com");
    expect(wrong).toMatch(/doesn't match our records/);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("processing");
    expect((await db().conversation.findUniqueOrThrow({ where: { id: chat.id } })).identityLevel).toBe("anonymous");
  });

  it("locks verification after three wrong answers and hands over; the right answer no longer verifies", async () => {
    const order = await orderOf("C-1005");
    const chat = await open("retail-support");
    await chat.send(`Where is my order ${order.number}?`);
    await chat.send("wrong1@example.com");
    await chat.send("wrong2@example.com");
    const third = await chat.send("wrong3@example.com");
    expect(third).toMatch(/couldn't confirm who you are/);
    await chat.send(order.customer.email);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(conversation.status).toBe("escalated");
    expect(conversation.identityLevel).toBe("anonymous");
    expect((await audits(chat.id, "customer.verification_failed")).length).toBe(3);
    expect((await audits(chat.id, "customer.verification_locked")).length).toBe(1);
  });

  it("lets an API-verified customer act on their own order and refuses another customer's, with tool.denied", async () => {
    const theirs = await orderOf({ not: "C-1001" }, "processing");
    const chat = await open("retail-support", "C-1001");
    const refused = await chat.send(`Please cancel order ${theirs.number}`);
    expect(refused).toMatch(new RegExp(`could not find an order ${theirs.number} on your account`));
    expect((await db().order.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("processing");
    const denied = await db().auditLog.findMany({ where: { workspaceId: workspace.id, action: "tool.denied" } });
    expect(denied.some((entry) => JSON.stringify(entry.after).includes("cancel_order"))).toBe(true);
    const spans = await db().span.findMany({ where: { conversationId: chat.id, kind: "tool", status: "error" } });
    expect(spans.map((s) => (s.attributes as { denied?: string }).denied)).toContain("not_own_record");

    const other = await orderOf({ not: "C-1001" });
    const status = await (await open("retail-support", "C-1001")).send(`What's the status of order ${other.number}?`);
    expect(status).toMatch(new RegExp(`could not find an order ${other.number} on your account`));
    expect(status).not.toMatch(/placed on|on its way|delivered on/);

    const own = await orderOf("C-1001");
    const mine = await (await open("retail-support", "C-1001")).send(`Where is my order ${own.number}?`);
    expect(mine).toMatch(new RegExp(`Order ${own.number}, placed on`));
  });
});

describe("customer identity on the Banking demo (a code sent to the e-mail on file)", () => {
  async function latestCode(to: string) {
    const mail = await db().outboundMail.findFirstOrThrow({
      where: { workspaceId: workspace.id, to },
      orderBy: { createdAt: "desc" },
    });
    return /code is (\d{6})/.exec(mail.text)![1];
  }

  it("freezes a card only after the e-mailed code is typed, and says the same for an unknown e-mail", async () => {
    const owner = await db().customer.findFirstOrThrow({
      where: { workspaceId: workspace.id, ref: "C-1002" },
      include: { cards: true },
    });
    const chat = await open("banking-support");
    expect(await chat.send("I think I lost my card")).toMatch(/e-mail address is your account under/);
    const sent = await chat.send(owner.email);
    expect(sent).toMatch(/I've sent it a 6-digit code/);
    const unknown = await (await open("banking-support")).send("I lost my card");
    expect(unknown).toMatch(/e-mail/);
    const code = await latestCode(owner.email);
    expect(await db().verificationCode.count({ where: { conversationId: chat.id } })).toBe(1);
    const stored = await db().verificationCode.findFirstOrThrow({ where: { conversationId: chat.id } });
    expect(stored.codeHash).not.toContain(code);
    const done = await chat.send(code);
    expect(done).toMatch(/frozen your/);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(conversation).toMatchObject({
      identityLevel: "verified",
      identityMethod: "email_code",
      customerId: owner.id,
    });
  });

  it("answers an e-mail that is not on file exactly like one that is, and sends nothing", async () => {
    const chat = await open("banking-support");
    await chat.send("my card was stolen");
    const reply = await chat.send("nobody-here@example.com");
    expect(reply).toMatch(/If n\*\*\*@example.com is the e-mail address on your account, I've sent it a 6-digit code/);
    expect(await db().outboundMail.count({ where: { to: "nobody-here@example.com" } })).toBe(0);
  });

  it("locks the verification after three wrong codes; the right code then no longer works", async () => {
    const owner = await db().customer.findFirstOrThrow({
      where: { workspaceId: workspace.id, ref: "C-1003" },
      include: { cards: true },
    });
    const chat = await open("banking-support");
    await chat.send("please freeze my card, it was stolen");
    await chat.send(owner.email);
    const code = await latestCode(owner.email);
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await chat.send(wrong)).toMatch(/code isn't right/);
    await chat.send(wrong);
    expect(await chat.send(wrong)).toMatch(/couldn't confirm who you are/);
    await chat.send(code);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(conversation.status).toBe("escalated");
    expect(conversation.identityLevel).not.toBe("verified");
    expect((await db().card.findMany({ where: { customerId: owner.id } })).every((c) => c.status !== "frozen")).toBe(
      true,
    );
  });
});
