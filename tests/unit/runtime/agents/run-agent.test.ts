import { describe, expect, it } from "vitest";
import { AgentRunError, resumeMessages, runAgent } from "@/lib/runtime/agents/run-agent";
import {
  ProviderError,
  type ChatProvider,
  type ChatRequest,
  type ChatResult,
  type ToolCall,
  type ToolSpec,
} from "@/lib/runtime/agents/types";

/** A scripted fake model: each chat() returns the next scripted answer (or throws it) and records the request. */
function scripted(answers: (Partial<ChatResult> | Error)[]): ChatProvider & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    id: "scripted",
    requests,
    async chat(request) {
      requests.push(structuredClone({ ...request, signal: undefined, onDelta: undefined }));
      const next = answers.shift();
      if (!next) throw new Error("script exhausted");
      if (next instanceof Error) throw next;
      return {
        text: "",
        toolCalls: [],
        model: request.model,
        finishReason: next.toolCalls?.length ? "tool_calls" : "stop",
        usage: { inputTokens: 10, outputTokens: 5 },
        costUsd: 0.001,
        attempts: 1,
        fallbackUsed: false,
        latencyMs: 3,
        ...next,
      };
    },
  };
}

const tool = (name: string): ToolSpec => ({ name, description: name, parameters: { type: "object", properties: {} } });
const call = (id: string, name: string, args: Record<string, unknown> = {}): ToolCall => ({
  id,
  name,
  arguments: args,
});

