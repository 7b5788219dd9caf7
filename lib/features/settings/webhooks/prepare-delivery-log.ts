// Turns delivery rows into what the delivery log shows: a status people read at a glance (queued, retrying,
// delivered, failed), "attempt n of 8", the last answer and the next try. Pure, unit-tested; components only draw.
import { MAX_DELIVERY_ATTEMPTS } from "@/lib/runtime/webhooks/retry-schedule";

export type DeliveryRow = {
  id: string;
  event: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  replayOfId: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  payload: unknown;
  attemptLog: {
    number: number;
    at: Date;
    durationMs: number;
    responseStatus: number | null;
    responseBody: string | null;
    error: string | null;
  }[];
};

export type DeliveryTone = "neutral" | "sky" | "green" | "amber" | "red";

export type DeliveryView = {
  id: string;
  event: string;
  eventId: string | null;
  state: "queued" | "retrying" | "delivered" | "failed";
  label: string;
  tone: DeliveryTone;
  attemptsLabel: string;
  lastResponse: string;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  replayOfId: string | null;
  payloadJson: string;
  attempts: {
    number: number;
    at: string;
    durationMs: number;
    outcome: string;
    ok: boolean;
    body: string | null;
    error: string | null;
  }[];
};

const STATES = {
  queued: { label: "Queued", tone: "sky" },
  retrying: { label: "Retrying", tone: "amber" },
  delivered: { label: "Delivered", tone: "green" },
  failed: { label: "Failed", tone: "red" },
} as const;

const isOk = (status: number | null) => status !== null && status >= 200 && status < 300;

function responseText(status: number | null, error: string | null): string {
  if (status !== null) return `HTTP ${status}`;
  return error ? "No response" : "—";
}

export function prepareDelivery(row: DeliveryRow): DeliveryView {
  const state =
    row.status === "succeeded"
      ? "delivered"
      : row.status === "failed"
        ? "failed"
        : row.attempts === 0
          ? "queued"
          : "retrying";
  const envelopeId = (row.payload as { id?: unknown } | null)?.id;
  return {
    id: row.id,
    event: row.event,
    eventId: typeof envelopeId === "string" ? envelopeId : null,
    state,
    label: STATES[state].label,
    tone: STATES[state].tone,
    attemptsLabel: row.attempts === 0 ? "not tried yet" : `${row.attempts} of ${MAX_DELIVERY_ATTEMPTS}`,
    lastResponse: row.attempts === 0 ? "—" : responseText(row.lastResponseStatus, row.lastError),
    lastError: row.lastError,
    nextAttemptAt: row.status === "pending" && row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    replayOfId: row.replayOfId,
    payloadJson: JSON.stringify(row.payload, null, 2),
    attempts: [...row.attemptLog]
      .sort((a, b) => a.number - b.number)
      .map((attempt) => ({
        number: attempt.number,
        at: attempt.at.toISOString(),
        durationMs: attempt.durationMs,
        outcome:
          attempt.responseStatus !== null ? `HTTP ${attempt.responseStatus}` : attempt.error ? "No response" : "—",
        ok: isOk(attempt.responseStatus),
        body: attempt.responseBody,
        error: attempt.error,
      })),
  };
}

/** Counts for the log's header: how many are delivered, still being tried, failed. */
export function summarizeDeliveries(views: DeliveryView[]): { delivered: number; pending: number; failed: number } {
  return {
    delivered: views.filter((v) => v.state === "delivered").length,
    pending: views.filter((v) => v.state === "queued" || v.state === "retrying").length,
    failed: views.filter((v) => v.state === "failed").length,
  };
}
