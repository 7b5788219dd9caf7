// The engine's traces over OTLP/HTTP to a real local receiver: one trace per conversation turn with the run span as
// its root and the node, route, tool, model and guardrail spans under the right parents, GenAI attributes on model
// and tool calls (from the real `openai` client against the local OpenAI-compatible server), the conversation on
// every span, and no content unless capture is on.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { exportEventTrace, flushTelemetry } from "@/lib/interfaces/otel/export-event-trace";
import { spanIdForRow } from "@/lib/interfaces/otel/span-rows-to-otel";
import { publishedFlow, sendTurn } from "@/tests/support/engine";
import type { ReceivedSpan } from "@/tests/support/otlp-receiver";
import { node } from "@/tests/support/flow-graph";
import { openAsOwner, ownerOf } from "@/tests/support/customers";
import {
  AUTH,
  CLIENT,
  configureOtelEnv,
  contentKeys,
  llm,
  receiver,
  resetOtelEnv,
  startOtlpServices,
  stopOtlpServices,
  traceOf,
  workspace,
} from "@/tests/integration/interfaces/otel/otlp-export-helpers";

beforeAll(startOtlpServices);
beforeEach(configureOtelEnv);
afterEach(resetOtelEnv);
afterAll(stopOtlpServices);

describe("a demo turn exported over OTLP", () => {
  it("arrives as one trace: the run as root, every stored span under its stored parent, the conversation on each", async () => {
    // The order's verified owner: the Verify customer node lets the request through to the order agent.
    const conversation = await openAsOwner({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      orderNumber: "A1001",
    });
    const turn = await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "Where is my order A1001?",
    });
    expect(turn.replies[0].text).toContain("A1001");
    const spans = await traceOf(turn.eventId);

    // The span rows, and each step as its node's span (no span row repeats it).
    const where = { conversationId: conversation.id, eventId: turn.eventId };
    const steps = await db().step.findMany({ where });
    const rows = [
      ...(await db().span.findMany({ where })),
      ...steps.map((step) => ({
        id: step.id,
        parentId: `${turn.eventId}:run`,
        startedAt: step.startedAt,
        durationMs: step.endedAt!.getTime() - step.startedAt.getTime(),
      })),
    ];
    expect(steps.length).toBeGreaterThan(3);
    expect(spans).toHaveLength(rows.length);
    for (const row of rows) {
      const span = spans.find((s) => s.spanId === spanIdForRow(row.id));
      expect(span, `span of row ${row.id}`).toBeDefined();
      expect(span!.parentSpanId).toBe(row.parentId ? spanIdForRow(row.parentId) : null);
      expect(span!.startMs).toBeCloseTo(row.startedAt.getTime(), 0);
      expect(span!.endMs - span!.startMs).toBeCloseTo(row.durationMs, 0);
    }

    const roots = spans.filter((span) => span.parentSpanId === null);
    expect(roots.map((span) => span.name)).toEqual(["invoke_workflow retail-support"]);
    const [root] = roots;
    expect(root.attributes).toMatchObject({
      "gen_ai.operation.name": "invoke_workflow",
      "switchboard.event.kind": "customer_message",
      "switchboard.flow.slug": "retail-support",
    });
    expect(root.resource).toMatchObject({ "service.name": "switchboard", "deployment.environment": "test" });

    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId!)!;
    const nodes = spans.filter((span) => span.attributes["switchboard.span.kind"] === "node");
    expect(nodes.map((span) => span.attributes["switchboard.node.kind"])).toEqual(
      expect.arrayContaining(["start", "guardrail", "router", "agent"]),
    );
    for (const node of nodes) expect(parentOf(node)).toBe(root);

    // The start node's interruption check is a route span too; the router's decision is the one under the router.
    const routes = spans.filter((span) => span.attributes["switchboard.span.kind"] === "route");
    expect(routes.map((span) => parentOf(span).attributes["switchboard.node.kind"])).toEqual(["start", "router"]);
    const route = routes.find((span) => parentOf(span).attributes["switchboard.node.kind"] === "router")!;
    expect(route.attributes["switchboard.route.chosen"]).toBe("order_status");
    expect(route.attributes["switchboard.route.confidence"]).toEqual(expect.any(Number));

    const guardrails = spans.filter((span) => span.attributes["switchboard.span.kind"] === "guardrail");
    expect(guardrails.length).toBeGreaterThan(0);
    for (const guardrail of guardrails) {
      expect(parentOf(guardrail).attributes["switchboard.node.kind"]).toBe("guardrail");
      expect(guardrail.attributes["switchboard.guardrail.outcome"]).toBe("pass");
    }

    const agent = nodes.find((span) => span.attributes["switchboard.node.kind"] === "agent")!;
    expect(agent.name).toBe(`invoke_agent ${agent.attributes["gen_ai.agent.name"]}`);
    const tool = spans.find((span) => span.attributes["gen_ai.operation.name"] === "execute_tool")!;
    expect(tool).toMatchObject({ name: "execute_tool lookup_order" });
    expect(parentOf(tool)).toBe(agent);

    for (const span of spans) {
      expect(span.attributes).toMatchObject({
        "gen_ai.conversation.id": conversation.id,
        "switchboard.conversation.id": conversation.id,
        "switchboard.workspace.id": workspace.id,
        "session.id": conversation.id,
      });
    }
    expect(contentKeys(spans)).toEqual([]);
    expect(JSON.stringify(spans)).not.toContain("Where is my order");

    // Spans go as OTLP/JSON with the configured headers.
    const request = receiver.requests.at(-1)!;
    expect(request.contentType).toMatch(/^application\/json/);
    expect(request.headers.authorization).toBe(AUTH);
  });

  it("makes each turn its own trace", async () => {
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      channel: "web",
    });
    const first = await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "where's my package?",
    });
    const second = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "it's a1002" });
    const [a, b] = [await traceOf(first.eventId), await traceOf(second.eventId)];
    expect(a[0].traceId).not.toBe(b[0].traceId);
    expect(a.every((span) => span.attributes["switchboard.turn"] === 1)).toBe(true);
    expect(b.every((span) => span.attributes["switchboard.turn"] === 2)).toBe(true);
    // Exporting an event again (a job that ran twice) sends nothing new.
    const before = receiver.spans().length;
    exportEventTrace(second.eventId);
    await flushTelemetry();
    expect(receiver.spans().length).toBe(before);
  });
});

