import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Applies a side effect at most once per idempotency key. The engine derives the key from the step id, and the
 * ledger row commits in the same transaction as the effect: a retried or re-delivered call returns the recorded
 * result and changes nothing. Concurrent callers with one key serialize on the row's primary key.
 */
export async function applyOnce<T extends Prisma.InputJsonValue>(
  tx: Tx,
  entry: {
    idempotencyKey: string;
    workspaceId: string;
    conversationId: string | null;
    tool: string;
    input: Prisma.InputJsonValue;
  },
  effect: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const previous = await tx.toolEffect.findUnique({ where: { idempotencyKey: entry.idempotencyKey } });
  if (previous) return { result: previous.result as T, replayed: true };
  const result = await effect();
  // A concurrent duplicate that got here first makes this insert fail, rolling back this effect with it.
  await tx.toolEffect.create({ data: { ...entry, result } });
  return { result, replayed: false };
}
