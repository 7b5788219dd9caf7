import "server-only";
import type { Tx } from "@/lib/db/client";
import { LIVE_CHANNEL, type LiveNotice } from "./events";

/** The one live notice per processed event; delivered to listeners in every process when `tx` commits. */
export async function notifyLive(tx: Tx, notice: LiveNotice): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(notice)})`;
}
