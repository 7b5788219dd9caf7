import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
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
 * Records an inbound event and its job in the caller's transaction: the event is accepted exactly when the job
 * exists. Jobs of one conversation share a graphile-worker queue, so they run one at a time, in order.
 * With an idempotency key, a repeat returns the first event (and refuses a different payload under the same key).
 */
export async function enqueueEvent<K extends EventKind>(
  tx: Tx,
  event: {
    workspaceId: string;
    conversationId: string;
    kind: K;
    payload: EventPayload<K>;
    actor: EventActor;
    idempotencyKey?: string | null;
  },
): Promise<{ id: string; duplicate: boolean }> {
  const payload = eventPayloads[event.kind].parse(event.payload);
  const requestHash = event.idempotencyKey ? payloadHash(payload) : null;
  if (event.idempotencyKey) {
    // Taken under the conversation's lock by the caller or raced on the unique index: either way one row wins.
    const existing = await tx.conversationEvent.findUnique({
      where: {
        conversationId_idempotencyKey: { conversationId: event.conversationId, idempotencyKey: event.idempotencyKey },
      },
      select: { id: true, requestHash: true, kind: true },
    });
    if (existing) {
      if (existing.requestHash !== requestHash || existing.kind !== event.kind) {
        throw new AppError("CONFLICT", {
          userMessage: "This idempotencyKey was already used with a different message.",
        });
      }
      return { id: existing.id, duplicate: true };
    }
  }
  const created = await tx.conversationEvent.create({
    data: {
      workspaceId: event.workspaceId,
      conversationId: event.conversationId,
      kind: event.kind,
      payload: payload as Prisma.InputJsonValue,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorLabel: event.actor.label,
      idempotencyKey: event.idempotencyKey ?? null,
      requestHash,
    },
    select: { id: true },
  });
  await tx.$executeRaw`SELECT graphile_worker.add_job(${EVENT_TASK}, json_build_object('eventId', ${created.id}::text), queue_name => ${queueNameFor(event.conversationId)}, max_attempts => ${EVENT_MAX_ATTEMPTS})`;
  return { id: created.id, duplicate: false };
}
