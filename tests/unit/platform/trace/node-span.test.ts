import { describe, expect, it } from "vitest";
import { nodeSpanOf, pendingNodeSpan, withNodeSpans, type StepForSpan } from "@/lib/platform/trace/node-span";

const step = (over: Partial<StepForSpan> = {}): StepForSpan => ({
  id: "ev1:2",
  eventId: "ev1",
  nodeId: "router_1",
  nodeKind: "router",
  nodeLabel: "Intent router",
  branch: null,
  attempts: 1,
  status: "completed",
  startedAt: new Date("2026-12-07T10:00:00.100Z"),
  endedAt: new Date("2026-12-07T10:00:00.142Z"),
  error: null,
  input: { text: "where is my order" },
  output: { decision: { chosen: "order_status" } },
  ...over,
});

describe("a step as its node's span", () => {
  it("is named by the node's label, hangs under its event's run span and keeps the step's times and data", () => {
    const span = nodeSpanOf(step());
    expect(span).toMatchObject({
      id: "ev1:2",
      stepId: "ev1:2",
      parentId: "ev1:run",
      kind: "node",
      name: "Intent router",
      status: "ok",
      durationMs: 42,
      input: { text: "where is my order" },
      output: { decision: { chosen: "order_status" } },
      attributes: { nodeId: "router_1", nodeKind: "router", branch: null, attempts: 1 },
    });
  });

  it("reads as an error when the step failed, and falls back to the node id without a label", () => {
    const span = nodeSpanOf(step({ status: "failed", error: "boom", nodeLabel: null }));
    expect(span.status).toBe("error");
    expect(span.error).toBe("boom");
    expect(span.name).toBe("router_1");
  });

  it("adds a node span only for steps without a span row of their own (older steps have one), in time order", () => {
    const older = { id: "ev0:1", startedAt: new Date("2026-12-07T09:00:00Z"), name: "Start (row)" };
    const tool = { id: "ev1:2:0", startedAt: new Date("2026-12-07T10:00:00.120Z"), name: "lookup_order" };
    const spans = withNodeSpans([older, tool], [step({ id: "ev0:1", eventId: "ev0" }), step()], (span) => ({
      id: span.id,
      startedAt: span.startedAt,
      name: span.name,
    }));
    expect(spans.map((s) => s.name)).toEqual(["Start (row)", "Intent router", "lookup_order"]);
  });

  it("makes the same span from a step the running wave has not written yet", () => {
    const written = step();
    const pending = pendingNodeSpan({
      id: written.id,
      conversationId: "c1",
      eventId: "ev1",
      turn: 1,
      seq: 2,
      nodeId: "router_1",
      nodeKind: "router",
      nodeLabel: "Intent router",
      status: "completed",
      startedAt: written.startedAt,
      endedAt: written.endedAt,
    });
    expect(pending).toEqual({ ...nodeSpanOf(written), input: null, output: null });
  });
});
