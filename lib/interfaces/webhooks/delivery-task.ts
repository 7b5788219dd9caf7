// The worker's side of the outbox: sends one delivery, records the attempt, and either marks it delivered, schedules
// the next attempt (retry-schedule.ts), or fails it for good. At-least-once: a receiver dedupes on
// Switchboard-Event-Id (the same on retries and replays) or Switchboard-Delivery. Run by the worker task
// WEBHOOK_DELIVERY_TASK (lib/interfaces/worker/start-worker.ts).
import "server-only";
import { decryptSecret } from "@/lib/platform/crypto/secret-box";
import { db } from "@/lib/platform/db/client";
import { createGuardedFetch } from "@/lib/platform/net/guarded-fetch";
import { allowlistFromEnv } from "@/lib/platform/net/host-allowlist";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { scheduleDeliveryJob } from "@/lib/runtime/webhooks/enqueue";
import { nextRetryDelayMs } from "@/lib/runtime/webhooks/retry-schedule";
import { SIGNATURE_HEADER, signPayload } from "./signature";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const USER_AGENT = "Switchboard-Webhooks/1";
/** How much of a response body is kept with the attempt. */
const KEPT_BODY_BYTES = 2048;

export type AttemptResult = { status: number | null; body: string | null; error: string | null; durationMs: number };

export type DeliveryOutcome = "succeeded" | "retrying" | "failed" | "skipped";

/** Reads at most `limit` bytes of a response and drops the rest. */
async function readStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

/** One POST through the SSRF guard (vetted, pinned to the vetted address, never following redirects). */
export async function postWebhook(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeout = AbortSignal.timeout(DELIVERY_TIMEOUT_MS);
  try {
    const guardedFetch = createGuardedFetch({ allowHosts: allowlistFromEnv(), maxBytes: 1024 * 1024 });
    const response = await guardedFetch(url, { method: "POST", headers, body, signal: timeout });
    let text: string | null = null;
    try {
      text = await readStart(response, KEPT_BODY_BYTES);
    } catch {
      text = null; // the status is what counts; an unreadable body is not a failure
    }
    const redirect = response.status >= 300 && response.status < 400;
    return {
      status: response.status,
      body: text,
      error: redirect ? "Redirects are not followed: point the endpoint at the final URL." : null,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (timeout.aborted)
      return {
        status: null,
        body: null,
        error: `Timed out after ${DELIVERY_TIMEOUT_MS / 1000} s.`,
        durationMs: elapsed(),
      };
    const message =
      error instanceof SsrfBlockedError || error instanceof HttpToolError
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error);
    return { status: null, body: null, error: message.slice(0, 500), durationMs: elapsed() };
  }
}

/** Sends a delivery once (the job's body). Safe to call for a delivery that is already settled: it does nothing. */
export async function deliverWebhook(deliveryId: string): Promise<DeliveryOutcome> {
  const delivery = await db().webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      event: true,
      payload: true,
      status: true,
      attempts: true,
      endpoint: { select: { url: true, secretCipher: true, active: true } },
    },
  });
  // A deleted endpoint takes its deliveries with it; a settled delivery is never sent again (replay makes a new one).
  if (!delivery || delivery.status !== "pending") return "skipped";
  if (!delivery.endpoint.active) {
    await db().webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending" },
      data: { status: "failed", nextAttemptAt: null, lastError: "Not sent: the endpoint is disabled." },
    });
    return "failed";
  }

  return recordAttempt(delivery.id, await send(delivery.id, delivery.event, delivery.payload, delivery.endpoint));
}

/** Signs the payload with the endpoint's current secret and POSTs it. The secret and signature are never logged. */
async function send(
  deliveryId: string,
  event: string,
  payload: unknown,
  endpoint: { url: string; secretCipher: string },
): Promise<AttemptResult> {
  let secret: string;
  try {
    secret = decryptSecret(endpoint.secretCipher);
  } catch (error) {
    return {
      status: null,
      body: null,
      error: error instanceof Error ? error.message : "The signing secret could not be read.",
      durationMs: 0,
    };
  }
  const body = JSON.stringify(payload);
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
    "Switchboard-Event": event,
    "Switchboard-Delivery": deliveryId,
    "Switchboard-Event-Id": String((payload as { id?: unknown } | null)?.id ?? ""),
    [SIGNATURE_HEADER]: signPayload(secret, body),
  };
  return postWebhook(endpoint.url, headers, body);
}

/** Stores the attempt and settles or reschedules the delivery, in one transaction. */
async function recordAttempt(deliveryId: string, result: AttemptResult): Promise<DeliveryOutcome> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ attempts: number; status: string }[]>`
      SELECT attempts, status::text AS status FROM "WebhookDelivery" WHERE id = ${deliveryId} FOR UPDATE`;
    const current = rows[0];
    if (!current || current.status !== "pending") return "skipped";
    const number = current.attempts + 1;
    const now = new Date();
    await tx.webhookAttempt.create({
      data: {
        deliveryId,
        number,
        at: now,
        durationMs: result.durationMs,
        responseStatus: result.status,
        responseBody: result.body,
        error: result.error,
      },
    });
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    // 410 Gone: the receiver says this endpoint is no more; asking again would not change its mind.
    const gone = result.status === 410;
    const delay = ok || gone ? null : nextRetryDelayMs(number);
    const outcome: DeliveryOutcome = ok ? "succeeded" : delay === null ? "failed" : "retrying";
    const nextAttemptAt = delay === null ? null : new Date(now.getTime() + delay);
    let lastError = ok ? null : (result.error ?? (result.status !== null ? `HTTP ${result.status}` : "No response."));
    if (gone) lastError = "The endpoint answered 410 Gone: not retried.";
    else if (outcome === "failed") lastError = `${lastError} Gave up after ${number} attempts.`;
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: number,
        lastAttemptAt: now,
        lastResponseStatus: result.status,
        lastError,
        status: ok ? "succeeded" : outcome === "failed" ? "failed" : "pending",
        deliveredAt: ok ? now : null,
        nextAttemptAt,
      },
    });
    if (nextAttemptAt) await scheduleDeliveryJob(tx, deliveryId, nextAttemptAt);
    return outcome;
  });
}
