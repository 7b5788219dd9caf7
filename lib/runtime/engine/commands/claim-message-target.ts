// The first statement of a customer's message: its conversation locked (as lockConversation does), with what the
// message path checks and the customer's memory, and the message's event recorded when the turn can run at once. One
// round trip on the path every customer message takes, where a claim, then an insert, were two.
import "server-only";
import { sqlFor, type Tx } from "@/lib/platform/db/client";
import { conversationRow, type ConversationRow, type LockedRow } from "@/lib/runtime/engine/run/load-conversation";
import { RECALL_SUMMARY_LIMIT } from "@/lib/runtime/memory/memory-schema";
import { recalledFromJson, type RecalledMemoryJson } from "@/lib/runtime/memory/customer-memory";
import type { EventRecord } from "./enqueue-event";

/** A message to a conversation in one of these goes to it reopened or to its continuation (send-customer-message.ts). */
export const ENDED_STATUSES: readonly string[] = ["resolved", "abandoned", "failed"];

/** What a customer's message checks of its conversation before the engine's row: where it ended, how it continues. */
export type MessageTargetFields = {
  endedAt: Date | null;
  chatTokenHash: string | null;
  flowSlug: string;
  reopenWindowDays: number;
};

export type MessageClaim = {
  row: ConversationRow;
  target: MessageTargetFields;
  /** Earlier events still wait in the queue, so this one must too. */
  pending: boolean;
  /**
   * The event was recorded (without a job) in the claim's statement: the conversation was free, open and had nothing
   * queued. False when any of those failed, or its idempotency key was taken: the caller records it as before.
   */
  recorded: boolean;
};

/**
 * The conversation of a customer's message, in this workspace only. Null when the conversation is not in the
 * workspace or another process holds it (the caller then reads it without the lock and leaves the turn to the queue).
 * SKIP LOCKED rather than NOWAIT: a busy conversation must not abort the caller's transaction.
 */
export async function claimMessageTarget(
  tx: Tx,
  workspaceId: string,
  id: string,
  event: EventRecord | null = null,
): Promise<MessageClaim | null> {
  // With the customer's memory (the rows of recallCustomerMemory, read fresh as for every customer turn).
  const now = new Date().toISOString();
  const [found] = await sqlFor(tx)<
    (LockedRow &
      MessageTargetFields & { pending: boolean; memory: RecalledMemoryJson | null; recordedId: string | null })[]
  >`
    WITH c AS (
      SELECT c.id, c."workspaceId", c."flowVersionId", c."customerId", c.channel, c.status::text AS status, c.state,
             c.runtime, c."eventCount", c."waitingFor", w."assistantName", c."identityLevel"::text AS "identityLevel",
             c."identityMethod", c."endedAt", c."chatTokenHash", f.slug AS "flowSlug", w."reopenWindowDays",
             EXISTS (SELECT 1 FROM "ConversationEvent" e
                     WHERE e."conversationId" = c.id AND e.status IN ('queued', 'running')) AS pending,
             CASE WHEN c."customerId" IS NOT NULL THEN json_build_object(
               'facts', (SELECT coalesce(json_agg(json_build_object('key', m.key, 'value', m.value) ORDER BY m.key), '[]')
                         FROM "CustomerMemory" m
                         WHERE m."workspaceId" = c."workspaceId" AND m."customerId" = c."customerId"
                           AND m."expiresAt" > ${now}::timestamptz AT TIME ZONE 'UTC' AND m.kind = 'fact'),
               'summaries', (SELECT coalesce(json_agg(s ORDER BY s."updatedAt" DESC, s.id DESC), '[]')
                             FROM (SELECT m.id, m.key, m.value, m."conversationId", m."updatedAt" FROM "CustomerMemory" m
                                   WHERE m."workspaceId" = c."workspaceId" AND m."customerId" = c."customerId"
                                     AND m."expiresAt" > ${now}::timestamptz AT TIME ZONE 'UTC' AND m.kind = 'summary'
                                   ORDER BY m."updatedAt" DESC, m.id DESC LIMIT ${RECALL_SUMMARY_LIMIT}) s))
             END AS memory
      FROM "Conversation" c JOIN "Workspace" w ON w.id = c."workspaceId" JOIN "Flow" f ON f.id = c."flowId"
      WHERE c.id = ${id} AND c."workspaceId" = ${workspaceId} FOR NO KEY UPDATE OF c SKIP LOCKED),
    recorded AS (
      INSERT INTO "ConversationEvent" (id, "workspaceId", "conversationId", kind, payload, "actorType", "actorId",
                                       "actorLabel", "idempotencyKey", "requestHash")
      SELECT ${event?.id ?? null}::text, c."workspaceId", c.id, ${event?.kind ?? null}::text,
             ${event?.payload ?? null}::jsonb, ${event?.actorType ?? null}::text, ${event?.actorId ?? null}::text,
             ${event?.actorLabel ?? null}::text, ${event?.idempotencyKey ?? null}::text,
             ${event?.requestHash ?? null}::text
      FROM c
      WHERE ${event?.id ?? null}::text IS NOT NULL AND NOT c.pending
        AND c.status <> ALL(${ENDED_STATUSES}::text[])
      ON CONFLICT ("conversationId", "idempotencyKey") DO NOTHING
      RETURNING id)
    SELECT c.*, (SELECT id FROM recorded) AS "recordedId" FROM c`;
  if (!found) return null;
  const { pending, endedAt, chatTokenHash, flowSlug, reopenWindowDays, memory, recordedId, ...locked } = found;
  const row = conversationRow(locked);
  if (memory) row.memory = recalledFromJson(memory);
  return {
    row,
    target: { endedAt, chatTokenHash, flowSlug, reopenWindowDays },
    pending,
    recorded: recordedId !== null,
  };
}
