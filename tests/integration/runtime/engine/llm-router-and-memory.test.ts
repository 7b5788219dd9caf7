// The LLM router on the offline provider, and customer long-term memory across conversations — all through the engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { edge, node } from "@/tests/support/flow-graph";
import {
  converse,
  startAgentServices,
  stopAgentServices,
  workspace,
} from "@/tests/integration/runtime/engine/agents-and-tools-helpers";

beforeAll(startAgentServices);
afterAll(stopAgentServices);

describe("the LLM router on the offline provider", () => {
  it("routes by the routes' descriptions and takes the low-confidence path when nothing fits", async () => {
    const graph: FlowGraphInput = {
      schemaVersion: 1,
      nodes: [
        node("start", "start", {}),
        node(
          "route",
          "router",
          {
            strategy: "llm",
            model: "",
            threshold: 0.3,
            routes: [
              { id: "billing", label: "Billing", description: "charges, invoices, payments and refunds" },
              { id: "delivery", label: "Delivery", description: "tracking a parcel, shipping and delivery dates" },
            ],
          },
          100,
        ),
        node("bill", "response", { template: "Billing here." }, 200),
        node("ship", "response", { template: "Delivery here." }, 200),
        node("unsure", "response", { template: "Could you say a bit more?" }, 200),
      ],
      edges: [
        edge("start", "route"),
        edge("route", "bill", "billing"),
        edge("route", "ship", "delivery"),
        edge("route", "unsure", "low_confidence"),
      ],
    };
    const chat = await converse(graph, "llm-router");
    expect((await chat.send("I have a question about refunds on my invoices")).replies[0].text).toBe("Billing here.");
    expect((await chat.send("when is the parcel delivery date")).replies[0].text).toBe("Delivery here.");
    expect((await chat.send("tell me a joke")).replies[0].text).toBe("Could you say a bit more?");
    const decisions = await db().span.findMany({
      where: { conversationId: chat.id, kind: "route" },
      orderBy: { startedAt: "asc" },
    });
    expect(decisions.map((d) => (d.output as { strategy: string; chosen: string }).chosen)).toEqual([
      "billing",
      "delivery",
      "low_confidence",
    ]);
  });
});

describe("customer long-term memory", () => {
  const remember: FlowGraphInput = {
    schemaVersion: 1,
    nodes: [
      node("start", "start", {}),
      node("note", "set_memory", { assignments: [{ key: "last_request", value: "{{text}}", scope: "customer" }] }, 100),
      node("bye", "end", { outcome: "resolved" }, 200),
    ],
    edges: [edge("start", "note"), edge("note", "bye")],
  };
  const recall: FlowGraphInput = {
    schemaVersion: 1,
    nodes: [
      node("start", "start", {}),
      node("say", "response", { template: "Last time you asked: {{state.memory.customer.facts.last_request}}" }, 100),
    ],
    edges: [edge("start", "say")],
  };

  it("remembers a redacted fact and a summary per customer, and a later conversation recalls them", async () => {
    const first = await converse(remember, "remember", { customer: "C-1010" });
    await first.send("send the invoice for A1010 to my card 4111 1111 1111 1111");
    const customer = await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: "C-1010" } });
    const rows = await db().customerMemory.findMany({ where: { customerId: customer.id }, orderBy: { kind: "asc" } });
    expect(rows.map((r) => r.kind)).toEqual(["fact", "summary"]);
    expect(rows[0].value).toContain("[card]");
    expect(rows[0].value).not.toContain("4111");
    expect(rows[1].value).toMatch(/A1010/);

    const later = await converse(recall, "recall", { customer: "C-1010" });
    const turn = await later.send("hi again");
    expect(turn.replies[0].text).toBe("Last time you asked: send the invoice for A1010 to my card [card]");

    const stranger = await converse(recall, "recall", { customer: "C-1011" });
    expect((await stranger.send("hi")).conversation.status).toBe("escalated");
  });
});
