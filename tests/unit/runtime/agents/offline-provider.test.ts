import { describe, expect, it } from "vitest";
import { chooseRoute, offlineProvider, planToolCall } from "@/lib/runtime/agents/offline-provider";
import { runAgent } from "@/lib/runtime/agents/run-agent";
import type { ChatMessage, OfflineHints, ToolSpec } from "@/lib/runtime/agents/types";

const routes = [
  {
    id: "refund",
    description: "The customer wants their money back for an order",
    examples: ["I want a refund", "give me my money back"],
  },
  {
    id: "tracking",
    description: "Where is my parcel, delivery status and tracking",
    examples: ["where is my order", "has my package shipped"],
  },
  { id: "cancel", description: "Cancel an order before it ships", examples: ["cancel my order please"] },
];

const lookupOrder: ToolSpec = {
  name: "lookup_order",
  description: "Look up an order",
  parameters: { type: "object", properties: { orderNumber: { type: "string" } }, required: ["orderNumber"] },
};
const refundOrder: ToolSpec = {
  name: "refund_order",
  description: "Refund an order",
  parameters: {
    type: "object",
    properties: { order_number: { type: "string" }, amount: { type: "number" }, reason: { type: "string" } },
    required: ["order_number", "amount"],
  },
};

const agentHints: OfflineHints = {
  slots: [
    { name: "order_number", kind: "order_number", required: true, prompt: "What is your order number?" },
    { name: "email", kind: "email", required: false },
  ],
  reply: "Order {{result.number}} is {{tools.lookup_order.status}} ({{slots.order_number}}).",
};

const user = (content: string): ChatMessage => ({ role: "user", content });

describe("offline provider: routing", () => {
  it("routes by word overlap with a JSON answer and a deterministic confidence", async () => {
    const result = await offlineProvider.chat({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Route it." },
        user("hello"),
        { role: "assistant", content: "Hi!" },
        user("I would like a refund for my last order"),
      ],
      responseSchema: { name: "route", schema: { type: "object" } },
      offline: { routes },
    });
    const parsed = JSON.parse(result.text);
    expect(parsed.route).toBe("refund");
    expect(parsed.confidence).toBeGreaterThan(0.4);
    expect(parsed.confidence).toBeLessThanOrEqual(1);
    expect(typeof parsed.reason).toBe("string");
    expect(result.costUsd).toBe(0);
    // No guessed usage: the stand-in reads no tokens, and reports itself as "offline" whatever model was asked for.
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(result.model).toBe("offline");

    const again = await offlineProvider.chat({
      model: "offline",
      messages: [user("I would like a refund for my last order")],
      responseSchema: { name: "route", schema: {} },
      offline: { routes },
    });
    expect(again.text).toBe(result.text);
  });

  it("picks tracking and cancel for their messages; no overlap means confidence 0", () => {
    expect(chooseRoute("Where is my package? It has not shipped", routes).route).toBe("tracking");
    expect(chooseRoute("Please cancel order A1001", routes).route).toBe("cancel");
    expect(chooseRoute("zebra quantum", routes)).toMatchObject({ route: "refund", confidence: 0 });
  });

  it("a tie is below the default threshold", () => {
    const tie = chooseRoute("order", [
      { id: "a", description: "order" },
      { id: "b", description: "order" },
    ]);
    expect(tie).toMatchObject({ route: "a", confidence: 0.4 });
  });
});

