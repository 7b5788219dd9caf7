// LLM agents on the real `openai` client against a local OpenAI-compatible server, the agent × tool matrix enforced
// at run time (permissions, rate limits, approvals), HTTP and MCP tools, output guardrails with the exact-wording
// check, the LLM router on the offline provider, and customer long-term memory — all through the engine.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { clearProviderCache } from "@/lib/runtime/agents/resolve-provider";
import { db } from "@/lib/platform/db/client";
import { decideApproval } from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { createModelProvider } from "@/lib/features/settings/models/create-model-provider";
import { createSecret } from "@/lib/features/settings/secrets/create-secret";
import { closeMcpClients } from "@/lib/runtime/tools/mcp-tool";
import { demoWorkspace, seedUser } from "@/tests/support/factories";
import { publishedFlow, sendTurn } from "@/tests/support/engine";
import { startMcpHttpTestServer, type McpHttpTestServer } from "@/tests/support/mcp-test-server";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";
import { edge, node, permit } from "@/tests/support/flow-graph";

const workspace = await demoWorkspace();
let llm: OpenAITestServer;
let mcp: McpHttpTestServer;
let api: Server;
let apiPort = 0;
const apiRequests: { url: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  llm = await startOpenAITestServer();
  mcp = await startMcpHttpTestServer();
  api = createServer((req, res) => {
    apiRequests.push({ url: req.url ?? "", authorization: req.headers.authorization });
    if (req.headers.authorization !== "Bearer tok-secret-123") {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "unauthorised" }));
      return;
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ data: { status: "in transit", eta: "2026-11-24" } }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiPort = (api.address() as AddressInfo).port;
  // The SSRF guard blocks loopback unless a development allowlist names the host.
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = `127.0.0.1:${apiPort},localhost:${mcp.port},127.0.0.1:${mcp.port}`;
  await db().$transaction((tx) =>
    createModelProvider(tx, {
      workspaceId: workspace.id,
      input: {
        name: "local",
        baseUrl: llm.baseUrl,
        apiKey: "sk-test-123",
        defaultModel: "gpt-4o-mini",
        fallbackModel: "",
        timeoutMs: 5000,
        maxRetries: 0,
      },
    }),
  );
  await db().$transaction((tx) =>
    createSecret(tx, { workspaceId: workspace.id, input: { name: "SHIPPING_TOKEN", value: "tok-secret-123" } }),
  );
});

afterAll(async () => {
  delete process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST;
  clearProviderCache();
  await closeMcpClients();
  await llm.close();
  await mcp.close();
  await new Promise((resolve) => api.close(resolve));
});

async function converse(graph: FlowGraphInput, slug: string, options: { customer?: string } = {}) {
  const existing = await db().flow.findFirst({ where: { workspaceId: workspace.id, slug } });
  if (!existing) await publishedFlow(graph, slug, { workspaceId: workspace.id });
  const customerId = options.customer
    ? (await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: options.customer } })).id
    : null;
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: slug,
    channel: "api",
    customerId,
  });
  return {
    id: conversation.id,
    send: (text: string) => sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text }),
  };
}

async function operator(): Promise<Member> {
  const user = await seedUser({ workspaceId: workspace.id, role: "operator" });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role: "operator",
  };
}

const LLM_FLOW: FlowGraphInput = {
  schemaVersion: 1,
  nodes: [
    node("start", "start", {}),
    node(
      "helper",
      "agent",
      { mode: "llm", model: "local/gpt-4o-mini", systemPrompt: "You are Acme's order assistant.", maxTurns: 4 },
      200,
    ),
    node("lookup", "tool", { source: "builtin", builtin: "lookup_order" }, 400),
    node("refund", "tool", { source: "builtin", builtin: "refund_order", sideEffect: true }, 400),
    node("sku", "tool", { source: "mcp", mcp: { server: "", tool: "lookup_sku" } }, 400),
  ],
  edges: [
    edge("start", "helper"),
    permit("helper", "lookup", { ratePerConversation: 1 }),
    permit("helper", "refund", { approvalAbove: 100, approvalField: "amount" }),
    permit("helper", "sku"),
  ],
};

