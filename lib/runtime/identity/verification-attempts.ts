// Guessing is limited twice: per conversation (the node's maxAttempts) and per customer across conversations, so an
// attacker cannot try postcodes for one order number in conversation after conversation.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";

/** Failed checks naming one customer in a day before that customer can only be verified by a person. */
export const CUSTOMER_FAILURE_LIMIT = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function recordAttempt(
  tx: Tx,
  attempt: { workspaceId: string; conversationId: string; customerId: string | null; method: string; ok: boolean },
) {
  await tx.verificationAttempt.create({ data: attempt });
}

export async function failuresInConversation(tx: Tx, conversationId: string): Promise<number> {
  return tx.verificationAttempt.count({ where: { conversationId, ok: false } });
}

export async function customerLocked(tx: Tx, workspaceId: string, customerId: string, now = new Date()) {
  const failures = await tx.verificationAttempt.count({
    where: { workspaceId, customerId, ok: false, at: { gt: new Date(now.getTime() - DAY_MS) } },
  });
  return failures >= CUSTOMER_FAILURE_LIMIT;
}
