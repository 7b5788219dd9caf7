import "server-only";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";

const WINDOW_MS = 60_000;

export type RateLimitState = { limit: number; remaining: number; resetAt: Date };

/** Thrown with the seconds until the window ends, for the `Retry-After` header. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, limit: number) {
    super("RATE_LIMITED", {
      message: `API key over its limit of ${limit} requests per minute`,
      userMessage: `Rate limit exceeded: ${limit} requests per minute. Retry after ${retryAfterSeconds} s.`,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Counts one request in the key's current fixed one-minute window (a row per key per minute, upserted atomically in
 * Postgres so every web instance shares the count). Over the limit → RateLimitedError.
 */
export async function consumeRateLimit(options: {
  apiKeyId: string;
  limit: number;
  now?: Date;
}): Promise<RateLimitState> {
  const now = options.now ?? new Date();
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const resetAt = new Date(windowStart.getTime() + WINDOW_MS);
  const rows = await db().$queryRaw<{ count: number }[]>`
    INSERT INTO "ApiKeyUsage" ("apiKeyId", "windowStart", "count") VALUES (${options.apiKeyId}, ${windowStart}, 1)
    ON CONFLICT ("apiKeyId", "windowStart") DO UPDATE SET "count" = "ApiKeyUsage"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0].count);
  // The first request of a window tidies up this key's old windows, so the table stays small.
  if (count === 1) {
    await db().apiKeyUsage.deleteMany({
      where: { apiKeyId: options.apiKeyId, windowStart: { lt: new Date(windowStart.getTime() - 60 * WINDOW_MS) } },
    });
  }
  if (count > options.limit) {
    throw new RateLimitedError(Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)), options.limit);
  }
  return { limit: options.limit, remaining: Math.max(0, options.limit - count), resetAt };
}
