// The invariant behind "every customer message is heard", tested as a property: whatever interleaving of customer
// messages, approvals, rejections, operator replies, hand backs and resolves happens, every customer message ends
// with a step of the flow, or with a record that a person holds it. fast-check generates the interleavings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import {
  decideApproval,
  handBackToFlow,
  replyToCustomer,
  resolveConversation,
} from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace, memberOf, seedUser } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";

const workspace = await demoWorkspace();
const operatorUser = await seedUser({ workspaceId: workspace.id, role: "operator" });
const operator = memberOf(operatorUser, workspace, "operator");

// What customers say: questions, answers, interruptions, small talk, and large refunds that wait for approval.
const SAYINGS = [
  "Where is my order?",
  "A1001",
  "I want to talk to a human",
  "thanks",
  "any news?",
  "Please refund order A1012",
  "actually, I want to change the delivery address",
  "never mind, let's start again",
  "hello",
];

type Action = { kind: "say"; text: string } | { kind: "approve" | "reject" | "reply" | "handBack" | "resolve" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SAYINGS).map((text) => ({ kind: "say" as const, text })) },
  fc.constantFrom<Action>(
    { kind: "approve" },
    { kind: "reject" },
    { kind: "reply" },
    { kind: "handBack" },
    { kind: "resolve" },
  ),
);

/** Runs one operator command if it applies now; returns the event to wait for, or null when it does not apply. */
async function operatorAct(conversationId: string, kind: Exclude<Action["kind"], "say">): Promise<string | null> {
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
  if (["resolved", "abandoned", "failed"].includes(conversation.status)) return null;
  if (kind === "approve" || kind === "reject") {
    const pending = await db().approval.findFirst({ where: { conversationId, status: "pending" } });
    if (!pending) return null;
    const decided = await db().$transaction((tx) =>
      decideApproval(tx, operator, { approvalId: pending.id, approved: kind === "approve", note: "" }),
    );
    return decided.eventId;
  }
  if (kind === "resolve") {
    const resolved = await db().$transaction((tx) => resolveConversation(tx, operator, { conversationId, note: "" }));
    return resolved.eventId;
  }
  if (conversation.status !== "escalated") return null;
  if (kind === "reply") {
    const replied = await db().$transaction((tx) =>
      replyToCustomer(tx, operator, { conversationId, text: "A person here: looking into it." }),
    );
    return replied.eventId;
  }
  const handed = await db().$transaction((tx) => handBackToFlow(tx, operator, { conversationId, nodeId: "router" }));
  return handed.eventId;
}

describe("every customer message is heard", () => {
  it("ends each customer message with a step of the flow or a record that a person has it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 2, maxLength: 7 }), async (actions) => {
        const started = await startConversation({
          workspaceId: workspace.id,
          flowSlug: "retail-support",
          channel: "web",
        });
        let conversationId = started.id;
        for (const step of actions) {
          if (step.kind === "say") {
            const turn = await sendTurn({ workspaceId: workspace.id, conversationId, text: step.text });
            conversationId = turn.conversation.id; // a message after the end may continue in a new conversation
            continue;
          }
          const eventId = await operatorAct(conversationId, step.kind);
          if (eventId) await turnResult(conversationId, eventId, 30_000);
        }
        const events = await db().conversationEvent.findMany({
          where: {
            conversation: { OR: [{ id: started.id }, { previousConversationId: started.id }] },
            kind: "customer_message",
          },
          select: { id: true, status: true },
        });
        for (const event of events) {
          expect(event.status).toBe("done");
          const steps = await db().step.count({ where: { eventId: event.id } });
          const held = await db().span.count({ where: { eventId: event.id, name: "Held for a person" } });
          expect(steps + held, `customer message ${event.id} after ${JSON.stringify(actions)}`).toBeGreaterThan(0);
        }
      }),
      { numRuns: 12, seed: 16, endOnFailure: true },
    );
  });
});
