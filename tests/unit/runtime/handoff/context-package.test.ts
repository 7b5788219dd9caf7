import { describe, expect, it } from "vitest";
import {
  buildHandoffPackage,
  escalationCallbacks,
  keyStateValues,
  summarize,
  type HandoffPackageInput,
} from "@/lib/runtime/handoff/context-package";
import { externalAuthor } from "@/lib/runtime/handoff/external-author";
import { publicOrigin } from "@/lib/platform/http/public-origin";
import { handoffLabel, handoffView } from "@/lib/features/conversations/handoff-view";

const at = new Date("2026-03-04T05:06:07.000Z");
const input = (over: Partial<HandoffPackageInput> = {}): HandoffPackageInput => ({
  escalation: {
    id: "esc_1",
    reason: "Customer asked for a person",
    queue: "billing",
    priority: 1,
    skills: ["refunds"],
    slaDueAt: at,
    trigger: "escalate_node",
  },
  conversation: {
    id: "conv_1",
    channel: "web",
    startedAt: at,
    flow: { slug: "retail-support", name: "Retail support", version: 3 },
  },
  customer: { ref: "C-1001", name: "Ada Lovelace", email: "ada@example.com" },
  messages: [
    { role: "agent", author: "Greeter", text: "Hi! How can I help?", createdAt: at },
    { role: "customer", author: null, text: "Refund order A1001 please, card [card]", createdAt: at },
    { role: "agent", author: "Refund agent", text: "How much?", createdAt: at },
    { role: "customer", author: null, text: "I want a human", createdAt: null },
  ],
  path: ["Start", "Router", "Refund agent", "Refund agent", "Lookup", "Human"],
  toolCalls: [
    { name: "look_up_order", status: "ok", output: { status: "delivered" }, error: null },
    { name: "refund_order", status: "error", output: null, error: "Payment provider timed out" },
  ],
  state: {
    intent: { id: "refund", label: "Refund", confidence: 0.934 },
    orderNumber: "A1001",
    order: { status: "delivered", total: 120, items: [1, 2] },
    memory: { customer: { facts: { tier: "gold" } } },
    flagged: false,
    empty: "",
  },
  origin: "https://sb.example.com/",
  ...over,
});

describe("the handoff context package", () => {
  it("carries the escalation, conversation, customer, transcript, state and absolute callback URLs", () => {
    const pkg = buildHandoffPackage(input());
    expect(pkg.escalation).toEqual({
      id: "esc_1",
      reason: "Customer asked for a person",
      queue: "billing",
      priority: 1,
      skills: ["refunds"],
      slaDueAt: at.toISOString(),
      trigger: "escalate_node",
    });
    expect(pkg.conversation).toEqual({
      id: "conv_1",
      channel: "web",
      startedAt: at.toISOString(),
      flow: { slug: "retail-support", name: "Retail support", version: 3 },
    });
    expect(pkg.customer).toEqual({ ref: "C-1001", name: "Ada Lovelace", email: "ada@example.com" });
    expect(pkg.transcript).toHaveLength(4);
    expect(pkg.transcript[1]).toEqual({
      role: "customer",
      author: null,
      text: "Refund order A1001 please, card [card]",
      at: at.toISOString(),
    });
    expect(pkg.transcript[3].at).toBeNull();
    expect(pkg.state).toEqual(input().state);
    expect(pkg.callbacks).toEqual({
      escalation: "https://sb.example.com/api/v1/escalations/esc_1",
      messages: "https://sb.example.com/api/v1/escalations/esc_1/messages",
      resolve: "https://sb.example.com/api/v1/escalations/esc_1/resolve",
    });
    // Plain JSON: what is queued is what the receiver gets.
    expect(JSON.parse(JSON.stringify(pkg))).toEqual(pkg);
  });

  it("summarises deterministically: intent, route without repeats, key state, tools with outcomes, last customer message", () => {
    const summary = summarize(input());
    expect(summary).toEqual({
      intent: { id: "refund", label: "Refund", confidence: 0.934 },
      route: ["Start", "Router", "Refund agent", "Lookup", "Human"],
      keyState: { flagged: false, "order.status": "delivered", "order.total": 120, orderNumber: "A1001" },
      lastCustomerMessage: "I want a human",
      toolCalls: [
        { tool: "look_up_order", outcome: "ok", detail: '{"status":"delivered"}' },
        { tool: "refund_order", outcome: "error", detail: "Payment provider timed out" },
      ],
      text:
        "Escalated: Customer asked for a person. Intent: Refund (refund, confidence 0.93). Route: Start → Router → Refund agent → Lookup → Human. " +
        "Known: flagged = false; order.status = delivered; order.total = 120; orderNumber = A1001. Tools: look_up_order succeeded, refund_order failed. " +
        "Last customer message: “I want a human”",
    });
    expect(summarize(input())).toEqual(summary);
  });

  it("says only what it knows for a bare conversation", () => {
    const summary = summarize(input({ messages: [], path: [], toolCalls: [], state: {} }));
    expect(summary).toMatchObject({
      intent: null,
      route: [],
      keyState: {},
      lastCustomerMessage: null,
      toolCalls: [],
      text: "Escalated: Customer asked for a person.",
    });
    expect(buildHandoffPackage(input({ customer: null })).customer).toBeNull();
  });

  it("keeps key state short: at most 20 values, long texts clipped", () => {
    const state = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`k${String(i).padStart(2, "0")}`, "x".repeat(300)]),
    );
    const values = keyStateValues(state);
    expect(Object.keys(values)).toHaveLength(20);
    expect(String(values.k00)).toHaveLength(200);
    expect(String(values.k00).endsWith("…")).toBe(true);
  });

  it("builds callback URLs from the public origin", () => {
    expect(escalationCallbacks("http://localhost:3000", "a/b").resolve).toBe(
      "http://localhost:3000/api/v1/escalations/a%2Fb/resolve",
    );
    expect(publicOrigin({ env: { NEXTAUTH_URL: "https://x.example.com/" } as unknown as NodeJS.ProcessEnv })).toBe(
      "https://x.example.com",
    );
    expect(publicOrigin({ env: { PORT: "3100" } as unknown as NodeJS.ProcessEnv })).toBe("http://localhost:3100");
  });
});

describe("external authors and labels", () => {
  it("signs a contact centre's reply with the endpoint's name and the agent's", () => {
    expect(externalAuthor("Acme CC", "Jane")).toBe("Acme CC · Jane");
    expect(externalAuthor("Acme CC", "  Jane \n Doe ")).toBe("Acme CC · Jane Doe");
    expect(externalAuthor("Acme CC", undefined)).toBe("Acme CC");
    expect(externalAuthor("Acme CC", "x".repeat(300))).toHaveLength(120);
  });

  it("names who handles an escalation", () => {
    expect(handoffView({ handoffEndpointId: null, handoffEndpoint: null, externalRef: null })).toBeNull();
    const view = handoffView({
      handoffEndpointId: "we_1",
      handoffEndpoint: { name: "Acme CC" },
      externalRef: "CASE-42",
    });
    expect(view).toEqual({ endpoint: "Acme CC", externalRef: "CASE-42" });
    expect(handoffLabel(view!)).toBe("With Acme CC (ref CASE-42)");
    expect(handoffLabel({ endpoint: "Acme CC", externalRef: null })).toBe("With Acme CC");
  });
});
