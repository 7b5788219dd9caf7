// Creating and changing webhook endpoints, and the deliveries people start by hand (a test ping, a replay). Called by
// the settings actions inside their transaction; they write the audit entries. The signing secret is returned only
// by create and rotate (to be shown once); it is stored encrypted, with a short prefix to tell secrets apart.
import "server-only";
import { randomBytes } from "node:crypto";
import { encryptSecret } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { allowlistFromEnv, isAllowlisted } from "@/lib/platform/net/host-allowlist";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { assertPublicUrl } from "@/lib/platform/net/ssrf-guard";
import { enqueueDelivery, envelope, type WebhookEnvelope } from "@/lib/runtime/webhooks/enqueue";
import type { WebhookEndpointKind } from "./endpoint-schema";
import type { WebhookEvent } from "@/lib/runtime/webhooks/event-types";

export const PING_EVENT = "ping";
const SECRET_PREFIX_LENGTH = "whsec_".length + 6;

export function generateWebhookSecret(): { secret: string; prefix: string } {
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, SECRET_PREFIX_LENGTH) };
}

/** The SSRF guard's verdict on a URL, as a field error people can act on (briefly: it runs in the action's transaction). */
async function checkUrl(url: string): Promise<void> {
  const allowHosts = allowlistFromEnv();
  // Deliveries carry customer data and a signature: plain http only for local receivers on the development allowlist.
  if (new URL(url).protocol === "http:" && !isAllowlisted(new URL(url), allowHosts)) {
    const reason = "This URL is not allowed: webhooks need an https:// URL.";
    throw new AppError("VALIDATION", {
      message: `webhook URL refused: ${reason}`,
      userMessage: reason,
      fieldErrors: { url: [reason] },
    });
  }
  try {
    await assertPublicUrl(url, { allowHosts, signal: AbortSignal.timeout(3000) });
  } catch (error) {
    const reason =
      error instanceof SsrfBlockedError
        ? `This URL is not allowed: ${error.message.replace(/^blocked: /, "")}. Webhooks only go to public addresses.`
        : error instanceof HttpToolError
          ? `This URL cannot be used: ${error.message}.`
          : "This URL could not be checked. Try again.";
    throw new AppError("VALIDATION", {
      message: `webhook URL refused: ${reason}`,
      userMessage: reason,
      fieldErrors: { url: [reason] },
    });
  }
}

async function assertNameFree(tx: Tx, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const taken = await tx.webhookEndpoint.findFirst({
    where: { workspaceId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) {
    throw new AppError("VALIDATION", {
      userMessage: `An endpoint called "${name}" already exists.`,
      fieldErrors: { name: ["This name is already used."] },
    });
  }
}

const endpointSelect = {
  id: true,
  kind: true,
  name: true,
  url: true,
  events: true,
  active: true,
  secretPrefix: true,
} as const;
export type EndpointSnapshot = {
  id: string;
  kind: WebhookEndpointKind;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  secretPrefix: string;
};

/** What an audit entry says about an endpoint: everything but the secret. */
export const auditView = (e: EndpointSnapshot) => ({
  kind: e.kind,
  name: e.name,
  url: e.url,
  events: e.events,
  active: e.active,
  secretPrefix: e.secretPrefix,
});

async function lockEndpoint(tx: Tx, workspaceId: string, endpointId: string): Promise<EndpointSnapshot> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "WebhookEndpoint" WHERE id = ${endpointId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", { userMessage: "Webhook endpoint not found." });
  return tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: endpointSelect });
}

export async function createWebhookEndpoint(
  tx: Tx,
  options: {
    workspaceId: string;
    createdById: string;
    kind: WebhookEndpointKind;
    name: string;
    url: string;
    events: WebhookEvent[];
  },
): Promise<{ endpoint: EndpointSnapshot; secret: string }> {
  await assertNameFree(tx, options.workspaceId, options.name);
  await checkUrl(options.url);
  const { secret, prefix } = generateWebhookSecret();
  const endpoint = await tx.webhookEndpoint.create({
    data: {
      workspaceId: options.workspaceId,
      kind: options.kind,
      name: options.name,
      url: options.url,
      // A handoff endpoint receives handoffs only.
      events: options.kind === "subscription" ? [...new Set(options.events)] : [],
      secretCipher: encryptSecret(secret),
      secretPrefix: prefix,
      createdById: options.createdById,
    },
    select: endpointSelect,
  });
  return { endpoint, secret };
}

