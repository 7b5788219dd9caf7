"use server";
// Take over from Live and land where the operator replies: the flow stops answering, the engine opens an escalation
// the operator owns, and the action answers with that ticket's page once the engine has processed the take-over.
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { takeOverConversation } from "@/lib/runtime/engine/commands/operator-commands";
import { awaitEvent } from "@/lib/runtime/engine/commands/await-event";

/** How long the action waits for the engine; past it the operator lands on the conversation page instead. */
const LANDING_WAIT_MS = 8_000;

export const takeOverAndOpenAction = defineAction({
  permission: "conversation.act",
  schema: z.object({
    conversationId: z.string().trim().min(1).max(64),
    reason: z.string().trim().min(1).max(200).default("An operator took over"),
  }),
  revalidate: ["/inbox", "/live"],
  // It waits for the engine: holding a transaction (and a pooled connection) meanwhile would starve the pool.
  transaction: "none",
  handler: async (input, { member }) => {
    const { eventId } = await db().$transaction((tx) => takeOverConversation(tx, member, input));
    const outcome = await awaitEvent(eventId, input.conversationId, LANDING_WAIT_MS);
    if (outcome.status === "failed")
      throw new AppError("CONFLICT", {
        userMessage: "The take-over could not be completed; the conversation page shows why.",
        message: `take_over event ${eventId} failed: ${outcome.error}`,
      });
    const ticket =
      outcome.status === "done"
        ? await db().escalation.findFirst({
            where: {
              workspaceId: member.workspaceId,
              conversationId: input.conversationId,
              status: { in: ["open", "claimed"] },
            },
            orderBy: { createdAt: "desc" },
            select: { id: true },
          })
        : null;
    return {
      data: {
        escalationId: ticket?.id ?? null,
        // The ticket is where an operator replies; until the engine has opened it, the conversation page.
        href: ticket ? `/inbox/${ticket.id}` : `/conversations/${input.conversationId}`,
      },
      audit: {
        action: "conversation.taken_over",
        resourceType: "conversation" as const,
        resourceId: input.conversationId,
        after: { reason: input.reason },
        metadata: { escalationId: ticket?.id ?? null },
      },
    };
  },
});
