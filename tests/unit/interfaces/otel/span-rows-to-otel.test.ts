import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import {
  eventTraceSpans,
  MAX_CONTENT_CHARS,
  spanIdForRow,
  traceIdForEvent,
  type EventTrace,
  type SpanRow,
} from "@/lib/interfaces/otel/span-rows-to-otel";

const resource = resourceFromAttributes({ "service.name": "switchboard" });
const T0 = Date.parse("2026-11-21T10:00:00.000Z");

function row(id: string, fields: Partial<SpanRow> & Pick<SpanRow, "kind" | "name">): SpanRow {
  return {
    id,
    parentId: null,
    stepId: null,
    status: "ok",
    startedAt: new Date(T0),
    durationMs: 0,
    input: null,
    output: null,
    error: null,
    attributes: null,
    tokensIn: null,
    tokensOut: null,
    costUsd: null,
    ...fields,
  };
}

const trace: EventTrace = {
  eventId: "ev1",
  eventKind: "customer_message",
  eventStatus: "done",
  eventError: null,
  startedAt: new Date(T0),
  finishedAt: new Date(T0 + 900),
  workspaceId: "ws1",
  conversationId: "conv1",
  channel: "web",
  turn: 2,
  flow: { slug: "retail-support", name: "Retail support", versionId: "fv1", version: 3 },
};

/** A turn as the engine writes it: run → router (+ route) → agent (+ 2 model calls, a tool call, a screen) → escalation. */
const rows: SpanRow[] = [
  row("ev1:run", {
    kind: "run",
    name: "customer_message",
    durationMs: 900,
    attributes: { flowVersionId: "fv1", steps: 3, status: "active", waitingFor: "customer" },
  }),
  row("ev1:1", {
    kind: "node",
    name: "Triage",
    parentId: "ev1:run",
    stepId: "ev1:1",
    startedAt: new Date(T0 + 10),
    durationMs: 5.5,
    input: { text: "Where is my order A1001? mail me at [email]" },
    output: {
      decision: {
        strategy: "classifier",
        chosen: "order_status",
        confidence: 0.92,
        threshold: 0.6,
        lowConfidence: false,
      },
    },
    attributes: { nodeId: "triage", nodeKind: "router", branch: null, attempts: 1 },
  }),
  row("ev1:1:0", {
    kind: "route",
    name: "Triage",
    parentId: "ev1:1",
    stepId: "ev1:1",
    startedAt: new Date(T0 + 10),
    durationMs: 5,
    output: { strategy: "classifier", chosen: "order_status", confidence: 0.92 },
  }),
  row("ev1:2", {
    kind: "node",
    name: "Orders agent",
    parentId: "ev1:run",
    stepId: "ev1:2",
    startedAt: new Date(T0 + 20),
    durationMs: 800,
    input: { text: "Where is my order A1001?" },
    output: {
      model: "gpt-4o-mini",
      provider: "local",
      reply: "It is on its way.",
      usage: { inputTokens: 300, outputTokens: 23 },
    },
    attributes: { nodeId: "orders", nodeKind: "agent", branch: null, attempts: 1 },
  }),
  row("ev1:2:0", {
    kind: "llm",
    name: "gpt-4o-mini",
    parentId: "ev1:2",
    stepId: "ev1:2",
    startedAt: new Date(T0 + 20),
    durationMs: 300,
    tokensIn: 120,
    tokensOut: 14,
    costUsd: 0.0001,
    attributes: { provider: "local", attempts: 1, fallbackUsed: false, finishReason: "tool_calls" },
  }),
  row("ev1:2:1", {
    kind: "llm",
    name: "gpt-4o-mini",
    parentId: "ev1:2",
    stepId: "ev1:2",
    startedAt: new Date(T0 + 20),
    durationMs: 250,
    tokensIn: 180,
    tokensOut: 9,
    costUsd: 0.0002,
    attributes: { provider: "local", finishReason: "stop" },
  }),
  row("ev1:2:2", {
    kind: "tool",
    name: "lookup_order",
    parentId: "ev1:2",
    stepId: "ev1:2",
    startedAt: new Date(T0 + 20),
    durationMs: 12,
    input: { orderNumber: "A1001" },
    output: { number: "A1001", status: "shipped" },
    attributes: {
      toolNodeId: "lookup",
      source: "builtin",
      agent: "orders",
      idempotencyKey: "ev1:2:lookup_order:1",
      replayed: false,
      sideEffect: false,
    },
  }),
  row("ev1:2:3", {
    kind: "guardrail",
    name: "prompt_injection",
    parentId: "ev1:2",
    stepId: "ev1:2",
    output: { outcome: "pass" },
    input: { tool: "lookup_order" },
  }),
  row("ev1:3:escalation", {
    kind: "escalation",
    name: "Customer asked for a person",
    parentId: "ev1:3",
    stepId: "ev1:3",
    output: { escalationId: "esc1", queue: "general", priority: 2, trigger: "node" },
  }),
  row("ev1:4:0", {
    kind: "guardrail",
    name: "pii",
    parentId: "ev1:4",
    stepId: "ev1:4",
    status: "error",
    error: "Found a card number 4111 1111 1111 1111",
    output: { outcome: "block", reason: "card number" },
    attributes: { stage: "output", onViolation: "block" },
  }),
];

