// The one route-handler wrapper for the public API: count the client address → authenticate the key → count it
// against its rate limit → read and zod-parse params and JSON body → call the domain → JSON. Every failure leaves as
// `{ "error": { "code", "message" } }` with the status toAppError gives it; internals are logged, never returned.
import "server-only";
import type { z } from "zod";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import {
  consumeAddressLimit,
  consumeRateLimit,
  RateLimitedError,
  type RateLimitState,
} from "@/lib/interfaces/api-keys/rate-limit";
import { AppError, toAppError } from "@/lib/model/errors";
import { assertSafeJson } from "@/lib/model/safe-text";

import { withApiSecurityHeaders } from "@/lib/platform/http/api-security-headers";
import { errorResponse } from "@/lib/platform/http/error-response";
import { MAX_BODY_BYTES } from "./limits";

export { MAX_BODY_BYTES };

export type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/** A JSON body, or `stream` for a streamed response (server-sent events) sent with the given headers. */
export type ApiResult<T> = {
  status?: number;
  body: T;
  headers?: Record<string, string>;
  stream?: ReadableStream<Uint8Array>;
};

type Empty = undefined;

function toErrorResponse(error: unknown, rateLimit: RateLimitState | null): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error("[api]", appError.message, appError.cause ?? "");
  const headers: Record<string, string> = rateLimit ? rateLimitHeaders(rateLimit) : {};
  if (error instanceof RateLimitedError) headers["Retry-After"] = String(error.retryAfterSeconds);
  let message = appError.userMessage;
  if (appError.code === "VALIDATION" && appError.fieldErrors) {
    message = `${message} ${Object.entries(appError.fieldErrors)
      .map(([path, messages]) => `${path}: ${messages.join(", ")}`)
      .join("; ")}`;
  }
  return errorResponse(appError.status, appError.code, message, { fields: appError.fieldErrors, headers });
}

function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(Math.ceil(state.resetAt.getTime() / 1000)),
  };
}

class PayloadTooLarge extends Error {}

/**
 * The JSON body, at most MAX_BODY_BYTES, refused (400) when it is not JSON or holds text Postgres cannot store (NUL,
 * unpaired surrogates). Exported for the MCP endpoint, which hands the parsed body to its transport.
 */
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new PayloadTooLarge();
  // Read incrementally so a body without (or lying about) Content-Length cannot make us buffer more than the limit.
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw new PayloadTooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new AppError("BAD_REQUEST", { userMessage: "The request body must be a JSON object." });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "The request body is not valid JSON." });
  }
  assertSafeJson(json);
  return json;
}

/**
 * Builds a route handler. `params` and `body` are zod schemas; a schema error is a 422 naming the field paths
 * (params that fail their schema are a 404: such an id cannot exist).
 */
export function handleApiRequest<
  P extends z.ZodType | Empty = Empty,
  B extends z.ZodType | Empty = Empty,
  T = unknown,
>(options: {
  params?: P;
  body?: B;
  handler: (ctx: {
    key: ApiKeyPrincipal;
    params: P extends z.ZodType ? z.output<P> : Empty;
    body: B extends z.ZodType ? z.output<B> : Empty;
    request: Request;
  }) => Promise<ApiResult<T>>;
}): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context) => withApiSecurityHeaders(await respond(request, context));

  async function respond(request: Request, context?: RouteContext): Promise<Response> {
    let rateLimit: RateLimitState | null = null;
    try {
      consumeAddressLimit(request);
      const key = await authenticateApiKey({ authorization: request.headers.get("authorization") });
      rateLimit = consumeRateLimit({ apiKeyId: key.id, limit: key.rateLimitPerMinute });

      let params: unknown = undefined;
      if (options.params) {
        const parsed = options.params.safeParse((await context?.params) ?? {});
        if (!parsed.success) throw new AppError("NOT_FOUND", { userMessage: "Not found." });
        params = parsed.data;
      }
      let body: unknown = undefined;
      if (options.body) {
        const json = await readJson(request);
        const parsed = options.body.safeParse(json);
        if (!parsed.success) throw parsed.error; // → 422 with field paths, in toAppError
        body = parsed.data;
      }

      const result = await options.handler({
        key,
        params: params as P extends z.ZodType ? z.output<P> : Empty,
        body: body as B extends z.ZodType ? z.output<B> : Empty,
        request,
      });
      if (result.stream) {
        return new Response(result.stream, {
          status: result.status ?? 200,
          headers: { ...rateLimitHeaders(rateLimit), ...result.headers },
        });
      }
      return Response.json(result.body, {
        status: result.status ?? 200,
        headers: { "Cache-Control": "no-store", ...rateLimitHeaders(rateLimit), ...result.headers },
      });
    } catch (error) {
      if (error instanceof PayloadTooLarge) {
        return errorResponse(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`, {
          headers: rateLimit ? rateLimitHeaders(rateLimit) : undefined,
        });
      }
      return toErrorResponse(error, rateLimit);
    }
  }
}
