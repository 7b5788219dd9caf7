// Shared by the webhook integration tests: endpoints made through the domain functions the settings actions call,
// and waits on the delivery log the worker writes. The receivers run on 127.0.0.1, which the SSRF guard allows only
// when allowlisted, exactly as a developer would configure it.
import { db } from "@/lib/platform/db/client";
import type { WebhookEvent } from "@/lib/runtime/webhooks/event-types";
import { createWebhookEndpoint } from "@/lib/features/settings/webhooks/manage-endpoints";
import { waitFor } from "@/tests/support/engine";

process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = "127.0.0.1";
// The retry schedule scaled down: 2 ms, 6 ms, 24 ms… instead of 10 s, 30 s, 2 min…
process.env.WEBHOOK_RETRY_BASE_MS = "2";

export async function makeEndpoint(
  workspaceId: string,
  options: {
    url: string;
    events?: WebhookEvent[];
    kind?: "subscription" | "handoff";
    name?: string;
    active?: boolean;
    createdById?: string;
  },
) {
  const createdById =
    options.createdById ?? (await db().membership.findFirstOrThrow({ where: { workspaceId } })).userId;
  const { endpoint, secret } = await db().$transaction((tx) =>
    createWebhookEndpoint(tx, {
      workspaceId,
      createdById,
      kind: options.kind ?? "subscription",
      name: options.name ?? `hook-${Math.random().toString(36).slice(2, 8)}`,
      url: options.url,
      events: options.events ?? [],
    }),
  );
  if (options.active === false)
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { active: false } });
  return { endpoint, secret };
}

export const deliveriesOf = (endpointId: string) =>
  db().webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { createdAt: "asc" },
    include: { attemptLog: { orderBy: { number: "asc" } } },
  });

/** Waits until the delivery is settled (succeeded or failed) and returns it with its attempts. */
export async function settled(deliveryId: string, timeoutMs = 45_000) {
  await waitFor(
    async () => (await db().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).status !== "pending",
    timeoutMs,
    `delivery ${deliveryId} to settle`,
  );
  return db().webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { attemptLog: { orderBy: { number: "asc" } } },
  });
}

/** Waits for the endpoint's deliveries of `event` and returns them. */
export async function deliveriesFor(endpointId: string, event: string, count = 1, timeoutMs = 30_000) {
  await waitFor(
    async () => (await db().webhookDelivery.count({ where: { endpointId, event } })) >= count,
    timeoutMs,
    `${count} ${event} deliveries`,
  );
  return db().webhookDelivery.findMany({ where: { endpointId, event }, orderBy: { createdAt: "asc" } });
}
