// The agent loop for LLM agents, provider-agnostic: chat → tool calls (through the engine's callTool, which enforces
// permissions and approvals) → tool results back to the model → … until the model replies in text, the turn budget
// runs out, or a tool call suspends the run (awaiting approval).
import {
  ProviderError,
  type ChatMessage,
  type ChatProvider,
  type OfflineHints,
  type ToolCall,
  type ToolSpec,
  type Usage,
} from "./types";

export type ToolOutcome =
  | { ok: true; result: unknown }
  /** `stop`: the call cannot finish now (e.g. it awaits a human approval); the run stops and reports it as pending. */
  | { ok: false; error: string; stop?: boolean };

export type AgentToolCallRecord = { call: ToolCall; outcome: ToolOutcome };

export type LlmCallRecord = {
  model: string;
  usage: Usage;
  costUsd: number | null;
  latencyMs: number;
  attempts: number;
  fallbackUsed: boolean;
  finishReason: string;
  /** Set when this call failed; the run then throws AgentRunError. */
  error?: string;
  errorCode?: string;
};

export type RunAgentOptions = {
  provider: ChatProvider;
  model: string;
  systemPrompt: string;
  /** The conversation so far (user/assistant turns, and tool turns of an earlier, resumed run). */
  history: ChatMessage[];
  tools: ToolSpec[];
  callTool: (call: ToolCall) => Promise<ToolOutcome>;
  /** Told of a call to a tool the agent was not given (it is never made): the engine records it as a denial. */
  onUnknownTool?: (call: ToolCall) => void;
  /** Model calls allowed in this run (each tool round trip costs one). */
  maxTurns: number;
  temperature?: number;
  fallbackModel?: string;
  onDelta?: (delta: string) => void;
  offline?: OfflineHints;
  signal?: AbortSignal;
};

export type RunAgentResult = {
  /** The model's final text ("" when it stopped for max_turns or suspension without saying anything). */
  text: string;
  calls: AgentToolCallRecord[];
  llmCalls: LlmCallRecord[];
  stoppedBecause: "reply" | "max_turns" | "suspended";
  /** The tool call that suspended the run. */
  pending?: ToolCall;
  /** Calls the model made in the same turn after `pending`, not run (see resumeMessages). */
  skipped?: ToolCall[];
  /** Messages this run added after `history` (assistant tool calls and tool results, then the reply): persist them to resume. */
  messages: ChatMessage[];
  usage: Usage;
  /** Sum over the model calls; null when any of them had no known price. */
  costUsd: number | null;
};

/** A model call failed mid-run; `partial` keeps what already happened (tool calls made, model calls billed). */
export class AgentRunError extends Error {
  readonly partial: Omit<RunAgentResult, "stoppedBecause" | "text">;
  readonly retriable: boolean;
  constructor(
    message: string,
    partial: Omit<RunAgentResult, "stoppedBecause" | "text">,
    options: { cause: unknown; retriable: boolean },
  ) {
    super(message, { cause: options.cause });
    this.name = "AgentRunError";
    this.partial = partial;
    this.retriable = options.retriable;
  }
}

/** What the model reads as the tool's answer. */
export function toolMessageContent(outcome: ToolOutcome): string {
  if (!outcome.ok) return JSON.stringify({ error: outcome.error });
  if (typeof outcome.result === "string") return outcome.result;
  return JSON.stringify(outcome.result ?? null);
}

