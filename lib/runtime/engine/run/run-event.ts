// Processes one inbound event of a conversation: the body of the graphile-worker job. The run advances in waves
// (one node, or every branch of a parallel fan-out at once); each wave commits in one transaction together with its
// steps, spans, replies, state, cursor and audit entries. A crash or retry resumes from the committed cursor, so a
// completed step never runs twice, and side effects carry idempotency keys derived from the step id.
import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db, transactionWithSql } from "@/lib/platform/db/client";
import { errorText, NodeError } from "@/lib/runtime/engine/turn/node-error";
import { notifyLive } from "@/lib/runtime/engine/live/notify-live";
import { FAILURE_FALLBACK_REPLY } from "./customer-outbox";
import { lastMessageSeq, loadEvent, lockConversation } from "./load-conversation";
import { recordWave } from "./metrics";
import { MAX_STEPS_PER_EVENT } from "./run-frontier";
import { runWave } from "./run-wave";

const TX_TIMEOUT_MS = 120_000;

export type ProcessOptions = {
  /** graphile-worker's attempt number for this job; on the last one a failure marks the conversation failed. */
  attempt?: number;
  maxAttempts?: number;
};

/** Processes one event to completion (several transactions). Safe to call again for the same event. */
export async function processEvent(eventId: string, options: ProcessOptions = {}): Promise<void> {
  try {
    for (let wave = 0; wave < MAX_STEPS_PER_EVENT + 2; wave++) {
      const started = performance.now();
      const wave = await transactionWithSql((tx) => runWave(tx, eventId), { timeout: TX_TIMEOUT_MS, maxWait: 30_000 });
      recordWave({ ...wave, waveMs: performance.now() - started });
      if (wave.finished) return;
    }
    throw new Error(`Event ${eventId} did not finish within ${MAX_STEPS_PER_EVENT} steps`);
  } catch (error) {
    // An event that can never succeed (the conversation ended meanwhile, a node missing from the version) is not
    // retried; neither is one on its last attempt. Both are marked failed with the reason, visibly.
    if (error instanceof NodeError && !error.retriable) {
      await failEventForGood(eventId, errorText(error), error.code !== "ENDED");
      return;
    }
    if (options.attempt != null && options.maxAttempts != null && options.attempt >= options.maxAttempts) {
      await failEventForGood(eventId, errorText(error), true).catch(() => {});
    }
    throw error;
  }
}

/** After the job's last attempt: the event and its conversation are marked failed with the reason, visibly. */
async function failEventForGood(eventId: string, reason: string, failConversation: boolean): Promise<void> {
  await db().$transaction(async (tx) => {
    const event = await loadEvent(tx, eventId);
    if (!event || event.status === "done" || event.status === "failed") return;
    const conversation = await lockConversation(tx, event.conversationId);
    if (!conversation) return;
    const ended =
      conversation.status === "resolved" || conversation.status === "abandoned" || conversation.status === "failed";
    await tx.conversationEvent.update({
      where: { id: eventId },
      data: { status: "failed", error: reason, finishedAt: new Date() },
    });
    if (failConversation && !ended) {
      const seq = (await lastMessageSeq(tx, conversation.id)) + 1;
      await tx.message.create({
        data: { conversationId: conversation.id, seq, role: "system", text: FAILURE_FALLBACK_REPLY },
      });
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status: "failed",
          waitingFor: null,
          failureReason: `Event ${event.kind} could not be processed: ${reason}`,
          endedAt: new Date(),
        },
      });
      await auditLog(
        {
          workspaceId: event.workspaceId,
          actor: { type: "system", label: "engine" },
          action: "conversation.failed",
          resourceType: "conversation",
          resourceId: conversation.id,
          after: { status: "failed", error: reason },
          metadata: { eventId },
        },
        tx,
      );
    }
    await notifyLive(tx, { w: event.workspaceId, c: conversation.id, e: event.id, s: "failed" });
  });
}