describe("offline provider: agent turns", () => {
  it("asks for a missing required slot with its prompt, or a generic question", async () => {
    const result = await offlineProvider.chat({
      model: "offline",
      messages: [user("my parcel is late")],
      tools: [lookupOrder],
      offline: agentHints,
    });
    expect(result).toMatchObject({ text: "What is your order number?", toolCalls: [], finishReason: "stop" });
    const generic = await offlineProvider.chat({
      model: "offline",
      messages: [user("hi")],
      offline: { slots: [{ name: "order_number", kind: "order_number", required: true }] },
    });
    expect(generic.text).toBe("Could you tell me the order number?");
  });

  it("finds slots in earlier user messages, latest first", async () => {
    const result = await offlineProvider.chat({
      model: "offline",
      messages: [
        user("it's about A1001"),
        { role: "assistant", content: "Sure, what's wrong?" },
        user("Actually it is B2002, where is it?"),
      ],
      tools: [lookupOrder],
      offline: agentHints,
    });
    expect(result.toolCalls).toEqual([
      { id: "offline_call_1", name: "lookup_order", arguments: { orderNumber: "B2002" } },
    ]);
    expect(result.finishReason).toBe("tool_calls");
  });

  it("calls the first tool whose required parameters the slots fill, coercing types", () => {
    const slots = [
      { name: "order_number", kind: "order_number" as const, required: true },
      { name: "refund", kind: "amount" as const, required: true },
    ];
    expect(planToolCall([refundOrder, lookupOrder], slots, { order_number: "A1001" })?.tool.name).toBe("lookup_order");
    expect(planToolCall([refundOrder, lookupOrder], slots, { order_number: "A1001", refund: "25" })).toEqual({
      tool: refundOrder,
      args: { order_number: "A1001", amount: 25 },
    });
    expect(planToolCall([refundOrder], slots, {})).toBeNull();
  });

  it("fills the reply from tool results and slots once a tool answered", async () => {
    const messages: ChatMessage[] = [
      user("where is A1001?"),
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "offline_call_1", name: "lookup_order", arguments: { orderNumber: "A1001" } }],
      },
      {
        role: "tool",
        toolCallId: "offline_call_1",
        name: "lookup_order",
        content: JSON.stringify({ number: "A1001", status: "shipped" }),
      },
    ];
    const result = await offlineProvider.chat({
      model: "offline",
      messages,
      tools: [lookupOrder],
      offline: agentHints,
    });
    expect(result).toMatchObject({ text: "Order A1001 is shipped (A1001).", toolCalls: [] });
  });

  it("says so when the tool refused", async () => {
    const messages: ChatMessage[] = [
      user("where is A1001?"),
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "c", name: "lookup_order", arguments: { orderNumber: "A1001" } }],
      },
      { role: "tool", toolCallId: "c", name: "lookup_order", content: JSON.stringify({ error: "Not permitted" }) },
    ];
    const result = await offlineProvider.chat({
      model: "offline",
      messages,
      tools: [lookupOrder],
      offline: agentHints,
    });
    expect(result.text).toBe("I'm sorry, I couldn't complete that: Not permitted");
  });

  it("uses known slots and context, and streams its text through onDelta", async () => {
    const deltas: string[] = [];
    const result = await offlineProvider.chat({
      model: "offline",
      messages: [user("thanks")],
      offline: {
        slots: agentHints.slots,
        knownSlots: { order_number: "C3003" },
        reply: "Noted {{order_number}} for {{customer.name}}.",
        context: { customer: { name: "Ana" } },
      },
      onDelta: (d) => deltas.push(d),
    });
    expect(result.text).toBe("Noted C3003 for Ana.");
    expect(deltas.join("")).toBe(result.text);
  });

  it("drives runAgent through a whole tool round trip, deterministically", async () => {
    const run = () =>
      runAgent({
        provider: offlineProvider,
        model: "offline",
        systemPrompt: "You help with orders.",
        history: [user("Where is my order A1001?")],
        tools: [lookupOrder],
        maxTurns: 4,
        offline: agentHints,
        callTool: async (call) => ({ ok: true, result: { number: call.arguments.orderNumber, status: "delivered" } }),
      });
    const first = await run();
    expect(first).toMatchObject({ stoppedBecause: "reply", text: "Order A1001 is delivered (A1001).", costUsd: 0 });
    expect(first.calls).toHaveLength(1);
    expect(first.llmCalls).toHaveLength(2);
    expect(await run()).toEqual(first);
  });
});
