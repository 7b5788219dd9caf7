// An HTTP tool with a secret header (and the SSRF guard), and output guardrails with the exact-wording check — all
// through the engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { edge, node } from "@/tests/support/flow-graph";
import {
  apiPort,
  apiRequests,
  converse,
  startAgentServices,
  stopAgentServices,
} from "@/tests/integration/runtime/engine/agents-and-tools-helpers";

beforeAll(startAgentServices);
afterAll(stopAgentServices);

describe("an HTTP tool with a secret header", () => {
  const graph: FlowGraphInput = {
    schemaVersion: 1,
    nodes: [
      node("start", "start", {}),
      node(
        "collect",
        "agent",
        { slots: [{ name: "order_number", kind: "order_number", prompt: "Which order?" }], reply: "" },
        100,
      ),
      node(
        "track",
        "tool",
        {
          source: "http",
          http: {
            method: "GET",
            url: "",
            headers: [{ name: "Authorization", value: "Bearer {{secret}}", secret: "SHIPPING_TOKEN" }],
            timeoutMs: 3000,
            responseMap: "status: data.status\neta: data.eta",
          },
        },
        200,
      ),
      node(
        "say",
        "response",
        { template: "{{state.orderNumber}}: {{state.tools.track.status}}, arriving {{state.tools.track.eta}}." },
        300,
      ),
    ],
    edges: [edge("start", "collect"), edge("collect", "track"), edge("track", "say")],
  };

  it("fills the URL, sends the secret, maps the response and keeps the secret out of the trace", async () => {
    (graph.nodes[2].config as { http: { url: string } }).http.url =
      `http://127.0.0.1:${apiPort}/shipments/{{order_number}}`;
    const chat = await converse(graph, "http-tool");
    const turn = await chat.send("where is A1001?");
    expect(turn.replies[0].text).toBe("A1001: in transit, arriving 2026-11-24.");
    expect(apiRequests.at(-1)).toEqual({ url: "/shipments/A1001", authorization: "Bearer tok-secret-123" });
    const spans = await db().span.findMany({ where: { conversationId: chat.id } });
    expect(JSON.stringify(spans)).not.toContain("tok-secret-123");
  });

  it("refuses a URL that resolves to a private address that is not allowlisted", async () => {
    const blocked = structuredClone(graph);
    (blocked.nodes[2].config as { http: { url: string } }).http.url = "http://10.0.0.7/shipments/{{order_number}}";
    const chat = await converse(blocked, "http-tool-blocked");
    const turn = await chat.send("where is A1001?");
    expect(turn.conversation.status).toBe("escalated");
    const span = await db().span.findFirstOrThrow({ where: { conversationId: chat.id, kind: "tool" } });
    expect(span).toMatchObject({ status: "error", error: expect.stringMatching(/private address/) });
    expect(turn.replies.map((r) => r.text).join(" ")).not.toMatch(/10\.0\.0\.7|private/);
    expect(apiRequests.some((r) => r.url.includes("10.0.0.7"))).toBe(false);
  });
});

describe("output guardrails and the exact-wording check", () => {
  const graph: FlowGraphInput = {
    schemaVersion: 1,
    nodes: [
      node("start", "start", {}),
      node("note", "set_memory", { assignments: [{ key: "contact", value: "{{text}}" }] }, 100),
      node("confirm", "response", { template: "We'll write to {{state.contact}} today." }, 200),
      node(
        "check",
        "guardrail",
        { stage: "output", policies: [{ type: "pii_redact", values: [] }], onViolation: "redact" },
        300,
      ),
    ],
    edges: [edge("start", "note"), edge("note", "confirm"), edge("confirm", "check")],
  };

  it("sends an approved text that passes", async () => {
    const chat = await converse(graph, "exact-wording");
    const turn = await chat.send("the usual address");
    expect(turn.replies.map((r) => r.text)).toEqual(["We'll write to the usual address today."]);
  });

  it("escalates instead of sending an approved text a guardrail had to change", async () => {
    const chat = await converse(graph, "exact-wording");
    const turn = await chat.send("jane.doe@example.com");
    expect(turn.conversation.status).toBe("escalated");
    expect(turn.replies.map((r) => r.text).join(" ")).not.toMatch(/write to/);
    const check = await db().span.findFirstOrThrow({
      where: { conversationId: chat.id, kind: "guardrail", name: "exact_wording" },
    });
    expect(check.status).toBe("error");
    expect(
      await db().auditLog.count({
        where: { action: "guardrail.escalated", metadata: { path: ["eventId"], equals: turn.eventId } },
      }),
    ).toBe(1);
    expect((await db().escalation.findFirstOrThrow({ where: { conversationId: chat.id } })).context).toMatchObject({
      trigger: "exact_wording",
    });
  });
});