describe("LLM agents through the real openai client", () => {
  beforeAll(() => {
    const sku = LLM_FLOW.nodes.find((n) => n.id === "sku")!;
    (sku.config as { mcp: { server: string } }).mcp.server = mcp.url;
  });

  it("calls a permitted tool, answers from its result and records llm and tool spans with tokens", async () => {
    llm.reset();
    llm.enqueue(
      {
        type: "tool_calls",
        calls: [{ name: "lookup_order", arguments: { orderNumber: "A1006" } }],
        usage: { prompt_tokens: 120, completion_tokens: 14 },
      },
      { type: "text", text: "Order A1006 is on its way.", usage: { prompt_tokens: 180, completion_tokens: 9 } },
    );
    const chat = await converse(LLM_FLOW, "llm-agent");
    const turn = await chat.send("Where is my order A1006?");
    expect(turn.replies.map((r) => r.text)).toEqual(["Order A1006 is on its way."]);

    const [first, second] = llm.chatRequests();
    expect(first.headers.authorization).toBe("Bearer sk-test-123");
    expect(first.body.model).toBe("gpt-4o-mini");
    expect(first.body.tools.map((t: { function: { name: string } }) => t.function.name).sort()).toEqual([
      "lookup_order",
      "refund_order",
      "sku",
    ]);
    expect(first.body.messages.at(-1)).toMatchObject({ role: "user", content: "Where is my order A1006?" });
    const toolMessage = second.body.messages.find((m: { role: string }) => m.role === "tool");
    expect(JSON.parse(toolMessage.content)).toMatchObject({ number: "A1006" });

    const spans = await db().span.findMany({ where: { conversationId: chat.id }, orderBy: { id: "asc" } });
    const llmSpans = spans.filter((s) => s.kind === "llm");
    expect(llmSpans.map((s) => [s.tokensIn, s.tokensOut])).toEqual([
      [120, 14],
      [180, 9],
    ]);
    expect(llmSpans[0].costUsd).toBeGreaterThan(0);
    expect(spans.find((s) => s.kind === "tool")).toMatchObject({ name: "lookup_order", status: "ok" });
  });

  it("enforces the link's rate limit and never runs a tool the agent was not given", async () => {
    llm.reset();
    llm.enqueue(
      { type: "tool_calls", calls: [{ id: "a", name: "lookup_order", arguments: { orderNumber: "A1006" } }] },
      {
        type: "tool_calls",
        calls: [
          { id: "b", name: "lookup_order", arguments: { orderNumber: "A1007" } },
          { id: "c", name: "cancel_order", arguments: { orderNumber: "A1007" } },
        ],
      },
      { type: "text", text: "I can only look up one order here." },
    );
    const chat = await converse(LLM_FLOW, "llm-agent");
    const turn = await chat.send("Check A1006 and A1007, and cancel A1007");
    expect(turn.replies[0].text).toBe("I can only look up one order here.");
    const third = llm.chatRequests()[2];
    const toolAnswers = third.body.messages
      .filter((m: { role: string }) => m.role === "tool")
      .map((m: { content: string }) => (JSON.parse(m.content) as { error?: string }).error ?? m.content);
    expect(toolAnswers[1]).toMatch(/limit of 1 call per conversation/);
    expect(toolAnswers[2]).toMatch(/no tool named "cancel_order"/);
    expect(
      await db().order.findFirstOrThrow({ where: { workspaceId: workspace.id, number: "A1007" } }),
    ).not.toMatchObject({ status: "cancelled" });
    const denied = await db().auditLog.findFirstOrThrow({
      where: { action: "tool.rate_limited", after: { path: ["tool"], equals: "lookup_order" } },
    });
    expect(denied.actorType).toBe("agent");
    // The made-up call is a denial too: a span in the trace and an audit entry, though it was never made.
    const unknown = await db().auditLog.findFirstOrThrow({
      where: { action: "tool.denied", after: { path: ["tool"], equals: "cancel_order" } },
    });
    expect(unknown.after).toMatchObject({
      reason: expect.stringContaining('no permission link to a tool named "cancel_order"'),
    });
    const span = await db().span.findFirstOrThrow({
      where: { conversationId: chat.id, kind: "tool", name: "cancel_order" },
    });
    expect(span).toMatchObject({ status: "error" });
  });

  it("holds a refund above the link's threshold for an operator, then runs that call once approved", async () => {
    const order = await db().order.findFirstOrThrow({
      where: {
        workspaceId: workspace.id,
        status: "delivered",
        totalCents: { gte: 20_000 },
        number: { notIn: ["A1004"] },
      },
      orderBy: { number: "asc" },
    });
    llm.reset();
    llm.enqueue({
      type: "tool_calls",
      calls: [{ name: "refund_order", arguments: { orderNumber: order.number, amount: 150 } }],
    });
    const chat = await converse(LLM_FLOW, "llm-agent");
    const held = await chat.send(`Refund $150 on ${order.number}`);
    expect(held.conversation.status).toBe("active");
    const approval = await db().approval.findFirstOrThrow({ where: { conversationId: chat.id } });
    expect(approval).toMatchObject({ tool: "refund_order", amount: 150, status: "pending" });
    expect(await db().toolEffect.count({ where: { conversationId: chat.id } })).toBe(0);

    llm.enqueue(
      { type: "tool_calls", calls: [{ name: "refund_order", arguments: { orderNumber: order.number, amount: 150 } }] },
      { type: "text", text: "Your $150.00 refund is done." },
    );
    const decided = await db().$transaction(async (tx) =>
      decideApproval(tx, await operator(), { approvalId: approval.id, approved: true, note: "" }),
    );
    const resumed = await turnResult(chat.id, decided.eventId, 15_000);
    expect(resumed.replies.map((r) => r.text)).toContain("Your $150.00 refund is done.");
    expect(await db().toolEffect.count({ where: { conversationId: chat.id, tool: "refund_order" } })).toBe(1);
  });

  it("calls an MCP tool over streamable HTTP with the model's arguments", async () => {
    llm.reset();
    llm.enqueue(
      { type: "tool_calls", calls: [{ name: "sku", arguments: { sku: "SKU-1" } }] },
      { type: "text", text: "The blue mug is in stock." },
    );
    const chat = await converse(LLM_FLOW, "llm-agent");
    const turn = await chat.send("Is SKU-1 in stock?");
    expect(turn.replies[0].text).toBe("The blue mug is in stock.");
    const toolMessage = llm.chatRequests()[1].body.messages.find((m: { role: string }) => m.role === "tool");
    expect(JSON.parse(toolMessage.content)).toMatchObject({ sku: "SKU-1", found: true, inStock: 12 });
  });

  it("escalates with the failed model call in the trace when the provider refuses the request", async () => {
    llm.reset();
    llm.enqueue({ type: "error", status: 400, message: "bad request" });
    const chat = await converse(LLM_FLOW, "llm-agent");
    const turn = await chat.send("hello");
    expect(turn.conversation.status).toBe("escalated");
    const failed = await db().span.findFirstOrThrow({ where: { conversationId: chat.id, kind: "llm" } });
    expect(failed.status).toBe("error");
    expect(JSON.stringify(failed)).not.toContain("sk-test-123");
  });
});

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
