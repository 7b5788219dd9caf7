// An OpenAI-compatible chat provider (OpenAI, Azure-style gateways, Ollama, vLLM, LM Studio…) built on the real
// `openai` client. Retries are ours, not the client's (its maxRetries is 0), so every HTTP attempt is counted, a
// stream that already produced text is never replayed, and a primary model that keeps failing gets one try with
// the fallback model.
import "server-only";
import OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { costUsd } from "./pricing";
import {
  ProviderError,
  type ChatMessage,
  type ChatProvider,
  type ChatRequest,
  type ChatResult,
  type ToolCall,
  type ToolSpec,
  type Usage,
} from "./types";

export type OpenAIProviderOptions = {
  /** E.g. https://api.openai.com/v1 or http://localhost:11434/v1 */
  baseUrl: string;
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

type AttemptOutcome = {
  text: string;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: Usage;
  responseModel: string | null;
};

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

// ---- one HTTP attempt ----

async function runAttempt(
  client: OpenAI,
  request: ChatRequest,
  timeoutMs: number,
  redact: (text: string) => string,
): Promise<AttemptOutcome> {
  // Our own watchdog on top of the client's timeout (which stops at the response headers): a body or a stream that
  // goes silent for timeoutMs fails this attempt as a (retriable) timeout.
  const watchdog = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      watchdog.abort();
    }, timeoutMs);
  };
  const signal = request.signal ? AbortSignal.any([request.signal, watchdog.signal]) : watchdog.signal;
  arm();
  try {
    const base = buildParams(request);
    if (request.onDelta) {
      const params: ChatCompletionCreateParamsStreaming = {
        ...base,
        stream: true,
        stream_options: { include_usage: true },
      };
      const stream = await client.chat.completions.create(params, { signal });
      const outcome = await readStream(stream, request.onDelta, arm);
      // The client ends an aborted stream quietly, as if it were complete: say why it really ended.
      if (request.signal?.aborted)
        throw new ProviderError("aborted", "The request was cancelled.", { model: request.model });
      if (timedOut)
        throw new ProviderError("timeout", `The model's stream stalled for ${timeoutMs} ms.`, {
          retriable: true,
          model: request.model,
        });
      return outcome;
    }
    const params: ChatCompletionCreateParamsNonStreaming = { ...base, stream: false };
    const completion = await client.chat.completions.create(params, { signal });
    return readCompletion(completion);
  } catch (error) {
    if (timedOut && !request.signal?.aborted && !(error instanceof ProviderError)) {
      throw new ProviderError("timeout", `The model did not answer within ${timeoutMs} ms.`, {
        retriable: true,
        model: request.model,
      });
    }
    if (error instanceof ProviderError) throw error;
    throw toProviderError(error, redact, request.signal);
  } finally {
    clearTimeout(timer);
  }
}

type BaseParams = Omit<ChatCompletionCreateParamsNonStreaming, "stream">;

function buildParams(request: ChatRequest): BaseParams {
  const params: BaseParams = { model: request.model, messages: request.messages.map(toOpenAIMessage) };
  if (request.tools?.length) params.tools = request.tools.map(toOpenAITool);
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxOutputTokens !== undefined) params.max_completion_tokens = request.maxOutputTokens;
  if (request.responseSchema) {
    params.response_format = {
      type: "json_schema",
      json_schema: { name: request.responseSchema.name, schema: request.responseSchema.schema, strict: true },
    };
  }
  return params;
}

export function toOpenAIMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "user":
      return { role: "user", content: message.content };
    case "assistant":
      return message.toolCalls?.length
        ? {
            role: "assistant",
            content: message.content || null,
            tool_calls: message.toolCalls.map((call) => ({
              id: call.id,
              type: "function" as const,
              function: { name: call.name, arguments: JSON.stringify(call.arguments) },
            })),
          }
        : { role: "assistant", content: message.content };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

export function toOpenAITool(tool: ToolSpec): ChatCompletionTool {
  return {
    type: "function",
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

function readUsage(usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): Usage {
  return { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 };
}

function readCompletion(completion: ChatCompletion): AttemptOutcome {
  const choice = completion.choices?.[0];
  if (!choice?.message) throw new ProviderError("malformed_response", "The model's response has no choices.");
  const message = choice.message;
  const toolCalls = (message.tool_calls ?? []).flatMap((call) =>
    call.type === "function" ? [parseToolCall(call.id, call.function.name, call.function.arguments)] : [],
  );
  return {
    text: message.content ?? message.refusal ?? "",
    toolCalls,
    finishReason: choice.finish_reason ?? "stop",
    usage: readUsage(completion.usage),
    responseModel: completion.model ?? null,
  };
}

async function readStream(
  stream: AsyncIterable<ChatCompletionChunk>,
  onDelta: (delta: string) => void,
  arm: () => void,
): Promise<AttemptOutcome> {
  let text = "";
  let finishReason = "stop";
  let usage: Usage = { inputTokens: 0, outputTokens: 0 };
  let responseModel: string | null = null;
  const calls = new Map<number, { id: string; name: string; args: string }>();
  for await (const chunk of stream) {
    arm();
    responseModel ??= chunk.model ?? null;
    if (chunk.usage) usage = readUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta ?? {};
    if (delta.content) {
      text += delta.content;
      onDelta(delta.content);
    }
    for (const part of delta.tool_calls ?? []) {
      const entry = calls.get(part.index) ?? { id: "", name: "", args: "" };
      if (part.id) entry.id = part.id;
      if (part.function?.name) entry.name += part.function.name;
      if (part.function?.arguments) entry.args += part.function.arguments;
      calls.set(part.index, entry);
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  const toolCalls = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, call]) => parseToolCall(call.id || `call_${index}`, call.name, call.args));
  return { text, toolCalls, finishReason, usage, responseModel };
}

/** Tool arguments are JSON text written by the model; anything but a JSON object is the model's mistake. */
export function parseToolCall(id: string, name: string, rawArguments: string | null | undefined): ToolCall {
  const raw = rawArguments?.trim() ? rawArguments : "{}";
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ProviderError(
      "malformed_tool_arguments",
      `The model called ${name || "a tool"} with arguments that are not valid JSON.`,
    );
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ProviderError(
      "malformed_tool_arguments",
      `The model called ${name || "a tool"} with arguments that are not a JSON object.`,
    );
  }
  if (!name) throw new ProviderError("malformed_response", "The model made a tool call without a tool name.");
  return { id, name, arguments: parsed as Record<string, unknown> };
}

// ---- errors and retries ----

/** Replaces the API key (and any bearer token) wherever it appears; caps the length. */
export function redactSecret(text: string, secret: string | null | undefined): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  out = out
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, "$1[redacted]")
    .replace(/\bsk-[A-Za-z0-9_-]{8,}/g, "sk-[redacted]");
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

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

function retryDelay(error: ProviderError, retry: number, baseDelay: number, maxDelay: number): number {
  const asked = retryAfter.get(error);
  if (asked !== undefined && asked !== null) return Math.min(asked, maxDelay);
  const exponential = Math.min(baseDelay * 2 ** retry, maxDelay);
  return exponential * (1 - Math.random() * 0.25);
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
