// An OpenAI-compatible chat provider (OpenAI, Azure-style gateways, Ollama, vLLM, LM Studio…) built on the real
// `openai` client. Retries are ours, not the client's (its maxRetries is 0), so every HTTP attempt is counted, a
// stream that already produced text is never replayed, and a primary model that keeps failing gets one try with
// the fallback model.
import "server-only";
import OpenAI from "openai";
import { runAttempt, type AttemptOutcome } from "./openai-attempt";
import { createGuardedFetch } from "@/lib/platform/net/guarded-fetch";
import { allowlistFromEnv } from "@/lib/platform/net/host-allowlist";
import { retryDelay, redactSecret, toProviderError } from "./openai-errors";
import { costUsd } from "./pricing";
import { ProviderError, type ChatProvider, type ChatRequest, type ChatResult } from "./types";

export type OpenAIProviderOptions = {
  /** E.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: string;
  /** Hosts the SSRF guard lets through although private (development); defaults to SWITCHBOARD_HTTP_TOOL_ALLOWLIST. */
  allowHosts?: readonly string[];
  /** Omitted or empty: no Authorization header is sent (local servers). */
  apiKey?: string | null;
  /** Per attempt; for streams, the longest silence between chunks. */
  timeoutMs?: number;
  /** Retries of the primary model after the first attempt, for 408/409/429/5xx, timeouts and connection errors. */
  maxRetries?: number;
  fallbackModel?: string | null;
  /** Shown in traces; defaults to "openai". */
  id?: string;
  /** First backoff delay; doubles per retry (with jitter) up to maxRetryDelayMs. Retry-After wins when present. */
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
};

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;

/** The SSRF-guarded fetch for the `openai` client (also used by Settings → Model providers' Test). */
export function guardedProviderFetch(
  allowHosts: readonly string[],
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  const guarded = createGuardedFetch({ allowHosts });
  // The client passes a URL and an init, never a Request; a Request would lose its method and body here.
  return (input, init) => guarded(input instanceof Request ? input.url : input, init);
}

export function createOpenAIProvider(options: OpenAIProviderOptions): ChatProvider {
  const apiKey = options.apiKey?.trim() || null;
  const timeoutMs = Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxRetries = Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES));
  const baseDelay = options.retryBaseDelayMs ?? 500;
  const maxDelay = options.maxRetryDelayMs ?? 8_000;
  const client = new OpenAI({
    baseURL: options.baseUrl.replace(/\/+$/, ""),
    // The client insists on a credential; without a key we give it a placeholder and drop the header it would make.
    apiKey: apiKey ?? "no-key",
    defaultHeaders: apiKey ? undefined : { Authorization: null },
    // Explicit nulls: never pick up OPENAI_* variables meant for another provider.
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: timeoutMs,
    maxRetries: 0,
    logLevel: "off",
    // A base URL is typed by an admin: every request is vetted like an HTTP tool's, so the provider key is never
    // sent to loopback, private or metadata addresses.
    fetch: guardedProviderFetch(options.allowHosts ?? allowlistFromEnv()),
  });
  const redact = (text: string) => redactSecret(text, apiKey);

  return {
    id: options.id ?? "openai",
    async chat(request: ChatRequest): Promise<ChatResult> {
      const started = performance.now();
      let attempts = 0;
      let streamed = false;
      const onDelta = request.onDelta
        ? (delta: string) => {
            streamed = true;
            request.onDelta!(delta);
          }
        : undefined;
      const attempt = async (model: string) => {
        attempts++;
        try {
          return await runAttempt(client, { ...request, model, onDelta }, timeoutMs, redact);
        } catch (error) {
          // Some models (reasoning ones) accept only their default temperature: ask again without it, once.
          const rejectsTemperature =
            error instanceof ProviderError && error.code === "bad_request" && /temperature/i.test(error.message);
          if (!rejectsTemperature || request.temperature === undefined || streamed) throw error;
          attempts++;
          return runAttempt(client, { ...request, model, temperature: undefined, onDelta }, timeoutMs, redact);
        }
      };

      let primaryError: ProviderError;
      for (let retry = 0; ; retry++) {
        try {
          const outcome = await attempt(request.model);
          return finish(outcome, request.model, attempts, false, started);
        } catch (error) {
          primaryError = toProviderError(error, redact, request.signal);
          const canRetry = primaryError.retriable && retry < maxRetries && !streamed && !request.signal?.aborted;
          if (!canRetry) break;
          await sleep(retryDelay(primaryError, retry, baseDelay, maxDelay), request.signal).catch(() => undefined);
          if (request.signal?.aborted) {
            throw new ProviderError("aborted", "The request was cancelled.", { attempts, model: request.model });
          }
        }
      }

      const fallback = request.fallbackModel !== undefined ? request.fallbackModel : options.fallbackModel;
      if (primaryError.retriable && fallback && fallback !== request.model && !streamed && !request.signal?.aborted) {
        try {
          const outcome = await attempt(fallback);
          return finish(outcome, fallback, attempts, true, started);
        } catch (error) {
          const fallbackError = toProviderError(error, redact, request.signal);
          throw withAttempts(
            fallbackError,
            attempts,
            true,
            fallback,
            `${fallbackError.message} (after ${request.model} failed: ${primaryError.message})`,
          );
        }
      }
      throw withAttempts(primaryError, attempts, false, request.model);
    },
  };
}

function finish(
  outcome: AttemptOutcome,
  model: string,
  attempts: number,
  fallbackUsed: boolean,
  started: number,
): ChatResult {
  return {
    text: outcome.text,
    toolCalls: outcome.toolCalls,
    model,
    finishReason: outcome.finishReason,
    usage: outcome.usage,
    costUsd:
      costUsd(model, outcome.usage) ?? (outcome.responseModel ? costUsd(outcome.responseModel, outcome.usage) : null),
    attempts,
    fallbackUsed,
    latencyMs: Math.round(performance.now() - started),
  };
}

function withAttempts(
  error: ProviderError,
  attempts: number,
  fallbackUsed: boolean,
  model: string,
  message = error.message,
): ProviderError {
  return new ProviderError(error.code, message, {
    status: error.status,
    retriable: error.retriable,
    attempts,
    fallbackUsed,
    model,
    cause: error.cause,
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
