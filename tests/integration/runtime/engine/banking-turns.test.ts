import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { sendTurn } from "@/tests/support/engine";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace } from "@/tests/support/factories";

describe("the Banking flow", () => {
  it("routes BANKING77 intents to the right specialist", async () => {
    const workspaceId = (await demoWorkspace()).id;
    const cases: [string, string, RegExp][] = [
      ["My new card still hasn't arrived, it's been two weeks", "card_arrival", /cards specialist/i],
      [
        "I sent money to my friend but they haven't received it",
        "transfer_not_received_by_recipient",
        /transfers specialist/i,
      ],
      ["The ATM gave me less cash than I asked for", "wrong_amount_of_cash_received", /cash and atm specialist/i],
    ];
    for (const [text, intent, specialist] of cases) {
      const conversation = await startConversation({ workspaceId, flowSlug: "banking-support", channel: "api" });
      const turn = await sendTurn({ workspaceId, conversationId: conversation.id, text });
      const router = await db().step.findFirstOrThrow({
        where: { conversationId: conversation.id, nodeKind: "router" },
      });
      expect((router.output as { decision: { predicted: string } }).decision.predicted).toBe(intent);
      expect(turn.replies[0].text).toMatch(specialist);
    }
  });
});
