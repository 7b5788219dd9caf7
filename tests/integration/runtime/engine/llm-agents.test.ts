// LLM agents on the real `openai` client against a local OpenAI-compatible server, with the agent × tool matrix
// enforced at run time (permissions, rate limits, approvals) and MCP tools — all through the engine. The agent serves
// customers (its order tools' links keep the default "own records" scope), so each chat is with the verified owner of
// the orders it names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { decideApproval } from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { seedUser } from "@/tests/support/factories";
import { ownerOf } from "@/tests/support/customers";
import { edge, node, permit } from "@/tests/support/flow-graph";
import {
  converse,
  llm,
  mcp,
  startAgentServices,
  stopAgentServices,
  workspace,
} from "@/tests/integration/runtime/engine/agents-and-tools-helpers";

beforeAll(startAgentServices);
afterAll(stopAgentServices);

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
    const chat = await converse(LLM_FLOW, "llm-agent", { customerId: await ownerOf(workspace.id, "A1006") });
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
    // Two orders of one customer, who is the one asking: only the limit and the missing link stop the calls.
    const customerId = await ownerOf(workspace.id, "A1006");
    const { number: second } = await db().order.findFirstOrThrow({
      where: { workspaceId: workspace.id, customerId, number: { not: "A1006" }, status: { not: "cancelled" } },
      orderBy: { number: "asc" },
    });
    llm.reset();
    llm.enqueue(
      { type: "tool_calls", calls: [{ id: "a", name: "lookup_order", arguments: { orderNumber: "A1006" } }] },
      {
        type: "tool_calls",
        calls: [
          { id: "b", name: "lookup_order", arguments: { orderNumber: second } },
          { id: "c", name: "cancel_order", arguments: { orderNumber: second } },
        ],
      },
      { type: "text", text: "I can only look up one order here." },
    );
    const chat = await converse(LLM_FLOW, "llm-agent", { customerId });
    const turn = await chat.send(`Check A1006 and ${second}, and cancel ${second}`);
    expect(turn.replies[0].text).toBe("I can only look up one order here.");
    const third = llm.chatRequests()[2];
    const toolAnswers = third.body.messages
      .filter((m: { role: string }) => m.role === "tool")
      .map((m: { content: string }) => (JSON.parse(m.content) as { error?: string }).error ?? m.content);
    expect(toolAnswers[1]).toMatch(/limit of 1 call per conversation/);
    expect(toolAnswers[2]).toMatch(/no tool named "cancel_order"/);
    expect(
      await db().order.findFirstOrThrow({ where: { workspaceId: workspace.id, number: second } }),
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
    const chat = await converse(LLM_FLOW, "llm-agent", { customerId: order.customerId });
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
