// When a failed delivery is tried again: exponential-ish steps with jitter, 8 attempts in all (about 5 hours from the
// first to the last), then the delivery is failed for good and can be replayed by hand. Pure, unit-tested.
import { processEnv } from "@/lib/platform/config";

/** Delays after attempts 1…7, in seconds: 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 3 h. */
export const RETRY_DELAYS_SECONDS = [10, 30, 120, 600, 1800, 3600, 10_800] as const;
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
const FIRST_DELAY_MS = RETRY_DELAYS_SECONDS[0] * 1000;

/**
 * The first step's length in ms. WEBHOOK_RETRY_BASE_MS (read at call time) scales the whole schedule, so tests can
 * run all eight attempts in moments; unset, it is 10 s.
 */
export function retryBaseMs(env: Record<string, string | undefined> = processEnv()): number {
  const raw = Number(env.WEBHOOK_RETRY_BASE_MS);
  return Number.isFinite(raw) && raw >= 0 ? raw : FIRST_DELAY_MS;
}

/**
 * The delay before the next attempt after attempt `attempt` (1-based) failed, or null when that was the last one.
 * Jitter of ±20 % spreads the retries of many deliveries that failed together (a receiver's outage).
 */
export function nextRetryDelayMs(
  attempt: number,
  options: { baseMs?: number; random?: () => number } = {},
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt >= MAX_DELIVERY_ATTEMPTS) return null;
  const baseMs = options.baseMs ?? retryBaseMs();
  const nominal = (RETRY_DELAYS_SECONDS[attempt - 1] * 1000 * baseMs) / FIRST_DELAY_MS;
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  return Math.round(nominal * jitter);
}
