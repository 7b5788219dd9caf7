import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { applyOnce } from "@/lib/runtime/tools/ledger";
import { lockIdempotencyKey } from "@/lib/runtime/tools/tool-locks";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";

export type FreezeCardCall = {
  workspaceId: string;
  conversationId: string | null;
  idempotencyKey: string;
  /** The conversation's known customer, if any; otherwise the e-mail identifies them. */
  customerId: string | null;
  email: string | null;
  last4: string | null;
  reason: string;
};

export type FreezeCardResult = { card: string; status: "frozen"; alreadyFrozen: boolean };

/**
 * Freezes one of the customer's cards. The customer must be known (the conversation's customer, or the e-mail on
 * file) and, when they hold several cards, say which one by its last four digits.
 */
export async function freezeCard(tx: Tx, call: FreezeCardCall): Promise<FreezeCardResult & { replayed: boolean }> {
  await lockIdempotencyKey(tx, call.idempotencyKey);
  const { result, replayed } = await applyOnce(
    tx,
    {
      idempotencyKey: call.idempotencyKey,
      workspaceId: call.workspaceId,
      conversationId: call.conversationId,
      tool: "freeze_card",
      input: { last4: call.last4, customer: call.customerId ?? (call.email ? "by email" : null), reason: call.reason },
    },
    async (): Promise<FreezeCardResult> => {
      const customer = call.customerId
        ? await tx.customer.findFirst({
            where: { id: call.customerId, workspaceId: call.workspaceId },
            select: { id: true },
          })
        : call.email
          ? await tx.customer.findFirst({
              where: { workspaceId: call.workspaceId, email: call.email.toLowerCase() },
              select: { id: true },
            })
          : null;
      if (!customer)
        throw new ToolRefusal(
          "freeze_card",
          "I couldn't match that to a customer on file. Which e-mail address is your account under?",
          { asks: "email" },
        );
      const cards = await tx.$queryRaw<{ id: string; last4: string; brand: string; status: string }[]>`
        SELECT id, last4, brand, status::text FROM "Card" WHERE "customerId" = ${customer.id} AND status <> 'cancelled' ORDER BY last4 FOR UPDATE`;
      const matching = call.last4 ? cards.filter((c) => c.last4 === call.last4) : cards;
      if (matching.length === 0) {
        throw new ToolRefusal(
          "freeze_card",
          call.last4
            ? `I couldn't find an active card ending in ${call.last4} on your account.`
            : "I couldn't find an active card on your account.",
        );
      }
      if (matching.length > 1) {
        throw new ToolRefusal(
          "freeze_card",
          `You have ${matching.length} cards (${matching.map((c) => `${c.brand} ending in ${c.last4}`).join(", ")}). Which one should I freeze?`,
          { asks: "card_last4" },
        );
      }
      const card = matching[0];
      const alreadyFrozen = card.status === "frozen";
      if (!alreadyFrozen)
        await tx.card.update({ where: { id: card.id }, data: { status: "frozen", frozenAt: new Date() } });
      return { card: `${card.brand} ending in ${card.last4}`, status: "frozen", alreadyFrozen };
    },
  );
  return { ...result, replayed };
}
