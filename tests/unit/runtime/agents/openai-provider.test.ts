// The real `openai` client, through createOpenAIProvider, against a local OpenAI-compatible server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAIProvider, type OpenAIProviderOptions } from "@/lib/runtime/agents/openai-provider";
import { runAgent } from "@/lib/runtime/agents/run-agent";
import { ProviderError, type ToolSpec } from "@/lib/runtime/agents/types";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";

const API_KEY = "sk-test-SECRETKEY-1234567890abcdef";
let server: OpenAITestServer;

beforeAll(async () => {
  server = await startOpenAITestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

function provider(overrides: Partial<OpenAIProviderOptions> = {}) {
  return createOpenAIProvider({
    baseUrl: server.baseUrl,
    apiKey: API_KEY,
    timeoutMs: 2000,
    maxRetries: 2,
    retryBaseDelayMs: 5,
    ...overrides,
  });
}

const lookupOrder: ToolSpec = {
  name: "lookup_order",
  description: "Look up an order by its number.",
  parameters: {
    type: "object",
    properties: { orderNumber: { type: "string" } },
    required: ["orderNumber"],
    additionalProperties: false,
  },
};

describe("createOpenAIProvider", () => {
  it("sends the model, messages and key, and returns the reply with usage and cost", async () => {
    server.enqueue({ type: "text", text: "Hello there.", usage: { prompt_tokens: 1000, completion_tokens: 500 } });
    const result = await provider().chat({
      model: "gpt-4o-mini",
      temperature: 0.3,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(result).toMatchObject({
      text: "Hello there.",
      toolCalls: [],
      model: "gpt-4o-mini",
      finishReason: "stop",
      usage: { inputTokens: 1000, outputTokens: 500 },
      attempts: 1,
      fallbackUsed: false,
    });
    // gpt-4o-mini: $0.15 / $0.60 per 1M tokens
    expect(result.costUsd).toBeCloseTo((1000 * 0.15 + 500 * 0.6) / 1e6, 10);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const [request] = server.chatRequests();
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body).toMatchObject({
      model: "gpt-4o-mini",
      temperature: 0.3,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(request.body.stream).toBeFalsy();
    expect(request.body.tools).toBeUndefined();
  });

  it("has no cost for a model without a known price, and sends no Authorization header without a key", async () => {
    server.enqueue({ type: "text", text: "local" });
    const result = await provider({ apiKey: "" }).chat({
      model: "llama3.2:3b",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(result.costUsd).toBeNull();
    expect(server.chatRequests()[0].headers.authorization).toBeUndefined();
  });

  it("runs a tool-call round trip through runAgent", async () => {
    server.enqueue(
      { type: "tool_calls", calls: [{ id: "call_a", name: "lookup_order", arguments: { orderNumber: "A1001" } }] },
      { type: "text", text: "Order A1001 has shipped." },
    );
    const seen: unknown[] = [];
    const run = await runAgent({
      provider: provider(),
      model: "gpt-4o",
      systemPrompt: "You help with orders.",
      history: [{ role: "user", content: "Where is A1001?" }],
      tools: [lookupOrder],
      maxTurns: 4,
      callTool: async (call) => {
        seen.push(call);
        return { ok: true, result: { status: "shipped" } };
      },
    });
    expect(run.stoppedBecause).toBe("reply");
    expect(run.text).toBe("Order A1001 has shipped.");
    expect(seen).toEqual([{ id: "call_a", name: "lookup_order", arguments: { orderNumber: "A1001" } }]);
    expect(run.llmCalls).toHaveLength(2);

    const [first, second] = server.chatRequests();
    expect(first.body.tools).toEqual([
      {
        type: "function",
        function: { name: "lookup_order", description: lookupOrder.description, parameters: lookupOrder.parameters },
      },
    ]);
    expect(second.body.messages.slice(-2)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_a",
            type: "function",
            function: { name: "lookup_order", arguments: JSON.stringify({ orderNumber: "A1001" }) },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_a", content: JSON.stringify({ status: "shipped" }) },
    ]);
  });

  it("streams text deltas and usage when onDelta is set", async () => {
    server.enqueue({
      type: "text",
      text: "Your order is on its way.",
      usage: { prompt_tokens: 20, completion_tokens: 7 },
    });
    const deltas: string[] = [];
    const result = await provider().chat({
      model: "gpt-4o",
      messages: [{ role: "user", content: "Where?" }],
      onDelta: (d) => deltas.push(d),
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Your order is on its way.");
    expect(result.text).toBe("Your order is on its way.");
    expect(result.usage).toEqual({ inputTokens: 20, outputTokens: 7 });
    expect(server.chatRequests()[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("accumulates streamed tool-call deltas", async () => {
    server.enqueue({
      type: "tool_calls",
      calls: [
        { id: "c1", name: "lookup_order", arguments: { orderNumber: "A1001" } },
        { id: "c2", name: "lookup_order", arguments: { orderNumber: "B2002" } },
      ],
    });
    const result = await provider().chat({
      model: "gpt-4o",
      messages: [{ role: "user", content: "Both" }],
      tools: [lookupOrder],
      onDelta: () => {},
    });
    expect(result.finishReason).toBe("tool_calls");
    expect(result.toolCalls).toEqual([
      { id: "c1", name: "lookup_order", arguments: { orderNumber: "A1001" } },
      { id: "c2", name: "lookup_order", arguments: { orderNumber: "B2002" } },
    ]);
  });

  it("asks for structured output with a strict json_schema", async () => {
    server.enqueue({
      type: "text",
      text: JSON.stringify({ route: "refund", confidence: 0.9, reason: "asks for money back" }),
    });
    const schema = {
      type: "object",
      properties: {
        route: { type: "string", enum: ["refund", "tracking"] },
        confidence: { type: "number" },
        reason: { type: "string" },
      },
      required: ["route", "confidence", "reason"],
      additionalProperties: false,
    };
    const result = await provider().chat({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "I want my money back" }],
      responseSchema: { name: "route_choice", schema },
    });
    expect(JSON.parse(result.text)).toMatchObject({ route: "refund" });
    expect(server.chatRequests()[0].body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "route_choice", schema, strict: true },
    });
  });

  it("retries a 500 and counts the attempts", async () => {
    server.enqueue({ type: "error", status: 500 }, { type: "text", text: "recovered" });
    const result = await provider().chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
    expect(result).toMatchObject({ text: "recovered", attempts: 2, fallbackUsed: false, model: "gpt-4o-mini" });
    expect(server.chatRequests()).toHaveLength(2);
  });

  it("honours Retry-After on a 429", async () => {
    server.enqueue({ type: "error", status: 429, headers: { "retry-after-ms": "150" } }, { type: "text", text: "ok" });
    const started = Date.now();
    const result = await provider({ retryBaseDelayMs: 1 }).chat({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(result.attempts).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("tries the fallback model once when the primary keeps failing", async () => {
    server.enqueue(
      { type: "error", status: 500 },
      { type: "error", status: 503 },
      { type: "error", status: 500 },
      { type: "text", text: "from the fallback" },
    );
    const result = await provider({ fallbackModel: "gpt-4o-mini" }).chat({
      model: "gpt-4o",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(result).toMatchObject({ text: "from the fallback", model: "gpt-4o-mini", fallbackUsed: true, attempts: 4 });
    expect(server.chatRequests().map((r) => r.body.model)).toEqual(["gpt-4o", "gpt-4o", "gpt-4o", "gpt-4o-mini"]);
  });

  it("a request's fallbackModel overrides the provider's", async () => {
    server.enqueue({ type: "error", status: 500 }, { type: "text", text: "ok" });
    const result = await provider({ maxRetries: 0, fallbackModel: "gpt-4o-mini" }).chat({
      model: "gpt-4o",
      fallbackModel: "gpt-4.1-nano",
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(result).toMatchObject({ model: "gpt-4.1-nano", fallbackUsed: true, attempts: 2 });
  });

  it("surfaces a persistent failure as a retriable ProviderError without the key", async () => {
    server.enqueue(
      { type: "error", status: 500, message: `upstream broke while using ${API_KEY}` },
      { type: "error", status: 500, message: `upstream broke while using ${API_KEY}` },
      { type: "error", status: 500, message: "again" },
      { type: "error", status: 502, message: "fallback broke too" },
    );
    const error = await provider({ fallbackModel: "gpt-4o-mini" })
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      retriable: true,
      code: "server_error",
      status: 502,
      attempts: 4,
      fallbackUsed: true,
    });
    expect((error as Error).message).not.toContain(API_KEY);
  });

  it("does not retry a 400 or use the fallback for it", async () => {
    server.enqueue({ type: "error", status: 400, message: "bad things" }, { type: "text", text: "never" });
    const error = await provider({ fallbackModel: "gpt-4o-mini" })
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      retriable: false,
      code: "bad_request",
      status: 400,
      attempts: 1,
      fallbackUsed: false,
    });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it("an authentication failure is not retriable and never echoes the key", async () => {
    server.enqueue({ type: "error", status: 401, message: `Incorrect API key provided: ${API_KEY}` });
    const error = await provider()
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retriable: false, code: "auth", status: 401 });
    expect((error as Error).message).not.toContain(API_KEY);
    expect(JSON.stringify(error)).not.toContain(API_KEY);
  });

  it("times out as a retriable ProviderError", async () => {
    server.enqueue(
      { type: "text", text: "too late", delayMs: 1000 },
      { type: "text", text: "too late", delayMs: 1000 },
    );
    const error = await provider({ timeoutMs: 150, maxRetries: 1 })
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "timeout", retriable: true, attempts: 2 });
  });

  it("times out a stream that goes silent, retrying only when no text was streamed yet", async () => {
    // Silent right after the role chunk: nothing reached the customer, so the attempt is retried.
    server.enqueue(
      { type: "text", text: "one two three", stall: { afterChunk: 0, ms: 1000 } },
      { type: "text", text: "second try" },
    );
    const deltas: string[] = [];
    const result = await provider({ timeoutMs: 150 }).chat({
      model: "gpt-4o",
      messages: [{ role: "user", content: "Hi" }],
      onDelta: (d) => deltas.push(d),
    });
    expect(result).toMatchObject({ text: "second try", attempts: 2 });
    expect(deltas.join("")).toBe("second try");

    // Silent after the first words: replaying would repeat them, so it fails (retriable for the engine's own policy).
    server.reset();
    deltas.length = 0;
    server.enqueue(
      { type: "text", text: "one two three", stall: { afterChunk: 1, ms: 1000 } },
      { type: "text", text: "never asked" },
    );
    const error = await provider({ timeoutMs: 150, fallbackModel: "gpt-4o-mini" })
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }], onDelta: (d) => deltas.push(d) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "timeout", retriable: true, attempts: 1, fallbackUsed: false });
    expect(deltas).toEqual(["one "]);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it("rejects malformed tool-call arguments as a non-retriable error", async () => {
    server.enqueue(
      { type: "tool_calls", calls: [{ name: "lookup_order", arguments: '{"orderNumber": "A1001"' }] },
      { type: "text", text: "never" },
    );
    const error = await provider({ fallbackModel: "gpt-4o-mini" })
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }], tools: [lookupOrder] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformed_tool_arguments", retriable: false, attempts: 1 });
    expect(server.chatRequests()).toHaveLength(1);
  });

  it("retries once without temperature when the model refuses it", async () => {
    server.enqueue(
      { type: "error", status: 400, message: "Unsupported value: 'temperature' does not support 0.2 with this model." },
      { type: "text", text: "ok" },
    );
    const result = await provider().chat({
      model: "o4-mini",
      temperature: 0.2,
      messages: [{ role: "user", content: "Hi" }],
    });
    expect(result).toMatchObject({ text: "ok", attempts: 2 });
    const [first, second] = server.chatRequests();
    expect(first.body.temperature).toBe(0.2);
    expect(second.body.temperature).toBeUndefined();
  });

  it("stops on abort without retrying", async () => {
    server.enqueue({ type: "text", text: "slow", delayMs: 1000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await provider({ fallbackModel: "gpt-4o-mini" })
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }], signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "aborted", retriable: false, attempts: 1 });
  });

  it("reports an unreachable server as a retriable connection error", async () => {
    const error = await createOpenAIProvider({
      baseUrl: "http://127.0.0.1:9/v1",
      apiKey: API_KEY,
      maxRetries: 0,
      allowHosts: ["127.0.0.1:9"], // past the SSRF guard, so the connection itself fails
    })
      .chat({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "connection", retriable: true });
    expect((error as Error).message).not.toContain(API_KEY);
  });
});
