// A customer's turn runs in the process that accepted the message when its conversation is free at that moment: the
// event, every wave of the turn and its replies commit in the one transaction that records the message, with no job,
// no queue wait and no wake-up. When the conversation is busy (a wave of an earlier event holds it, or earlier events
// are still queued) the event gets its job as before and a worker runs it in order. A turn that cannot finish here
// (a slow node past the shared-transaction budget) commits the event with its job, so a worker continues from the
// committed cursor with its retries and failure handling: the job stays the durable fallback. A turn that fails here
// is recorded again, with its job, in a transaction of its own.
import "server-only";
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

/** Errors of a run where it was accepted: the caller records the message again, queued (withQueuedRetry). */
const failedHere = new WeakSet<object>();

/**
 * Runs the just-recorded event in the caller's transaction. Whatever it cannot finish in its budget is committed and
 * handed to a worker through the event's job. When it fails, the caller's transaction rolls back whole (the claim and
 * the event with it) and withQueuedRetry records the message again with its job: a savepoint to keep the event would be
 * one more round trip on every turn for the rare one that fails.
 */
export async function runWhereAccepted(tx: Tx, event: EventRow, conversation: ConversationRow): Promise<WaveOutcome> {
  const started = performance.now();
  try {
    // A worker commits its progress every ~100 ms; here nothing is durable before the commit anyway (a crash loses
    // the message with its request, which the client sees), so the turn runs up to the budget in one write.
    const wave = await runWave(tx, event.id, INLINE_BUDGET_MS, { event, conversation });
    recordWave({ ...wave, waveMs: performance.now() - started, inline: wave.finished });
    if (wave.finished) return wave;
  } catch (error) {
    console.warn(`Event ${event.id} goes to a worker after failing where it was accepted: ${errorText(error)}`);
    const thrown = error instanceof Error ? error : new Error(errorText(error), { cause: error });
    failedHere.add(thrown);
    throw thrown;
  }
  await addEventJob(tx, event);
  return { finished: false, steps: 0, execMs: 0 };
}

/**
 * Runs `attempt` with the turn allowed to run here (when `mayRunHere`) and, if that run failed, again with it queued.
 * The second attempt records the event under the same id, so the worker's steps and the idempotency keys of side
 * effects are those of the failed run.
 */
export async function withQueuedRetry<T>(mayRunHere: boolean, attempt: (runHere: boolean) => Promise<T>): Promise<T> {
  if (!mayRunHere) return attempt(false);
  try {
    return await attempt(true);
  } catch (error) {
    if (!(error instanceof Error && failedHere.has(error))) throw error;
    return attempt(false);
  }
}
