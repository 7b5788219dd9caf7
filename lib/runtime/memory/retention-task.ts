// The `memory_retention` worker task and its daily cron: purges customer memory past its workspace's retention.
// The cron backfills one day, so a worker that was down at 03:00 purges when it starts again.
import "server-only";
import { parseCronItems, type Task } from "graphile-worker";
import { db } from "@/lib/platform/db/client";
import { purgeExpiredMemory } from "./purge-expired-memory";

export const MEMORY_RETENTION_TASK = "memory_retention";

export const memoryRetentionTask: Task = async () => {
  const deleted = await purgeExpiredMemory(db());
  if (deleted > 0) console.error(`[engine] memory retention purged ${deleted} expired customer memory row(s)`);
};

/** Daily at 03:00 UTC; graphile-worker's known_crontabs keeps several worker processes from running it twice. */
export const MEMORY_RETENTION_CRON = parseCronItems([
  {
    task: MEMORY_RETENTION_TASK,
    match: "0 3 * * *",
    identifier: MEMORY_RETENTION_TASK,
    options: { backfillPeriod: 24 * 3600 * 1000, maxAttempts: 5, queueName: MEMORY_RETENTION_TASK },
  },
]);
