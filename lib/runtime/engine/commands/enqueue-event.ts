import "server-only";
import { sqlFor } from "@/lib/platform/db/client";
import { newId } from "@/lib/platform/db/new-id";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import {
  EVENT_TASK,
  eventPayloads,
  queueNameFor,
  type EventKind,
  type EventPayload,
} from "@/lib/runtime/engine/events";

export type EventActor = { type: "customer" | "user" | "api_key" | "system"; id: string | null; label: string };

/** How many times graphile-worker tries an event whose processing keeps throwing (crashes, a database outage). */
export const EVENT_MAX_ATTEMPTS = 12;

export const payloadHash = (payload: unknown) =>
  createHash("sha256").update(JSON.stringify(payload), "utf8").digest("hex");

/**
 * An event sent with an idempotency key has an id derived from it: a retry after a crash that rolled the first
 * attempt back (a turn run where it was accepted) gets the same id, so its steps and their side effects' idempotency
 * keys are the same too.
 */
const eventIdFor = (conversationId: string, idempotencyKey: string) =>
  `ev_${createHash("sha256").update(`${conversationId}\n${idempotencyKey}`, "utf8").digest("base64url").slice(0, 27)}`;

/** The event's graphile-worker job: conversations' jobs share a queue each, so they run one at a time, in order. */
export async function addEventJob(tx: Tx, event: { id: string; conversationId: string }): Promise<void> {
  await sqlFor(
    tx,
  )`SELECT (graphile_worker.add_job(${EVENT_TASK}, json_build_object('eventId', ${event.id}::text), queue_name => ${queueNameFor(event.conversationId)}, max_attempts => ${EVENT_MAX_ATTEMPTS})).id::text AS id`;
}

type InboundEvent<K extends EventKind> = {
  workspaceId: string;
  conversationId: string;
  kind: K;
  payload: EventPayload<K>;
  actor: EventActor;
  idempotencyKey?: string | null;
  /** The id to record it under: a message retried after its first transaction rolled back keeps its id. */
  id?: string;
};

/** An event's row as it is written: the payload validated, the id (derived from an idempotency key) and its hash. */
export type EventRecord = {
  id: string;
  workspaceId: string;
  conversationId: string;
  kind: EventKind;
  payload: string;
  actorType: EventActor["type"];
  actorId: string | null;
  actorLabel: string;
  idempotencyKey: string | null;
  requestHash: string | null;
};

export function eventRecord<K extends EventKind>(event: InboundEvent<K>): EventRecord {
  const payload = eventPayloads[event.kind].parse(event.payload);
  const idempotencyKey = event.idempotencyKey ?? null;
  return {
    id: event.id ?? (idempotencyKey ? eventIdFor(event.conversationId, idempotencyKey) : newId()),
    workspaceId: event.workspaceId,
    conversationId: event.conversationId,
    kind: event.kind,
    payload: JSON.stringify(payload),
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    idempotencyKey,
    requestHash: idempotencyKey ? payloadHash(payload) : null,
  };
}

/**
 * Records an inbound event and its job in the caller's transaction: the event is accepted exactly when the job
 * exists. Jobs of one conversation share a graphile-worker queue, so they run one at a time, in order.
 * `withJob: false` is for a caller that holds the conversation and runs the event itself (run-where-accepted.ts).
 * With an idempotency key, a repeat returns the first event (and refuses a different payload under the same key).
 */
export async function enqueueEvent<K extends EventKind>(
  tx: Tx,
  event: InboundEvent<K> & { withJob?: boolean },
): Promise<{ id: string; duplicate: boolean }> {
  const record = eventRecord(event);
  if (record.idempotencyKey) {
    // Taken under the conversation's lock by the caller or raced on the unique index: either way one row wins.
    const existing = await tx.conversationEvent.findUnique({
      where: {
        conversationId_idempotencyKey: { conversationId: record.conversationId, idempotencyKey: record.idempotencyKey },
      },
      select: { id: true, requestHash: true, kind: true },
    });
    if (existing) {
      if (existing.requestHash !== record.requestHash || existing.kind !== record.kind) {
        throw new AppError("CONFLICT", {
          userMessage: "This idempotencyKey was already used with a different message.",
        });
      }
      return { id: existing.id, duplicate: true };
    }
  }
  await sqlFor(tx)`
    INSERT INTO "ConversationEvent" (id, "workspaceId", "conversationId", kind, payload, "actorType", "actorId", "actorLabel", "idempotencyKey", "requestHash")
    VALUES (${record.id}, ${record.workspaceId}, ${record.conversationId}, ${record.kind}, ${record.payload}::jsonb,
            ${record.actorType}, ${record.actorId}, ${record.actorLabel}, ${record.idempotencyKey}, ${record.requestHash})`;
  if (event.withJob !== false) await addEventJob(tx, record);
  return { id: record.id, duplicate: false };
}
