// The machine interfaces' limits (REST API, A2A, MCP), on the one limiter in lib/platform/http/rate-limiter.ts: each
// key's own per-minute quota, every client address overall (checked first, so unknown keys are throttled too) and the
// messages sent to one conversation. Per process: see the README's "Headers and rate limits".
import "server-only";
import { config } from "@/lib/platform/config";
import { clientAddress } from "@/lib/platform/http/client-address";
import { addressKey, enforceRate, type RateState } from "@/lib/platform/http/rate-limiter";

export { RateLimitedError } from "@/lib/platform/http/rate-limiter";
export type RateLimitState = RateState;

const MINUTE_MS = 60_000;

/** Counts one request against the key's own limit; over it → RateLimitedError. */
export function consumeRateLimit(options: { apiKeyId: string; limit: number; now?: number }): RateLimitState {
  return enforceRate(
    { name: "api.key", limit: options.limit, windowMs: MINUTE_MS },
    options.apiKeyId,
    (retry) => ({
      message: `API key over its limit of ${options.limit} requests per minute`,
      userMessage: `Rate limit exceeded: ${options.limit} requests per minute. Retry after ${retry} s.`,
    }),
    options.now,
  );
}

/** Counts one request from the request's client address, before the key is even looked up. */
export function consumeAddressLimit(request: Request): void {
  const limit = config().API_REQUESTS_PER_ADDRESS;
  const address = addressKey(clientAddress(request.headers) ?? "unknown");
  enforceRate({ name: "api.address", limit, windowMs: MINUTE_MS }, address, (retry) => ({
    message: `client address over ${limit} API requests per minute`,
    userMessage: `Too many requests from your address: at most ${limit} per minute. Retry after ${retry} s.`,
  }));
}

/** Counts one customer message to a conversation of the key's workspace (REST, A2A and MCP alike). */
export function consumeConversationLimit(workspaceId: string, conversationId: string): void {
  const limit = config().API_MESSAGES_PER_CONVERSATION;
  enforceRate(
    { name: "api.conversation", limit, windowMs: MINUTE_MS },
    `${workspaceId}:${conversationId}`,
    (retry) => ({
      message: `conversation ${conversationId} over ${limit} messages per minute`,
      userMessage: `Too many messages to this conversation: at most ${limit} per minute. Retry after ${retry} s.`,
    }),
  );
}