export async function runAgent(options: RunAgentOptions): Promise<RunAgentResult> {
  const maxTurns = Math.max(1, Math.floor(options.maxTurns));
  const added: ChatMessage[] = [];
  const calls: AgentToolCallRecord[] = [];
  const llmCalls: LlmCallRecord[] = [];
  const toolNames = new Set(options.tools.map((t) => t.name));
  const base: ChatMessage[] = [
    ...(options.systemPrompt.trim() ? [{ role: "system" as const, content: options.systemPrompt }] : []),
    ...options.history,
  ];

  const summary = () => {
    const usage = llmCalls.reduce(
      (sum, c) => ({
        inputTokens: sum.inputTokens + c.usage.inputTokens,
        outputTokens: sum.outputTokens + c.usage.outputTokens,
      }),
      {
        inputTokens: 0,
        outputTokens: 0,
      },
    );
    const costUsd = llmCalls.some((c) => c.costUsd === null)
      ? null
      : Math.round(llmCalls.reduce((sum, c) => sum + (c.costUsd ?? 0), 0) * 1e8) / 1e8;
    return { calls, llmCalls, messages: added, usage, costUsd };
  };
  const fail = (error: unknown): never => {
    const providerError = error instanceof ProviderError ? error : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new AgentRunError(message, summary(), { cause: error, retriable: providerError?.retriable ?? false });
  };

  let lastText = "";
  for (let turn = 0; turn < maxTurns; turn++) {
    if (options.signal?.aborted) fail(new ProviderError("aborted", "The agent run was cancelled."));
    let result;
    try {
      result = await options.provider.chat({
        model: options.model,
        messages: [...base, ...added],
        tools: options.tools.length ? options.tools : undefined,
        temperature: options.temperature,
        fallbackModel: options.fallbackModel,
        onDelta: options.onDelta,
        offline: options.offline,
        signal: options.signal,
      });
    } catch (error) {
      const providerError = error instanceof ProviderError ? error : undefined;
      llmCalls.push({
        model: providerError?.model ?? options.model,
        usage: { inputTokens: 0, outputTokens: 0 },
        costUsd: null,
        latencyMs: 0,
        attempts: providerError?.attempts ?? 1,
        fallbackUsed: providerError?.fallbackUsed ?? false,
        finishReason: "error",
        error: error instanceof Error ? error.message : String(error),
        errorCode: providerError?.code ?? "unknown",
      });
      fail(error);
    }
    llmCalls.push({
      model: result!.model,
      usage: result!.usage,
      costUsd: result!.costUsd,
      latencyMs: result!.latencyMs,
      attempts: result!.attempts,
      fallbackUsed: result!.fallbackUsed,
      finishReason: result!.finishReason,
    });
    const { text, toolCalls } = result!;
    lastText = text;

    if (toolCalls.length === 0) {
      added.push({ role: "assistant", content: text });
      return { text, stoppedBecause: "reply", ...summary() };
    }

    added.push({ role: "assistant", content: text, toolCalls });
    for (const call of toolCalls) {
      let outcome: ToolOutcome;
      if (!toolNames.has(call.name)) {
        outcome = {
          ok: false,
          error: `There is no tool named "${call.name}". Available: ${[...toolNames].join(", ") || "none"}.`,
        };
        options.onUnknownTool?.(call);
      } else {
        try {
          outcome = await options.callTool(call);
        } catch (error) {
          return fail(error);
        }
      }
      calls.push({ call, outcome });
      if (!outcome.ok && outcome.stop) {
        const skipped = toolCalls.slice(toolCalls.indexOf(call) + 1);
        return { text, stoppedBecause: "suspended", pending: call, skipped, ...summary() };
      }
      added.push({ role: "tool", toolCallId: call.id, name: call.name, content: toolMessageContent(outcome) });
    }
  }
  return { text: lastText, stoppedBecause: "max_turns", ...summary() };
}

/**
 * After a suspension is settled (approved and run, or refused), the messages to append to the run's `history` +
 * `messages` before calling runAgent again: the pending call's result, and a "not run" answer for each skipped call
 * (every tool call must have an answer; the model may ask again).
 */
export function resumeMessages(
  suspended: Pick<RunAgentResult, "pending" | "skipped">,
  outcome: ToolOutcome,
): ChatMessage[] {
  if (!suspended.pending) return [];
  const pending = suspended.pending;
  return [
    { role: "tool", toolCallId: pending.id, name: pending.name, content: toolMessageContent(outcome) },
    ...(suspended.skipped ?? []).map((call): ChatMessage => ({
      role: "tool",
      toolCallId: call.id,
      name: call.name,
      content: toolMessageContent({
        ok: false,
        error: `Not run: it waited behind ${pending.name}. Call it again if it is still needed.`,
      }),
    })),
  ];
}
