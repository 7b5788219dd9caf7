// One HTTP attempt against an OpenAI-compatible server (plain or streamed), with a watchdog for silent bodies and
// streams, read into an AttemptOutcome. openai-provider.ts decides about retries and the fallback model.
import "server-only";
import type OpenAI from "openai";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import { toProviderError } from "./openai-errors";
import { buildParams, parseToolCall } from "./openai-wire-format";
import { ProviderError, type ChatRequest, type ToolCall, type Usage } from "./types";

export type AttemptOutcome = {
  text: string;
  toolCalls: ToolCall[];
  finishReason: string;
  usage: Usage;
  responseModel: string | null;
};

export async function runAttempt(
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
