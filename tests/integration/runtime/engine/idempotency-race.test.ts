// Many rounds of the same customer message sent three times at once under one idempotency key, against the real
// engine and Postgres: every copy gets the same answer, the message is processed once, and no round deadlocks (the
// conversation lock once blocked the foreign-key check of a racing request's event insert; see load-conversation.ts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { sendCustomerMessage } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace } from "@/tests/support/factories";

const workspace = await demoWorkspace();
const ROUNDS = 25;

describe("idempotent customer messages under a race", () => {
  it(`answers ${ROUNDS} rounds of three concurrent duplicates once each, without a deadlock`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const conversation = await startConversation({
        workspaceId: workspace.id,
        flowSlug: "retail-support",
        channel: "api",
      });
      const send = () =>
        sendCustomerMessage({
          workspaceId: workspace.id,
          conversationId: conversation.id,
          text: "Where is my order A1002?",
          actor: { type: "customer", id: null, label: "Customer" },
          idempotencyKey: `race-${round}`,
        });
      const results = await Promise.all([send(), send(), send()]);
      expect(new Set(results.map((result) => result.eventId)).size, `round ${round}`).toBe(1);
      expect(await db().message.count({ where: { conversationId: conversation.id, role: "customer" } })).toBe(1);
    }
  });
});
