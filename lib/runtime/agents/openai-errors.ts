// Errors and retries for the OpenAI-compatible provider: maps what the `openai` client throws to a ProviderError
// (secrets redacted), and how long to wait before the next attempt (Retry-After first, else jittered backoff).
import "server-only";
import OpenAI from "openai";
import { SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { ProviderError } from "./types";

/** Replaces the API key (and any bearer token) wherever it appears; caps the length. */
export function redactSecret(text: string, secret: string | null | undefined): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  out = out
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, "$1[redacted]")
    .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, "sk-[redacted]");
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

/** How a ProviderError for a base URL the SSRF guard refused begins. */
export const ADDRESS_REFUSED = "The model server's address is not allowed";

export function toProviderError(
  error: unknown,
  redact: (text: string) => string = (t) => t,
  signal?: AbortSignal,
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (
    error instanceof OpenAI.APIUserAbortError ||
    (signal?.aborted && !(error instanceof OpenAI.APIError && error.status))
  ) {
    return new ProviderError("aborted", "The request was cancelled.", { retriable: false, cause: undefined });
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError("timeout", "The model did not answer in time.", { retriable: true });
  }
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (error instanceof OpenAI.APIConnectionError && cause instanceof SsrfBlockedError) {
    // Refused before anything was sent; trying again cannot help.
    return new ProviderError("connection", `${ADDRESS_REFUSED}: ${cause.message}`, {
      retriable: false,
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ProviderError("connection", `Could not reach the model server: ${redact(causeMessage(error))}`, {
      retriable: true,
    });
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const detail = redact(error.message || `HTTP ${status}`);
    const headers = error.headers;
    const shouldRetry = headers?.get("x-should-retry");
    const retriableStatus =
      status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
    const retriable = shouldRetry === "true" ? true : shouldRetry === "false" ? false : retriableStatus;
    const code =
      status === 429
        ? "rate_limited"
        : status === 408
          ? "timeout"
          : status !== undefined && status >= 500
            ? "server_error"
            : status === 401 || status === 403
              ? "auth"
              : status === 404
                ? "not_found"
                : status === 400 || status === 422
                  ? "bad_request"
                  : "unknown";
    const providerError = new ProviderError(code, `Model server error (HTTP ${status ?? "?"}): ${detail}`, {
      status,
      retriable,
    });
    retryAfter.set(providerError, parseRetryAfter(headers));
    return providerError;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError("unknown", `Model call failed: ${redact(message)}`, { retriable: false });
}

function causeMessage(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause.message : "";
  return [error.message, inner].filter(Boolean).join(": ");
}

const retryAfter = new WeakMap<ProviderError, number | null>();

function parseRetryAfter(headers: Headers | undefined): number | null {
  const ms = headers?.get("retry-after-ms");
  if (ms && !Number.isNaN(Number.parseFloat(ms))) return Math.max(0, Number.parseFloat(ms));
  const value = headers?.get("retry-after");
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (!Number.isNaN(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export function retryDelay(error: ProviderError, retry: number, baseDelay: number, maxDelay: number): number {
  const asked = retryAfter.get(error);
  if (asked !== undefined && asked !== null) return Math.min(asked, maxDelay);
  const exponential = Math.min(baseDelay * 2 ** retry, maxDelay);
  return exponential * (1 - Math.random() * 0.25);
}