describe("runAgent", () => {
  it("replies directly when the model does not call tools, with the system prompt first", async () => {
    const provider = scripted([{ text: "Hello!" }]);
    const result = await runAgent({
      provider,
      model: "m",
      systemPrompt: "Be kind.",
      history: [{ role: "user", content: "hi" }],
      tools: [],
      maxTurns: 3,
      callTool: async () => ({ ok: true, result: null }),
    });
    expect(result).toMatchObject({
      text: "Hello!",
      stoppedBecause: "reply",
      calls: [],
      usage: { inputTokens: 10, outputTokens: 5 },
      costUsd: 0.001,
    });
    expect(provider.requests[0].messages[0]).toEqual({ role: "system", content: "Be kind." });
    expect(provider.requests[0].tools).toBeUndefined();
  });

  it("feeds a refused call back to the model as the tool's answer", async () => {
    const provider = scripted([
      { toolCalls: [call("1", "refund", { amount: 500 })] },
      { text: "I can't refund that, sorry." },
    ]);
    const result = await runAgent({
      provider,
      model: "m",
      systemPrompt: "",
      history: [{ role: "user", content: "refund 500" }],
      tools: [tool("refund")],
      maxTurns: 3,
      callTool: async () => ({ ok: false, error: "Refunds above 100 are not permitted." }),
    });
    expect(result.stoppedBecause).toBe("reply");
    expect(result.calls).toEqual([
      {
        call: call("1", "refund", { amount: 500 }),
        outcome: { ok: false, error: "Refunds above 100 are not permitted." },
      },
    ]);
    expect(provider.requests[1].messages.at(-1)).toEqual({
      role: "tool",
      toolCallId: "1",
      name: "refund",
      content: JSON.stringify({ error: "Refunds above 100 are not permitted." }),
    });
    expect(result.messages.map((m) => m.role)).toEqual(["assistant", "tool", "assistant"]);
  });

  it("never calls a tool the agent was not given", async () => {
    const provider = scripted([{ toolCalls: [call("1", "drop_tables")] }, { text: "ok" }]);
    let called = false;
    const result = await runAgent({
      provider,
      model: "m",
      systemPrompt: "",
      history: [],
      tools: [tool("lookup")],
      maxTurns: 3,
      callTool: async () => ((called = true), { ok: true, result: 1 }),
    });
    expect(called).toBe(false);
    expect(result.calls[0].outcome).toMatchObject({ ok: false, error: expect.stringContaining("no tool named") });
  });

  it("stops at once when a call suspends, reporting the pending and skipped calls", async () => {
    const provider = scripted([
      {
        text: "Checking.",
        toolCalls: [call("1", "lookup"), call("2", "refund", { amount: 500 }), call("3", "notify")],
      },
    ]);
    const seen: string[] = [];
    const result = await runAgent({
      provider,
      model: "m",
      systemPrompt: "",
      history: [{ role: "user", content: "refund" }],
      tools: [tool("lookup"), tool("refund"), tool("notify")],
      maxTurns: 5,
      callTool: async (c) => {
        seen.push(c.name);
        return c.name === "refund"
          ? { ok: false, error: "Awaiting approval", stop: true }
          : { ok: true, result: { found: true } };
      },
    });
    expect(seen).toEqual(["lookup", "refund"]);
    expect(result).toMatchObject({
      stoppedBecause: "suspended",
      pending: call("2", "refund", { amount: 500 }),
      skipped: [call("3", "notify")],
    });
    expect(provider.requests).toHaveLength(1);

    const resumed = resumeMessages(result, { ok: true, result: { refunded: 500 } });
    expect(resumed).toEqual([
      { role: "tool", toolCallId: "2", name: "refund", content: JSON.stringify({ refunded: 500 }) },
      { role: "tool", toolCallId: "3", name: "notify", content: expect.stringContaining("Not run") },
    ]);
    // Resuming: the earlier run's messages plus the settled calls, and the model carries on.
    const next = scripted([{ text: "Refunded." }]);
    const after = await runAgent({
      provider: next,
      model: "m",
      systemPrompt: "",
      history: [{ role: "user", content: "refund" }, ...result.messages, ...resumed],
      tools: [tool("lookup"), tool("refund"), tool("notify")],
      maxTurns: 5,
      callTool: async () => ({ ok: true, result: null }),
    });
    expect(after.text).toBe("Refunded.");
    expect(next.requests[0].messages.filter((m) => m.role === "tool")).toHaveLength(3);
  });

  it("stops after maxTurns model calls", async () => {
    const provider = scripted([
      { toolCalls: [call("1", "lookup")] },
      { text: "still working", toolCalls: [call("2", "lookup")] },
      { text: "never" },
    ]);
    const result = await runAgent({
      provider,
      model: "m",
      systemPrompt: "",
      history: [],
      tools: [tool("lookup")],
      maxTurns: 2,
      callTool: async () => ({ ok: true, result: "x" }),
    });
    expect(result).toMatchObject({ stoppedBecause: "max_turns", text: "still working" });
    expect(result.llmCalls).toHaveLength(2);
    expect(result.calls).toHaveLength(2);
  });

  it("throws AgentRunError with what already happened when the model fails", async () => {
    const provider = scripted([
      { toolCalls: [call("1", "lookup")], costUsd: null },
      new ProviderError("server_error", "HTTP 500", {
        retriable: true,
        attempts: 3,
        fallbackUsed: true,
        model: "backup",
      }),
    ]);
    const error = await runAgent({
      provider,
      model: "m",
      systemPrompt: "",
      history: [],
      tools: [tool("lookup")],
      maxTurns: 3,
      callTool: async () => ({ ok: true, result: 1 }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentRunError);
    const runError = error as AgentRunError;
    expect(runError.retriable).toBe(true);
    expect(runError.cause).toBeInstanceOf(ProviderError);
    expect(runError.partial.calls).toHaveLength(1);
    expect(runError.partial.llmCalls).toMatchObject([
      { finishReason: "tool_calls" },
      { model: "backup", attempts: 3, fallbackUsed: true, error: "HTTP 500", errorCode: "server_error" },
    ]);
    expect(runError.partial.costUsd).toBeNull();
  });

  it("passes model options through and stops before a call when aborted", async () => {
    const provider = scripted([{ text: "ok" }]);
    await runAgent({
      provider,
      model: "gpt-x",
      systemPrompt: "",
      history: [],
      tools: [],
      maxTurns: 1,
      temperature: 0.7,
      fallbackModel: "gpt-y",
      offline: { reply: "r" },
      callTool: async () => ({ ok: true, result: 1 }),
    });
    expect(provider.requests[0]).toMatchObject({
      model: "gpt-x",
      temperature: 0.7,
      fallbackModel: "gpt-y",
      offline: { reply: "r" },
    });

    const controller = new AbortController();
    controller.abort();
    const error = await runAgent({
      provider: scripted([{ text: "x" }]),
      model: "m",
      systemPrompt: "",
      history: [],
      tools: [],
      maxTurns: 1,
      signal: controller.signal,
      callTool: async () => ({ ok: true, result: 1 }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentRunError);
    expect((error as AgentRunError).retriable).toBe(false);
  });
});
