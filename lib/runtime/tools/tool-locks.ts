import "server-only";
import type { Tx } from "@/lib/platform/db/client";

/**
 * Serializes callers that share an idempotency key, for the rest of the transaction. Without it two concurrent
 * duplicates both miss the ledger row and both run the effect, and the loser only finds out at the ledger insert
 * (a unique violation) — after its effect may already have refused (e.g. "nothing left to refund"). With it the
 * second waits for the first to commit and then replays its recorded result.
 */
export async function lockIdempotencyKey(tx: Tx, idempotencyKey: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${idempotencyKey}, 0))`;
}

/**
 * Loads an order of the workspace with its payments, holding a row lock on the order until the transaction ends so
 * two different calls on one order (a refund and a cancel, two partial refunds) cannot both act on a stale view.
 */
export async function loadOrderForUpdate(
  tx: Tx,
  workspaceId: string,
  number: string,
  /** The customer the order must belong to (a verified customer's own records); null for any order. */
  ownerId: string | null = null,
) {
  const locked = await tx.$queryRaw<{ id: string; customerId: string }[]>`
    SELECT id, "customerId" FROM "Order" WHERE "workspaceId" = ${workspaceId} AND number = ${number} FOR UPDATE`;
  if (locked.length === 0 || (ownerId && locked[0].customerId !== ownerId)) return null;
  return tx.order.findUniqueOrThrow({
    where: { id: locked[0].id },
    include: { payments: { orderBy: [{ capturedAt: "asc" }, { id: "asc" }] } },
  });
}

export type LockedOrder = NonNullable<Awaited<ReturnType<typeof loadOrderForUpdate>>>;
