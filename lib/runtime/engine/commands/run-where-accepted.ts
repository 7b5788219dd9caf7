// A customer's turn runs in the process that accepted the message when its conversation is free at that moment: the
// event, every wave of the turn and its replies commit in the one transaction that records the message, with no job,
// no queue wait and no wake-up. When the conversation is busy (a wave of an earlier event holds it, or earlier events
// are still queued) the event gets its job as before and a worker runs it in order. A turn that cannot finish here
// (a slow node past the shared-transaction budget, an error) commits the event with its job, so a worker continues
// from the committed cursor with its retries and failure handling: the job stays the durable fallback.
import "server-only";
import { sqlFor } from "@/lib/platform/db/client";
import type { Tx } from "@/lib/platform/db/client";
import { config } from "@/lib/platform/config";
import { recordWave } from "@/lib/runtime/engine/run/metrics";
import { runWave, type WaveOutcome } from "@/lib/runtime/engine/run/run-wave";
import type { ConversationRow, EventRow } from "@/lib/runtime/engine/run/load-conversation";
import { errorText } from "@/lib/runtime/engine/turn/node-error";
import { addEventJob } from "./enqueue-event";

/** A turn still running after this long commits what it did and continues in a worker. */
const INLINE_BUDGET_MS = 2_000;

/** Whether this process may run a turn whose caller waits `waitMs` for it; one that does not wait is queued. */
export const mayRunWhereAccepted = (waitMs: number) => waitMs > 0 && config().ENGINE_RUN_WHERE_ACCEPTED;

/**
 * Runs the just-recorded event in the caller's transaction. Whatever it cannot finish (or fails at) is rolled back
 * to before the run and handed to a worker through the event's job.
 */
export async function runWhereAccepted(tx: Tx, event: EventRow, conversation: ConversationRow): Promise<WaveOutcome> {
  await sqlFor(tx)`SAVEPOINT run_where_accepted`;
  const started = performance.now();
  try {
    // A worker commits its progress every ~100 ms; here nothing is durable before the commit anyway (a crash loses
    // the message with its request, which the client sees), so the turn runs up to the budget in one write.
    const wave = await runWave(tx, event.id, INLINE_BUDGET_MS, { event, conversation });
    recordWave({ ...wave, waveMs: performance.now() - started, inline: wave.finished });
    if (wave.finished) return wave;
  } catch (error) {
    // The worker's attempt sees the same event id, so step ids and the idempotency keys of side effects repeat.
    await sqlFor(tx)`ROLLBACK TO SAVEPOINT run_where_accepted`;
    console.warn(`Event ${event.id} goes to a worker after failing where it was accepted: ${errorText(error)}`);
  }
  await addEventJob(tx, event);
  return { finished: false, steps: 0, execMs: 0 };
}
