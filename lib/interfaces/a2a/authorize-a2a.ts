// Who may reach an A2A URL: a client address within its limit and a valid workspace API key (counted against its
// rate limit, as the REST API does) whose workspace is the one in the URL, and — for a flow's URLs — a flow that is
// published and accepts the API channel. Anything else is 401/404/429 and writes nothing.
import "server-only";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import {
  consumeAddressLimit,
  consumeRateLimit,
  RateLimitedError,
  type RateLimitState,
} from "@/lib/interfaces/api-keys/rate-limit";
import { db } from "@/lib/platform/db/client";
import { AppError, toAppError } from "@/lib/model/errors";
import { findPublishedFlow, type PublishedFlow } from "@/lib/interfaces/published-flows/published-flows";

export type A2aCaller = { key: ApiKeyPrincipal; workspaceSlug: string; rateLimit: RateLimitState };

const notFound = () => new AppError("NOT_FOUND", { userMessage: "No such agent in this workspace." });

export async function authorizeWorkspace(
  request: Request,
  workspaceSlug: string,
  onRateLimit: (state: RateLimitState) => void,
): Promise<A2aCaller> {
  consumeAddressLimit(request);
  const key = await authenticateApiKey({ authorization: request.headers.get("authorization") });
  const rateLimit = consumeRateLimit({ apiKeyId: key.id, limit: key.rateLimitPerMinute });
  onRateLimit(rateLimit);
  const workspace = await db().workspace.findFirst({
    where: { id: key.workspaceId, slug: workspaceSlug },
    select: { slug: true },
  });
  if (!workspace) throw notFound();
  return { key, workspaceSlug: workspace.slug, rateLimit };
}

export async function authorizeFlow(caller: A2aCaller, flowSlug: string): Promise<PublishedFlow> {
  const flow = await findPublishedFlow(caller.key.workspaceId, flowSlug);
  if (!flow) throw notFound();
  return flow;
}

export function rateLimitHeaders(state: RateLimitState | null): Record<string, string> {
  if (!state) return {};
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(Math.ceil(state.resetAt.getTime() / 1000)),
  };
}

/** The HTTP side of a refusal: status, safe message and headers (Retry-After, WWW-Authenticate). */
export function refusal(
  error: unknown,
  rateLimit: RateLimitState | null,
): { status: number; code: string; message: string; headers: Record<string, string> } {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error("[a2a]", appError.message, appError.cause ?? "");
  const headers: Record<string, string> = { "Cache-Control": "no-store", ...rateLimitHeaders(rateLimit) };
  if (error instanceof RateLimitedError) headers["Retry-After"] = String(error.retryAfterSeconds);
  if (appError.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="switchboard"';
  return { status: appError.status, code: appError.code, message: appError.userMessage, headers };
}