export async function updateWebhookEndpoint(
  tx: Tx,
  options: { workspaceId: string; endpointId: string; name: string; url: string; events: WebhookEvent[] },
): Promise<{ before: EndpointSnapshot; after: EndpointSnapshot }> {
  const before = await lockEndpoint(tx, options.workspaceId, options.endpointId);
  if (before.kind === "subscription" && options.events.length === 0) {
    throw new AppError("VALIDATION", {
      userMessage: "Pick at least one event.",
      fieldErrors: { events: ["Pick at least one event."] },
    });
  }
  if (options.name !== before.name) await assertNameFree(tx, options.workspaceId, options.name, before.id);
  if (options.url !== before.url) await checkUrl(options.url);
  const after = await tx.webhookEndpoint.update({
    where: { id: before.id },
    data: {
      name: options.name,
      url: options.url,
      events: before.kind === "subscription" ? [...new Set(options.events)] : [],
    },
    select: endpointSelect,
  });
  return { before, after };
}

/** A new secret replaces the old one at once (deliveries from now on are signed with it). */
export async function rotateWebhookSecret(
  tx: Tx,
  options: { workspaceId: string; endpointId: string },
): Promise<{ before: EndpointSnapshot; after: EndpointSnapshot; secret: string }> {
  const before = await lockEndpoint(tx, options.workspaceId, options.endpointId);
  const { secret, prefix } = generateWebhookSecret();
  const after = await tx.webhookEndpoint.update({
    where: { id: before.id },
    data: { secretCipher: encryptSecret(secret), secretPrefix: prefix },
    select: endpointSelect,
  });
  return { before, after, secret };
}

export async function setWebhookEndpointActive(
  tx: Tx,
  options: { workspaceId: string; endpointId: string; active: boolean },
): Promise<{ before: EndpointSnapshot; after: EndpointSnapshot; changed: boolean }> {
  const before = await lockEndpoint(tx, options.workspaceId, options.endpointId);
  if (before.active === options.active) return { before, after: before, changed: false };
  const after = await tx.webhookEndpoint.update({
    where: { id: before.id },
    data: { active: options.active },
    select: endpointSelect,
  });
  return { before, after, changed: true };
}

/** Deletes the endpoint and its delivery log; escalations it handled keep their history (the link is cleared). */
export async function deleteWebhookEndpoint(
  tx: Tx,
  options: { workspaceId: string; endpointId: string },
): Promise<{ before: EndpointSnapshot; deliveries: number }> {
  const before = await lockEndpoint(tx, options.workspaceId, options.endpointId);
  const deliveries = await tx.webhookDelivery.count({ where: { endpointId: before.id } });
  await tx.webhookEndpoint.delete({ where: { id: before.id } });
  return { before, deliveries };
}

function assertActive(endpoint: EndpointSnapshot) {
  if (!endpoint.active)
    throw new AppError("CONFLICT", { userMessage: `“${endpoint.name}” is disabled: enable it first.` });
}

/** A `ping` delivery to check the receiver and its signature check; it is logged like any other delivery. */
export async function sendTestWebhook(
  tx: Tx,
  options: { workspaceId: string; endpointId: string; actorLabel: string },
): Promise<{ deliveryId: string; endpoint: EndpointSnapshot }> {
  const endpoint = await lockEndpoint(tx, options.workspaceId, options.endpointId);
  assertActive(endpoint);
  const payload = envelope(options.workspaceId, PING_EVENT, {
    endpointId: endpoint.id,
    endpoint: endpoint.name,
    message: "A test event sent from Switchboard's settings.",
    sentBy: options.actorLabel,
  });
  const delivery = await enqueueDelivery(tx, {
    workspaceId: options.workspaceId,
    endpointId: endpoint.id,
    event: PING_EVENT,
    payload,
  });
  return { deliveryId: delivery.id, endpoint };
}

/** A new delivery of a delivery's payload (same event id, so receivers can dedupe), whatever became of the original. */
export async function replayWebhookDelivery(
  tx: Tx,
  options: { workspaceId: string; deliveryId: string },
): Promise<{ deliveryId: string; original: { id: string; event: string; endpointId: string; status: string } }> {
  const original = await tx.webhookDelivery.findFirst({
    where: { id: options.deliveryId, workspaceId: options.workspaceId },
    select: { id: true, event: true, payload: true, endpointId: true, status: true },
  });
  if (!original) throw new AppError("NOT_FOUND", { userMessage: "Delivery not found." });
  const endpoint = await lockEndpoint(tx, options.workspaceId, original.endpointId);
  assertActive(endpoint);
  const delivery = await enqueueDelivery(tx, {
    workspaceId: options.workspaceId,
    endpointId: endpoint.id,
    event: original.event,
    payload: original.payload as unknown as WebhookEnvelope,
    replayOfId: original.id,
  });
  return {
    deliveryId: delivery.id,
    original: { id: original.id, event: original.event, endpointId: original.endpointId, status: original.status },
  };
}
