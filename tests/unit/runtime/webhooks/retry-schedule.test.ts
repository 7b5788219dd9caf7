import { describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, nextRetryDelayMs, retryBaseMs } from "@/lib/runtime/webhooks/retry-schedule";

describe("webhook retry schedule", () => {
  it("backs off 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h, then gives up after 8 attempts", () => {
    const middle = () => 0.5; // no jitter
    const delays = Array.from({ length: 9 }, (_, i) => nextRetryDelayMs(i + 1, { baseMs: 10_000, random: middle }));
    expect(delays).toEqual([10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, null, null]);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    expect(nextRetryDelayMs(0, { baseMs: 10_000 })).toBeNull();
  });

  it("adds ±20 % jitter", () => {
    expect(nextRetryDelayMs(1, { baseMs: 10_000, random: () => 0 })).toBe(8_000);
    expect(nextRetryDelayMs(1, { baseMs: 10_000, random: () => 0.999999 })).toBe(12_000);
  });

  it("scales the whole schedule with WEBHOOK_RETRY_BASE_MS", () => {
    expect(retryBaseMs({})).toBe(10_000);
    expect(retryBaseMs({ WEBHOOK_RETRY_BASE_MS: "20" })).toBe(20);
    expect(retryBaseMs({ WEBHOOK_RETRY_BASE_MS: "nonsense" })).toBe(10_000);
    expect(nextRetryDelayMs(2, { baseMs: 20, random: () => 0.5 })).toBe(60);
  });
});
