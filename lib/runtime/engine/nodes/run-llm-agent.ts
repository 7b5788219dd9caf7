// An LLM agent node: the provider-agnostic agent loop (lib/runtime/agents/run-agent.ts) wired to the engine — the
// conversation as history, the agent's permitted tools as its tool list, every call through invokeTool (permissions,
// rate limits, approvals), tool results screened for prompt injection, and one llm span per model call with tokens
// and cost. When the offline stand-in answers (the model is "offline", or no provider serves it) its replies are
// marked offline and its calls recorded as model "offline" with no tokens (offline-usage.ts).
import "server-only";
import { AgentRunError, runAgent, type LlmCallRecord, type ToolOutcome } from "@/lib/runtime/agents/run-agent";
import { resolveProvider } from "@/lib/runtime/agents/resolve-provider";
import { OFFLINE_PROVIDER_ID } from "@/lib/runtime/agents/offline-provider";
import { offlineOutput, offlineSpanFields } from "./offline-usage";
import type { ChatMessage, ToolSpec } from "@/lib/runtime/agents/types";
import type { NodeOf } from "@/lib/model/flow/schema";
import { checkPromptInjection } from "@/lib/model/guardrails/prompt-injection";
import { redactPiiText } from "@/lib/model/guardrails/redact-pii";
import { describeToolSpec } from "./describe-tool-spec";
import type { ApprovalRequest, ChildSpan, ExecutionResult } from "@/lib/runtime/engine/turn/execution-result";
import { invokeTool, permittedTools, type CallableNode } from "./invoke-tool";
import { retriable as retriableError, nonRetriable } from "@/lib/runtime/engine/turn/node-error";
import { openDeltaPublisher } from "@/lib/runtime/engine/live/stream-deltas";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";

const HISTORY_MESSAGES = 20;

