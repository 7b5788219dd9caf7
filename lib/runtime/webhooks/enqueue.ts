// Webhooks are an outbox: a delivery row and its job are written in the transaction of the change they report, so
// an event is sent exactly when its change commits. The worker sends it (lib/interfaces/webhooks/delivery-task.ts).
import "server-only";
import { randomUUID } from "node:crypto";
import { sqlFor, type Tx } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { HANDOFF_EVENT, WEBHOOK_DELIVERY_TASK, type WebhookEvent } from "./event-types";

/** What a receiver gets: a stable event id (the same on retries and replays), the type, when, and the data. */
export type WebhookEnvelope = {
  id: string;
  type: string;
  createdAt: string;
  workspaceId: string;
  data: Record<string, unknown>;
};

export function envelope(workspaceId: string, type: string, data: Record<string, unknown>): WebhookEnvelope {
  return { id: `evt_${randomUUID().replace(/-/g, "")}`, type, createdAt: new Date().toISOString(), workspaceId, data };
}

/** One delivery of a payload to one endpoint, and its job, in the caller's transaction. */
export async function enqueueDelivery(
  tx: Tx,
  delivery: {
    workspaceId: string;
    endpointId: string;
    event: string;
    payload: WebhookEnvelope;
    replayOfId?: string | null;
  },
): Promise<{ id: string }> {
  const created = await tx.webhookDelivery.create({
    data: {
      workspaceId: delivery.workspaceId,
      endpointId: delivery.endpointId,
      event: delivery.event,
      payload: delivery.payload as unknown as Prisma.InputJsonValue,
      nextAttemptAt: new Date(),
      replayOfId: delivery.replayOfId ?? null,
    },
    select: { id: true },
  });
  await scheduleDeliveryJob(tx, created.id, new Date());
  return created;
}

/** (Re)schedules a delivery's job; the job key keeps one pending job per delivery. */
export async function scheduleDeliveryJob(tx: Tx, deliveryId: string, runAt: Date): Promise<void> {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${WEBHOOK_DELIVERY_TASK}, json_build_object('deliveryId', ${deliveryId}::text), run_at => ${runAt.toISOString()}::timestamptz, max_attempts => 1, job_key => ${`webhook:${deliveryId}`})`;
}

/** The event's data, or a function that loads it (called only when someone subscribes; null means "do not send"). */
export type WebhookEventData = Record<string, unknown> | (() => Promise<Record<string, unknown> | null>);

/**
 * Emits an event to every active subscription of the workspace that asked for it. Call it in the transaction of the
 * change. Returns how many deliveries it queued (0 when nobody subscribes: one indexed query, nothing written).
 */
export async function emitWebhookEvent(
  tx: Tx,
  event: { workspaceId: string; type: WebhookEvent; data: WebhookEventData; subscribers?: string[] },
): Promise<number> {
  // A prepared statement: this runs in most engine events, where Prisma's model API cost about 1 ms of CPU per call
  // (bench:engine). A conversation's start reads `subscribers` in its own statement, with this query's conditions.
  const endpoints = event.subscribers
    ? event.subscribers.map((id) => ({ id }))
    : await sqlFor(tx)<{ id: string }[]>`
        SELECT id FROM "WebhookEndpoint"
        WHERE "workspaceId" = ${event.workspaceId} AND kind = 'subscription' AND active AND ${event.type}::text = ANY(events)`;
  if (endpoints.length === 0) return 0;
  const data = typeof event.data === "function" ? await event.data() : event.data;
  if (!data) return 0;
  const payload = envelope(event.workspaceId, event.type, data);
  for (const endpoint of endpoints)
    await enqueueDelivery(tx, { workspaceId: event.workspaceId, endpointId: endpoint.id, event: event.type, payload });
  return endpoints.length;
}

/** Sends an escalation's context package to an external contact centre (a handoff endpoint). */
export async function enqueueHandoff(
  tx: Tx,
  handoff: { workspaceId: string; endpointId: string; data: Record<string, unknown> },
): Promise<{ id: string }> {
  return enqueueDelivery(tx, {
    workspaceId: handoff.workspaceId,
    endpointId: handoff.endpointId,
    event: HANDOFF_EVENT,
    payload: envelope(handoff.workspaceId, HANDOFF_EVENT, handoff.data),
  });
}