const byRow = (spans: ReturnType<typeof eventTraceSpans>, rowId: string) =>
  spans.find((span) => span.spanContext().spanId === spanIdForRow(rowId))!;

describe("span rows → OpenTelemetry spans", () => {
  const spans = eventTraceSpans(rows, trace, { resource, captureContent: false });

  it("makes one trace per event with deterministic ids and the run span as its root", () => {
    expect(spans).toHaveLength(rows.length);
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([traceIdForEvent("ev1")]));
    expect(traceIdForEvent("ev1")).toMatch(/^[0-9a-f]{32}$/);
    expect(spanIdForRow("ev1:run")).toMatch(/^[0-9a-f]{16}$/);
    expect(traceIdForEvent("ev2")).not.toBe(traceIdForEvent("ev1"));
    const again = eventTraceSpans(rows, trace, { resource, captureContent: false });
    expect(again.map((s) => s.spanContext().spanId)).toEqual(spans.map((s) => s.spanContext().spanId));
    const roots = spans.filter((s) => !s.parentSpanContext);
    expect(roots.map((s) => s.name)).toEqual(["invoke_workflow retail-support"]);
  });

  it("keeps the rows' parentage, and hangs a row whose parent is not stored under the run", () => {
    const parentOf = (rowId: string) => byRow(spans, rowId).parentSpanContext?.spanId;
    expect(parentOf("ev1:1")).toBe(spanIdForRow("ev1:run"));
    expect(parentOf("ev1:1:0")).toBe(spanIdForRow("ev1:1"));
    expect(parentOf("ev1:2:0")).toBe(spanIdForRow("ev1:2"));
    expect(parentOf("ev1:2:2")).toBe(spanIdForRow("ev1:2"));
    expect(parentOf("ev1:3:escalation")).toBe(spanIdForRow("ev1:run"));
  });

  it("uses the rows' own start and end times", () => {
    const agent = byRow(spans, "ev1:2");
    expect(agent.startTime).toEqual([Math.floor((T0 + 20) / 1000), ((T0 + 20) % 1000) * 1e6]);
    const router = byRow(spans, "ev1:1");
    const endNanos = router.endTime[0] * 1e9 + router.endTime[1];
    expect(endNanos).toBe((T0 + 15.5) * 1e6);
    expect(router.duration).toEqual([0, 5.5e6]);
  });

  it("names and attributes model calls, tool calls and agents by the GenAI conventions", () => {
    const chat = byRow(spans, "ev1:2:0");
    expect(chat.name).toBe("chat gpt-4o-mini");
    expect(chat.kind).toBe(SpanKind.CLIENT);
    expect(chat.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.system": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 14,
      "gen_ai.response.finish_reasons": ["tool_calls"],
      "switchboard.cost_usd": 0.0001,
      "switchboard.llm.provider": "local",
    });

    const tool = byRow(spans, "ev1:2:2");
    expect(tool.name).toBe("execute_tool lookup_order");
    expect(tool.attributes).toMatchObject({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "lookup_order",
      "gen_ai.tool.call.id": "ev1:2:lookup_order:1",
      "gen_ai.tool.type": "function",
      "switchboard.tool.source": "builtin",
      "switchboard.tool.side_effect": false,
    });

    const agent = byRow(spans, "ev1:2");
    expect(agent.name).toBe("invoke_agent Orders agent");
    expect(agent.attributes).toMatchObject({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "Orders agent",
      "gen_ai.agent.id": "orders",
      "gen_ai.request.model": "gpt-4o-mini",
      "switchboard.node.id": "orders",
      "switchboard.node.kind": "agent",
      "switchboard.step.id": "ev1:2",
    });

    const run = byRow(spans, "ev1:run");
    expect(run.attributes).toMatchObject({
      "gen_ai.operation.name": "invoke_workflow",
      "gen_ai.workflow.name": "Retail support",
      "switchboard.event.kind": "customer_message",
      "switchboard.run.status": "active",
      "switchboard.turn.cost_usd": 0.0003,
    });
  });

  it("records the route chosen with its confidence, guardrail outcomes and escalations", () => {
    expect(byRow(spans, "ev1:1").attributes).toMatchObject({
      "switchboard.route.chosen": "order_status",
      "switchboard.route.confidence": 0.92,
      "switchboard.route.low_confidence": false,
      "switchboard.node.kind": "router",
    });
    expect(byRow(spans, "ev1:1:0").attributes).toMatchObject({
      "switchboard.route.chosen": "order_status",
      "switchboard.route.confidence": 0.92,
    });
    expect(byRow(spans, "ev1:2:3").attributes).toMatchObject({
      "switchboard.guardrail.policy": "prompt_injection",
      "switchboard.guardrail.outcome": "pass",
    });
    expect(byRow(spans, "ev1:4:0").attributes).toMatchObject({
      "switchboard.guardrail.outcome": "block",
      "switchboard.guardrail.stage": "output",
    });
    expect(byRow(spans, "ev1:3:escalation").attributes).toMatchObject({
      "switchboard.escalation.id": "esc1",
      "switchboard.escalation.queue": "general",
    });
  });

  it("marks failed rows as errors with their message, PII redacted", () => {
    const blocked = byRow(spans, "ev1:4:0");
    expect(blocked.status.code).toBe(SpanStatusCode.ERROR);
    expect(blocked.status.message).toContain("[card]");
    expect(blocked.status.message).not.toContain("4111");
    expect(byRow(spans, "ev1:2").status.code).toBe(SpanStatusCode.UNSET);
  });

  it("puts the conversation and the flow on every span", () => {
    for (const span of spans) {
      expect(span.attributes).toMatchObject({
        "gen_ai.conversation.id": "conv1",
        "session.id": "conv1",
        "switchboard.conversation.id": "conv1",
        "switchboard.workspace.id": "ws1",
        "switchboard.event.id": "ev1",
        "switchboard.flow.slug": "retail-support",
        "switchboard.flow.version": 3,
        "switchboard.turn": 2,
      });
      expect(span.resource).toBe(resource);
      expect(span.ended).toBe(true);
    }
  });

  it("leaves inputs and outputs out unless content capture is on", () => {
    const contentKeys = (list: typeof spans) =>
      [
        ...new Set(
          list
            .flatMap((s) => Object.keys(s.attributes))
            .filter((key) => /messages|arguments|call\.result|switchboard\.(input|output)/.test(key)),
        ),
      ].sort();
    expect(contentKeys(spans)).toEqual([]);
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain("A1001");

    const captured = eventTraceSpans(rows, trace, { resource, captureContent: true });
    expect(contentKeys(captured)).toEqual([
      "gen_ai.input.messages",
      "gen_ai.output.messages",
      "gen_ai.tool.call.arguments",
      "gen_ai.tool.call.result",
      "switchboard.input",
      "switchboard.output",
    ]);
    const agent = byRow(captured, "ev1:2");
    expect(JSON.parse(agent.attributes["gen_ai.input.messages"] as string)).toEqual([
      { role: "user", parts: [{ type: "text", content: "Where is my order A1001?" }] },
    ]);
    expect(JSON.parse(agent.attributes["gen_ai.output.messages"] as string)).toEqual([
      { role: "assistant", parts: [{ type: "text", content: "It is on its way." }], finish_reason: "stop" },
    ]);
    expect(JSON.parse(byRow(captured, "ev1:2:2").attributes["gen_ai.tool.call.arguments"] as string)).toEqual({
      orderNumber: "A1001",
    });
    // What is exported is what the engine stored: already redacted.
    expect(byRow(captured, "ev1:1").attributes["switchboard.input"]).toContain("[email]");
  });

  it("cuts very long content", () => {
    const long = [
      row("ev1:run", { kind: "run", name: "customer_message" }),
      row("ev1:1", {
        kind: "node",
        name: "Echo",
        parentId: "ev1:run",
        output: { text: "x".repeat(MAX_CONTENT_CHARS * 2) },
      }),
    ];
    const [, echo] = eventTraceSpans(long, trace, { resource, captureContent: true });
    expect((echo.attributes["switchboard.output"] as string).length).toBeLessThan(MAX_CONTENT_CHARS + 20);
    expect(echo.attributes["switchboard.output"]).toMatch(/…\[truncated\]$/);
  });

  it("gives an event that failed before its run span was written a failed root spanning its rows", () => {
    const failed: EventTrace = {
      ...trace,
      eventStatus: "failed",
      eventError: "Orders agent: model unavailable",
      finishedAt: new Date(T0 + 2000),
    };
    const attempt = row("ev1:2:attempt1", {
      kind: "node",
      name: "Orders agent (attempt 1)",
      parentId: "ev1:2",
      stepId: "ev1:2",
      status: "error",
      error: "model unavailable",
      startedAt: new Date(T0 + 20),
      durationMs: 100,
      attributes: { attempt: 1, retriable: true },
    });
    const spans = eventTraceSpans([attempt], failed, { resource, captureContent: false });
    expect(spans).toHaveLength(2);
    const [root, child] = spans;
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.spanContext().spanId).toBe(spanIdForRow("ev1:run"));
    expect(root.status).toEqual({ code: SpanStatusCode.ERROR, message: "Orders agent: model unavailable" });
    expect(root.startTime).toEqual([Math.floor(T0 / 1000), 0]);
    expect(root.endTime[0]).toBe(Math.floor((T0 + 2000) / 1000));
    expect(child.parentSpanContext?.spanId).toBe(spanIdForRow("ev1:run"));
    expect(child.attributes).toMatchObject({ "switchboard.node.attempt": 1, "switchboard.node.retriable": true });
  });

  it("calls the offline provider by its own name, not openai", () => {
    const offline = eventTraceSpans(
      [
        row("ev1:run", { kind: "run", name: "x" }),
        row("ev1:1:0", { kind: "llm", name: "offline", parentId: "ev1:run", attributes: { provider: "offline" } }),
      ],
      trace,
      { resource, captureContent: false },
    );
    expect(offline[1].attributes["gen_ai.provider.name"]).toBe("switchboard.offline");
  });
});