const LLM_FLOW: FlowGraphInput = {
  schemaVersion: 1,
  nodes: [
    node("start", "start", {}),
    node(
      "orders_agent",
      "agent",
      { mode: "llm", model: "local/gpt-4o-mini", systemPrompt: "You are Acme's order assistant.", maxTurns: 4 },
      200,
    ),
    node("lookup", "tool", { source: "builtin", builtin: "lookup_order" }, 400),
  ],
  edges: [
    { id: "e1", source: "start", sourceHandle: "out", target: "orders_agent" },
    {
      id: "p1",
      kind: "tool",
      source: "orders_agent",
      sourceHandle: "tools",
      target: "lookup",
      targetHandle: "permission",
      permission: {},
    },
  ],
};

async function llmTurn(text: string) {
  llm.reset();
  llm.enqueue(
    {
      type: "tool_calls",
      calls: [{ name: "lookup_order", arguments: { orderNumber: "A1006" } }],
      usage: { prompt_tokens: 120, completion_tokens: 14 },
    },
    { type: "text", text: "Order A1006 is on its way.", usage: { prompt_tokens: 180, completion_tokens: 9 } },
  );
  if (!(await db().flow.findFirst({ where: { workspaceId: workspace.id, slug: "otel-llm" } })))
    await publishedFlow(LLM_FLOW, "otel-llm", { workspaceId: workspace.id });
  // A customer-facing agent ("own records" link): the customer is A1006's verified owner.
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: "otel-llm",
    channel: "api",
    customerId: await ownerOf(workspace.id, "A1006"),
  });
  const turn = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text });
  expect(turn.replies.map((reply) => reply.text)).toEqual(["Order A1006 is on its way."]);
  return { conversation, turn, spans: await traceOf(turn.eventId) };
}

describe("an LLM agent's trace", () => {
  it("carries the GenAI conventions on the agent, its model calls and its tool call", async () => {
    const { spans } = await llmTurn("Where is my order A1006?");
    const agent = spans.find((span) => span.attributes["gen_ai.operation.name"] === "invoke_agent")!;
    expect(agent).toMatchObject({ name: "invoke_agent orders agent" });
    expect(agent.attributes).toMatchObject({
      "gen_ai.agent.name": "orders agent",
      "gen_ai.agent.id": "orders_agent",
      "gen_ai.request.model": "gpt-4o-mini",
    });

    const chats = spans.filter((span) => span.attributes["gen_ai.operation.name"] === "chat");
    expect(chats.map((span) => span.name)).toEqual(["chat gpt-4o-mini", "chat gpt-4o-mini"]);
    const usage = chats
      .map((span) => [span.attributes["gen_ai.usage.input_tokens"], span.attributes["gen_ai.usage.output_tokens"]])
      .sort();
    expect(usage).toEqual([
      [120, 14],
      [180, 9],
    ]);
    for (const chat of chats) {
      expect(chat.kind).toBe(CLIENT);
      expect(chat.parentSpanId).toBe(agent.spanId);
      expect(chat.attributes).toMatchObject({
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini",
      });
      expect(chat.attributes["switchboard.cost_usd"]).toBeGreaterThan(0);
    }

    const tool = spans.find((span) => span.attributes["gen_ai.operation.name"] === "execute_tool")!;
    expect(tool.parentSpanId).toBe(agent.spanId);
    expect(tool.attributes).toMatchObject({
      "gen_ai.tool.name": "lookup_order",
      "gen_ai.tool.type": "function",
      "gen_ai.agent.id": "orders_agent",
    });
    expect(tool.attributes["gen_ai.tool.call.id"]).toEqual(expect.any(String));
    expect(contentKeys(spans)).toEqual([]);
  });

  it("includes the (redacted) messages and tool arguments only with content capture on", async () => {
    process.env.OTEL_GENAI_CAPTURE_CONTENT = "true";
    const { spans } = await llmTurn("Where is my order A1006? Write to jane.doe@example.com");
    expect(contentKeys(spans)).toEqual(
      expect.arrayContaining([
        "gen_ai.input.messages",
        "gen_ai.output.messages",
        "gen_ai.tool.call.arguments",
        "gen_ai.tool.call.result",
      ]),
    );
    const agent = spans.find((span) => span.attributes["gen_ai.operation.name"] === "invoke_agent")!;
    const input = JSON.parse(agent.attributes["gen_ai.input.messages"] as string) as {
      role: string;
      parts: { content: string }[];
    }[];
    expect(input[0].role).toBe("user");
    expect(input[0].parts[0].content).toContain("[email]");
    expect(JSON.stringify(spans)).not.toContain("jane.doe@example.com");
    expect(JSON.parse(agent.attributes["gen_ai.output.messages"] as string)[0].parts[0].content).toBe(
      "Order A1006 is on its way.",
    );
    const tool = spans.find((span) => span.attributes["gen_ai.operation.name"] === "execute_tool")!;
    expect(JSON.parse(tool.attributes["gen_ai.tool.call.arguments"] as string)).toEqual({ orderNumber: "A1006" });
  });
});
