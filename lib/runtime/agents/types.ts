// The provider contract the engine calls. Providers are interchangeable: the OpenAI-compatible one (real `openai`
// client) and the deterministic offline one that serves the demo without keys or network.
import type { SlotKind } from "@/lib/model/flow/slot-kinds";

export type ToolCall = { id: string; name: string; arguments: Record<string, unknown> };

export type ChatMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string };

export type ToolSpec = {
  name: string;
  description: string;
  /** JSON Schema of an object. */
  parameters: Record<string, unknown>;
};

export type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
  temperature?: number;
  /** Structured output (routing): the reply must be JSON matching this schema. */
  responseSchema?: { name: string; schema: Record<string, unknown> };
  /** Upper bound on generated tokens. */
  maxOutputTokens?: number;
  /** Overrides the provider's configured fallback model for this request ("" disables the fallback). */
  fallbackModel?: string;
  signal?: AbortSignal;
  /** When set, the provider streams and calls this with each text delta. */
  onDelta?: (delta: string) => void;
  /** Only the offline provider reads these: how a deterministic "model" should behave for this node. */
  offline?: OfflineHints;
};

export type OfflineSlot = { name: string; kind: SlotKind; required: boolean; prompt?: string };
export type OfflineRoute = { id: string; description: string; examples?: string[] };

export type OfflineHints = {
  /** Reply template, filled from `slots.<name>`, `result.<field>` (latest tool result), `tools.<toolName>.<field>`. */
  reply?: string;
  slots?: OfflineSlot[];
  routes?: OfflineRoute[];
  /** Extra template variables (e.g. the conversation state), lowest precedence. */
  context?: Record<string, unknown>;
  /** Slot values already known (e.g. learned by an earlier agent); extraction from messages fills only the rest. */
  knownSlots?: Record<string, unknown>;
};

export type Usage = { inputTokens: number; outputTokens: number };

export type ChatResult = {
  text: string;
  toolCalls: ToolCall[];
  /** The model that produced the answer (the fallback model when `fallbackUsed`). */
  model: string;
  finishReason: string;
  usage: Usage;
  /** USD for this call; null when the model's price is unknown (local models). */
  costUsd: number | null;
  /** HTTP attempts across the primary and the fallback model. */
  attempts: number;
  fallbackUsed: boolean;
  latencyMs: number;
};

export interface ChatProvider {
  readonly id: string;
  chat(request: ChatRequest): Promise<ChatResult>;
}

export type ProviderErrorCode =
  | "timeout"
  | "rate_limited"
  | "server_error"
  | "connection"
  | "aborted"
  | "auth"
  | "bad_request"
  | "not_found"
  | "malformed_tool_arguments"
  | "malformed_response"
  | "stream_interrupted"
  | "configuration"
  | "unknown";

/** Every provider failure. `message` is safe to log and to show in traces: it never contains an API key. */
export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly status?: number;
  /** Whether trying the same request again later may succeed (429, 5xx, timeouts, connection errors). */
  readonly retriable: boolean;
  /** Attempts made before giving up, when known. */
  readonly attempts: number;
  /** Whether the fallback model was also tried. */
  readonly fallbackUsed: boolean;
  /** The model of the last attempt. */
  readonly model?: string;

  constructor(
    code: ProviderErrorCode,
    message: string,
    options: {
      status?: number;
      retriable?: boolean;
      attempts?: number;
      fallbackUsed?: boolean;
      model?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ProviderError";
    this.code = code;
    this.status = options.status;
    this.retriable = options.retriable ?? false;
    this.attempts = options.attempts ?? 0;
    this.fallbackUsed = options.fallbackUsed ?? false;
    this.model = options.model;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
