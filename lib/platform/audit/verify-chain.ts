import "server-only";
import { db } from "@/lib/platform/db/client";
import { CHAIN_START, checkChainRow, type ChainCursor, type ChainVerification } from "./chain-check";

const BATCH = 5_000;

/**
 * Walks the whole chain (every workspace: it is one chain) in id order, a batch at a time, recomputing each hash from
 * the stored fields and the previous entry's hash. Stops at the first break. Entries appended while it runs are left
 * for the next verification, so it always ends.
 */
export async function verifyAuditChain(options: {
  workspaceId: string;
  batchSize?: number;
}): Promise<ChainVerification> {
  const batch = options.batchSize ?? BATCH;
  const newest = await db().auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  let cursor: ChainCursor = CHAIN_START;
  let checked = 0;
  let checkedInWorkspace = 0;
  let lastInWorkspace: bigint | null = null;
  const result = (broken: ChainVerification["break"]): ChainVerification => ({
    checked,
    checkedInWorkspace,
    lastEntryId: cursor.lastId,
    lastEntryIdInWorkspace: lastInWorkspace,
    break: broken,
  });
  if (!newest) return result(null);
  for (;;) {
    const rows = await db().auditLog.findMany({
      where: { id: cursor.lastId === null ? { lte: newest.id } : { gt: cursor.lastId, lte: newest.id } },
      orderBy: { id: "asc" },
      take: batch,
    });
    for (const row of rows) {
      const broken = checkChainRow(cursor, row);
      if (broken) return result(broken);
      checked++;
      if (row.workspaceId === options.workspaceId) {
        checkedInWorkspace++;
        lastInWorkspace = row.id;
      }
      cursor = { lastId: row.id, lastHash: row.hash };
    }
    if (rows.length < batch) return result(null);
  }
}
