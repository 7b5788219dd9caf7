import { describe, expect, it } from "vitest";
import {
  prepareDelivery,
  summarizeDeliveries,
  type DeliveryRow,
} from "@/lib/features/settings/webhooks/prepare-delivery-log";

const at = new Date("2026-11-21T10:00:00Z");
const row = (over: Partial<DeliveryRow> = {}): DeliveryRow => ({
  id: "d1",
  event: "conversation.started",
  status: "pending",
  attempts: 0,
  nextAttemptAt: at,
  lastAttemptAt: null,
  lastResponseStatus: null,
  lastError: null,
  replayOfId: null,
  createdAt: at,
  deliveredAt: null,
  payload: { id: "evt_1", type: "conversation.started", data: {} },
  attemptLog: [],
  ...over,
});

describe("prepareDelivery", () => {
  it("shows a queued delivery as not tried yet, with its next attempt", () => {
    expect(prepareDelivery(row())).toMatchObject({
      state: "queued",
      label: "Queued",
      tone: "sky",
      attemptsLabel: "not tried yet",
      lastResponse: "—",
      nextAttemptAt: at.toISOString(),
      eventId: "evt_1",
    });
  });

  it("shows a retrying delivery with attempt n of 8, the last answer and attempts in order", () => {
    const view = prepareDelivery(
      row({
        attempts: 2,
        lastResponseStatus: 503,
        lastError: "HTTP 503",
        attemptLog: [
          { number: 2, at, durationMs: 12, responseStatus: 503, responseBody: "busy", error: null },
          {
            number: 1,
            at,
            durationMs: 30,
            responseStatus: null,
            responseBody: null,
            error: "network error: ECONNREFUSED",
          },
        ],
      }),
    );
    expect(view).toMatchObject({ state: "retrying", tone: "amber", attemptsLabel: "2 of 8", lastResponse: "HTTP 503" });
    expect(view.attempts.map((a) => [a.number, a.outcome, a.ok])).toEqual([
      [1, "No response", false],
      [2, "HTTP 503", false],
    ]);
  });

  it("shows delivered and failed deliveries without a next attempt", () => {
    const delivered = prepareDelivery(
      row({
        status: "succeeded",
        attempts: 1,
        lastResponseStatus: 204,
        deliveredAt: at,
        nextAttemptAt: null,
        attemptLog: [{ number: 1, at, durationMs: 5, responseStatus: 204, responseBody: "", error: null }],
      }),
    );
    expect(delivered).toMatchObject({
      state: "delivered",
      tone: "green",
      lastResponse: "HTTP 204",
      nextAttemptAt: null,
      deliveredAt: at.toISOString(),
    });
    expect(delivered.attempts[0].ok).toBe(true);
    const failed = prepareDelivery(
      row({ status: "failed", attempts: 1, lastError: "Timed out after 10 s.", nextAttemptAt: at }),
    );
    expect(failed).toMatchObject({ state: "failed", tone: "red", lastResponse: "No response", nextAttemptAt: null });
    expect(summarizeDeliveries([delivered, failed, prepareDelivery(row())])).toEqual({
      delivered: 1,
      pending: 1,
      failed: 1,
    });
  });
});
