import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { sendTurn } from "@/tests/support/engine";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace, seedWorkspace } from "@/tests/support/factories";
import { openAsOwner } from "@/tests/support/customers";

let workspaceId: string;

beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
});

const open = () => startConversation({ workspaceId, flowSlug: "retail-support", channel: "web" });
/** The verified owner of A1001 and A1002: the Verify customer node lets them through to the order agents. */
const openAsOwnerOfA1001 = () => openAsOwner({ workspaceId, flowSlug: "retail-support", orderNumber: "A1001" });
const send = (conversationId: string, text: string) => sendTurn({ workspaceId, conversationId, text });

describe("a customer turn on the Retail flow", () => {
  it("greets, routes a tracking question and answers from the order data", async () => {
    const conversation = await openAsOwnerOfA1001();
    expect(conversation.messages[0].text).toMatch(/Acme/);

    const turn = await send(conversation.id, "Where is my order A1001?");
    expect(turn.conversation.status).toBe("active");
    expect(turn.replies).toHaveLength(1);
    expect(turn.replies[0].text).toContain("A1001");
    expect(turn.replies[0].text).toMatch(/on its way with (UPS|FedEx|USPS)/);

    const steps = await db().step.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: "asc" } });
    // The input guardrail screens the message first; the customer is already verified, so the Verify customer node
    // passes straight through; the reply check passes the agent's reply on its way out.
    expect(steps.map((s) => s.nodeKind)).toEqual([
      "start",
      "guardrail",
      "router",
      "verify_customer",
      "agent",
      "guardrail",
    ]);
    const decision = (
      steps[2].output as { decision: { chosen: string; candidates: { intent: string; score: number }[] } }
    ).decision;
    expect(decision.chosen).toBe("order_status");
    expect(decision.candidates[0].intent).toBe("order_status");

    const messages = await db().message.findMany({
      where: { conversationId: conversation.id },
      orderBy: { seq: "asc" },
    });
    expect(messages.map((m) => m.role)).toEqual(["agent", "customer", "agent"]);

    const audit = await db().auditLog.findMany({ where: { resourceId: conversation.id, action: "routing.decided" } });
    expect(audit).toHaveLength(1);
  });

  it("asks for the order number when it is missing and resumes at the same agent", async () => {
    const conversation = await openAsOwnerOfA1001();
    const ask = await send(conversation.id, "where's my package?");
    expect(ask.replies[0].text).toMatch(/order number/i);
    const answer = await send(conversation.id, "it's a1002");
    expect(answer.replies[0].text).toContain("A1002");
    expect(answer.replies[0].text).toMatch(/delivered on/);
  });

  it("escalates to a person and stops answering while the person has it", async () => {
    const conversation = await open();
    const turn = await send(conversation.id, "I want to talk to a human");
    expect(turn.conversation.status).toBe("escalated");
    expect(turn.replies[0].text).toMatch(/connecting you/i);

    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(escalation).toMatchObject({ status: "open", queue: "general", workspaceId });
    expect(escalation.slaDueAt.getTime()).toBeGreaterThan(Date.now());

    const followUp = await send(conversation.id, "hello? anyone there?");
    expect(followUp.replies).toHaveLength(0);
    expect(await db().message.count({ where: { conversationId: conversation.id, role: "customer" } })).toBe(2);
  });

  it("answers out-of-scope questions with what it can do", async () => {
    const conversation = await open();
    const turn = await send(conversation.id, "What's the weather like in Paris tomorrow?");
    expect(turn.replies[0].text).toMatch(/only help with Acme orders/);
  });
});

describe("bad input changes nothing", () => {
  it("rejects an empty or oversized message without writing", async () => {
    const conversation = await open();
    const before = await db().message.count({ where: { conversationId: conversation.id } });
    await expect(send(conversation.id, "   ")).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(send(conversation.id, "x".repeat(MAX_MESSAGE_LENGTH + 1))).rejects.toBeInstanceOf(AppError);
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(before);
  });

  it("reopens an ended conversation when the customer writes again", async () => {
    const conversation = await open();
    await db().conversation.update({ where: { id: conversation.id }, data: { status: "resolved" } });
    const again = await send(conversation.id, "hi");
    expect(again.conversation).toEqual({ id: conversation.id, status: "active" });
    expect(again.replies.length).toBeGreaterThan(0);
    expect(await db().message.count({ where: { conversationId: conversation.id, role: "customer" } })).toBe(1);
  });

  it("does not let another workspace reach the conversation", async () => {
    const conversation = await open();
    const other = await seedWorkspace();
    await expect(
      sendTurn({ workspaceId: other.workspace.id, conversationId: conversation.id, text: "hi" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an unknown flow", async () => {
    await expect(startConversation({ workspaceId, flowSlug: "nope", channel: "web" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