export async function runLlmAgent(node: NodeOf<"agent">, ctx: TurnContext): Promise<ExecutionResult> {
  const { provider, model, providerName } = await resolveProvider(ctx.tx, ctx.workspaceId, node.config.model);
  const offline = offlineOutput(providerName, node.config.model);
  const permitted = permittedTools(ctx, node);
  const byName = new Map<string, CallableNode>();
  const tools: ToolSpec[] = [];
  for (const { tool } of permitted) {
    const spec = await describeToolSpec(ctx, tool);
    byName.set(spec.name, tool);
    tools.push(spec);
  }

  const spans: ChildSpan[] = [];
  let approval: ApprovalRequest | null = null;
  let ask: string | null = null;
  let succeeded = 0;
  let callIndex = 0;
  // The reply streams to the public chat as it is generated — only when no output guardrail (or anything else) could
  // change it before it is sent; otherwise `deltas` is null and nothing streams (rule in stream-deltas.ts).
  const deltas = await openDeltaPublisher(ctx, node);
  const callTool = async (call: { name: string; arguments: Record<string, unknown> }): Promise<ToolOutcome> => {
    deltas?.restart(); // text before a tool call is not the reply: the next model call's text replaces it
    const tool = byName.get(call.name);
    if (!tool) return { ok: false, error: `${call.name} is not one of this agent's tools.` };
    const outcome = await invokeTool(ctx, { agent: node, tool, input: call.arguments, callIndex: ++callIndex });
    if (outcome.kind === "approval") {
      approval = outcome.approval;
      return { ok: false, error: "This call waits for a person's approval.", stop: true };
    }
    spans.push(outcome.span);
    if (outcome.kind === "refused") return { ok: false, error: outcome.reason };
    if (outcome.kind === "ask") {
      // The tool needs something only the customer knows: ask in the tool's own words and wait for the answer here.
      ask = outcome.prompt;
      return { ok: false, error: `Missing ${outcome.missing}.`, stop: true };
    }
    // Tool results are untrusted text going into the model: instructions hidden in them are withheld.
    const screened = checkPromptInjection(JSON.stringify(outcome.result));
    spans.push({
      kind: "guardrail",
      name: "prompt_injection",
      status: screened.outcome === "pass" ? "ok" : "error",
      input: { tool: call.name },
      output: screened,
      error: screened.outcome === "pass" ? undefined : screened.reason,
    });
    if (screened.outcome !== "pass")
      return {
        ok: false,
        error: "The tool's result was withheld because it contained instructions (possible prompt injection).",
      };
    succeeded++;
    return { ok: true, result: outcome.result };
  };

  const slots = (ctx.state.slots ?? {}) as Record<string, unknown>;
  const memory = (ctx.state.memory as { customer?: unknown } | undefined)?.customer;
  const system = [
    node.config.systemPrompt.trim(),
    Object.keys(slots).length ? `Already known in this conversation (do not ask again): ${JSON.stringify(slots)}` : "",
    memory ? `What we remember about this customer: ${JSON.stringify(memory)}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");

  const started = performance.now();
  let result;
  try {
    result = await runAgent({
      provider,
      model,
      systemPrompt: system,
      history: await history(ctx),
      tools,
      callTool,
      // A model naming a tool it was not given (not linked, or made up) is a denial in the trace and the audit trail,
      // like a call the permission matrix refuses.
      onUnknownTool: (call) =>
        spans.push({
          kind: "tool",
          name: call.name,
          status: "error",
          input: call.arguments,
          error: `${node.label} has no permission link to a tool named "${call.name}".`,
          attributes: { agent: node.id, denied: "not_permitted", source: "unknown" },
        }),
      maxTurns: node.config.maxTurns,
      temperature: node.config.temperature,
      fallbackModel: node.config.fallbackModel || undefined,
      offline: {
        reply: node.config.reply,
        slots: node.config.slots,
        knownSlots: slots,
        context: { state: ctx.state, ...ctx.state },
      },
      signal: ctx.signal,
      onDelta: deltas?.push,
    });
  } catch (error) {
    if (error instanceof AgentRunError) {
      // Model calls that were billed before the failure still show in the trace.
      const failed = error.partial.llmCalls.map((call) => llmSpan(call, providerName));
      const wrapped = error.retriable
        ? retriableError(`${node.label}: ${error.message}`, "MODEL_ERROR")
        : nonRetriable(`${node.label}: ${error.message}`, "MODEL_ERROR");
      wrapped.spans = [...failed, ...spans];
      throw wrapped;
    }
    throw error;
  } finally {
    await deltas?.close();
  }
  const llmSpans = result.llmCalls.map((call) => llmSpan(call, providerName));
  const output = {
    model: offline ? OFFLINE_PROVIDER_ID : model,
    provider: providerName,
    ...offline,
    stoppedBecause: result.stoppedBecause,
    toolCalls: result.calls.map((c) => ({ tool: c.call.name, arguments: c.call.arguments, ok: c.outcome.ok })),
    usage: result.usage,
    costUsd: result.costUsd,
    durationMs: performance.now() - started,
  };
  const allSpans = [...llmSpans, ...spans];
  if (approval)
    return { output: { ...output, awaitingApproval: true }, stop: "await_approval", approval, spans: allSpans };
  if (ask !== null)
    return { output: { ...output, askedFor: ask }, replies: [ask], stop: "await_customer", spans: allSpans };
  if (result.stoppedBecause === "max_turns")
    throw nonRetriable(`${node.label} used its ${node.config.maxTurns} model calls without replying`, "MAX_TURNS");
  const text = result.text.trim();
  if (!text) throw nonRetriable(`${node.label} returned an empty reply`, "EMPTY_REPLY");
  // Unlike a tool's own question (above), this reply is the stand-in's when it answered: labelled offline.
  const stamp = offline ? { offline: true } : {};
  // A question with nothing done yet means the agent needs the customer: their answer comes back to this agent.
  const waiting = succeeded === 0 && /\?\s*$/.test(text);
  return waiting
    ? { output: { ...output, reply: text }, replies: [text], stop: "await_customer", spans: allSpans, ...stamp }
    : { output: { ...output, reply: text }, replies: [text], next: "out", spans: allSpans, ...stamp };
}

function llmSpan(call: LlmCallRecord, providerName: string): ChildSpan {
  return {
    kind: "llm",
    name: call.model,
    status: call.error ? "error" : "ok",
    error: call.error,
    durationMs: call.latencyMs,
    tokensIn: call.usage.inputTokens,
    tokensOut: call.usage.outputTokens,
    costUsd: call.costUsd ?? undefined,
    ...offlineSpanFields(providerName),
    attributes: {
      provider: providerName,
      attempts: call.attempts,
      fallbackUsed: call.fallbackUsed,
      finishReason: call.finishReason,
      errorCode: call.errorCode,
      ...(providerName === OFFLINE_PROVIDER_ID ? { offline: true } : {}),
    },
  };
}

/** The conversation so far as chat turns: the transcript (PII-redacted as stored) and the customer's current message. */
async function history(ctx: TurnContext): Promise<ChatMessage[]> {
  const rows = await ctx.tx.message.findMany({
    where: { conversationId: ctx.conversationId },
    orderBy: { seq: "desc" },
    take: HISTORY_MESSAGES,
    select: { role: true, text: true },
  });
  rows.reverse();
  const current = redactPiiText(ctx.text);
  const last = rows[rows.length - 1];
  if (last?.role === "customer" && last.text === current) rows.pop();
  const turns: ChatMessage[] = rows.map((row) =>
    row.role === "customer"
      ? { role: "user", content: row.text }
      : { role: "assistant", content: row.role === "operator" ? `(a colleague wrote) ${row.text}` : row.text },
  );
  if (ctx.text) turns.push({ role: "user", content: ctx.text });
  return turns;
}
