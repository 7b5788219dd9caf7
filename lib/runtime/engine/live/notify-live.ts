import "server-only";
import { sqlFor, type Tx } from "@/lib/platform/db/client";
import { LIVE_CHANNEL, type LiveNotice } from "@/lib/runtime/engine/events";

/** The NOTIFY payload of a live notice (the engine's wave write sends it in its own statement, on LIVE_CHANNEL). */
export const liveNotice = (notice: LiveNotice) => JSON.stringify(notice);

/** The one live notice per processed event; delivered to listeners in every process when `tx` commits. */
export async function notifyLive(tx: Tx, notice: LiveNotice): Promise<void> {
  await sqlFor(tx)`SELECT 1 AS sent FROM pg_notify(${LIVE_CHANNEL}, ${liveNotice(notice)})`;
}
