// OTLP export when things go wrong: a failed root for an event that failed for good, nothing when no endpoint is set,
// and a failing collector that never touches the turn.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { exportEventTrace, flushTelemetry } from "@/lib/interfaces/otel/export-event-trace";
import { spanIdForRow, traceIdForEvent } from "@/lib/interfaces/otel/span-rows-to-otel";
import { publishedFlow, sendTurn, waitFor } from "@/tests/support/engine";
import { node } from "@/tests/support/flow-graph";
import {
  AUTH,
  ERROR,
  configureOtelEnv,
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

describe("an event that fails for good", () => {
  it("still exports, under a failed root that carries the reason", async () => {
    const graph: FlowGraphInput = {
      schemaVersion: 1,
      nodes: [
        node("start", "start", {}),
        node("delegate", "subflow", { flowSlug: "nowhere-to-be-found", pass: [] }, 200),
      ],
      edges: [{ id: "e1", source: "start", sourceHandle: "out", target: "delegate" }],
    };
    await publishedFlow(graph, "otel-broken", { workspaceId: workspace.id });
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "otel-broken",
      channel: "api",
    });
    const turn = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "hello" });
    expect(turn.error).toMatch(/nowhere-to-be-found/);
    const spans = await traceOf(turn.eventId);
    const [root] = spans.filter((span) => span.parentSpanId === null);
    expect(root.spanId).toBe(spanIdForRow(`${turn.eventId}:run`));
    expect(root.status.code).toBe(ERROR);
    expect(root.status.message).toMatch(/nowhere-to-be-found/);
    // The failing wave rolled back with its spans; whatever committed before it would hang under this root.
    expect(spans.filter((span) => span.parentSpanId === null)).toHaveLength(1);
    expect(root.attributes).toMatchObject({
      "switchboard.conversation.id": conversation.id,
      "switchboard.flow.slug": "otel-broken",
    });
  });
});

describe("when export is off or the collector fails", () => {
  it("exports nothing without an endpoint", async () => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      channel: "web",
    });
    const quiet = await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "where's my package?",
    });
    exportEventTrace(quiet.eventId); // what the engine calls: a no-op without an endpoint
    await flushTelemetry();

    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
    const exported = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "it's a1002" });
    await traceOf(exported.eventId);
    const traces = new Set(
      receiver
        .spans()
        .filter((span) => span.attributes["gen_ai.conversation.id"] === conversation.id)
        .map((span) => span.traceId),
    );
    expect(traces).toEqual(new Set([traceIdForEvent(exported.eventId)]));
  });

  it("keeps answering when the collector refuses, and logs without the credentials", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    receiver.failNext(400, 1000);
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      channel: "web",
    });
    const turn = await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "Where is my order A1001?",
    });
    expect(turn.replies[0].text).toContain("A1001");
    expect(turn.conversation.status).toBe("active");
    await waitFor(
      async () => {
        await flushTelemetry();
        return (
          receiver.requests.some((request) => request.headers.authorization === AUTH) &&
          logged.mock.calls.some((call) => String(call[0]).startsWith("[telemetry]"))
        );
      },
      20_000,
      "the refused export to be logged",
    );
    const lines = logged.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith("[telemetry]"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${receiver.endpoint}/v1/traces`);
    expect(lines[0]).not.toContain("sk-lf-secret");
    expect(lines[0]).not.toContain(AUTH.slice("Basic ".length));
    expect(receiver.spans().filter((span) => span.attributes["gen_ai.conversation.id"] === conversation.id)).toEqual(
      [],
    );
    receiver.clear();
  });
});
