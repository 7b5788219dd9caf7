import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { LIVE_CHANNEL, type LiveNotice } from "@/lib/runtime/engine/events";

/** The one live notice per processed event; delivered to listeners in every process when `tx` commits. */
export async function notifyLive(tx: Tx, notice: LiveNotice): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(notice)})`;
}
