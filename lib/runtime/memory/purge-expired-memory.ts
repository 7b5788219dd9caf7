// Retention: deletes customer memory past its expiry, in bounded batches, and records per workspace how many rows
// went (counts only). Run daily by the `memory_retention` worker task.
import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import type { Db, Tx } from "@/lib/platform/db/client";

const BATCH = 5000;

function isDb(client: Tx | Db): client is Db {
  return typeof (client as Db).$transaction === "function";
}

async function purgeBatch(tx: Tx, now: Date): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ workspaceId: string; count: number }[]>`
    WITH doomed AS (
      SELECT id FROM "CustomerMemory" WHERE "expiresAt" <= ${now} ORDER BY "expiresAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
    ), deleted AS (
      DELETE FROM "CustomerMemory" m USING doomed WHERE m.id = doomed.id RETURNING m."workspaceId"
    )
    SELECT "workspaceId", count(*)::int AS count FROM deleted GROUP BY "workspaceId"`;
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.workspaceId, row.count);
  for (const [workspaceId, count] of counts) {
    await auditLog(
      {
        workspaceId,
        actor: { type: "system", label: "memory retention" },
        action: "customer_memory.purged",
        resourceType: "customer_memory",
        after: { deleted: count },
        metadata: { expiredBefore: now.toISOString() },
      },
      tx,
    );
  }
  return counts;
}

/**
 * Deletes every memory row whose `expiresAt` is not after `now`; returns how many. With the process-wide client each
 * batch commits on its own (a large backlog never holds one long transaction); with a transaction, all of it commits
 * with the caller's.
 */
export async function purgeExpiredMemory(client: Tx | Db, now: Date = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const counts = isDb(client)
      ? await client.$transaction((tx) => purgeBatch(tx, now))
      : await purgeBatch(client, now);
    const deleted = [...counts.values()].reduce((sum, n) => sum + n, 0);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
