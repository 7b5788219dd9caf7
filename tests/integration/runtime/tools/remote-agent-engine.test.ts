// The Remote agent node through the engine, against a real local A2A agent (the SDK's server) and an LLM agent on the
// real `openai` client: a permission link lets the agent call it (spans, audit), no link means no call, the link's
// rate limit applies, on the flow's own path it answers the customer and a follow-up continues the remote context
// and task, secrets go in headers but never in the trace, and the SSRF guard blocks hosts that are not allowlisted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { clearProviderCache } from "@/lib/runtime/agents/resolve-provider";
import { db } from "@/lib/platform/db/client";
import { invokeTool } from "@/lib/runtime/engine/nodes/invoke-tool";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { createEvalRun } from "@/lib/features/evals/run-suite";
import { flowGraphSchema, type FlowGraphInput, type NodeOf } from "@/lib/model/flow/schema";
import { createModelProvider } from "@/lib/features/settings/models/create-model-provider";
import { createSecret } from "@/lib/features/settings/secrets/create-secret";
import { startA2aTestAgent, type A2aTestAgent } from "@/tests/support/a2a-test-agent";
import { publishedFlow, sendTurn, waitFor } from "@/tests/support/engine";
import { demoWorkspace, seedUser } from "@/tests/support/factories";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";
import { edge, node, permit } from "@/tests/support/flow-graph";

const workspace = await demoWorkspace();
let llm: OpenAITestServer;
let remote: A2aTestAgent;
let locked: A2aTestAgent;

beforeAll(async () => {
  llm = await startOpenAITestServer();
  remote = await startA2aTestAgent();
  locked = await startA2aTestAgent({ token: "remote-secret-456" });
  // The SSRF guard blocks loopback unless a development allowlist names the host.
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = `${process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST ?? ""},127.0.0.1:${remote.port},127.0.0.1:${locked.port}`;
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
    createSecret(tx, { workspaceId: workspace.id, input: { name: "REMOTE_TOKEN", value: "remote-secret-456" } }),
  );
});

afterAll(async () => {
  delete process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST;
  clearProviderCache();
  await llm.close();
  await remote.close();
  await locked.close();
});

async function converse(graph: FlowGraphInput, slug: string) {
  const existing = await db().flow.findFirst({ where: { workspaceId: workspace.id, slug } });
  if (!existing) await publishedFlow(graph, slug, { workspaceId: workspace.id });
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: slug,
    channel: "api",
    customerId: null,
  });
  return {
    id: conversation.id,
    send: (text: string) => sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text }),
  };
}

const llmFlow = (permission: Record<string, unknown> | null): FlowGraphInput => ({
  schemaVersion: 1,
  nodes: [
    node("start", "start", {}),
    node(
      "helper",
      "agent",
      { mode: "llm", model: "local/gpt-4o-mini", systemPrompt: "You are Acme's shipping assistant.", maxTurns: 4 },
      200,
    ),
    node("shipping_desk", "remote_agent", { cardUrl: remote.cardUrl, skill: "shipping-quote" }, 400),
  ],
  edges: [edge("start", "helper"), ...(permission ? [permit("helper", "shipping_desk", permission)] : [])],
});

const toolAnswers = (request: { body: { messages: { role: string; content: string }[] } }) =>
  request.body.messages.filter((m) => m.role === "tool").map((m) => JSON.parse(m.content) as Record<string, unknown>);

describe("an LLM agent calling a remote A2A agent", () => {
  it("calls it through its permission link with the model's message and answers from the remote reply", async () => {
    llm.reset();
    remote.reset();
    llm.enqueue(
      { type: "tool_calls", calls: [{ name: "shipping_desk", arguments: { message: "quote a parcel to Paris" } }] },
      { type: "text", text: "Shipping to Paris is $12, 3 days." },
    );
    const chat = await converse(llmFlow({}), "remote-llm");
    const turn = await chat.send("How much to ship to Paris?");
    expect(turn.replies.map((r) => r.text)).toEqual(["Shipping to Paris is $12, 3 days."]);

    const [first, second] = llm.chatRequests();
    const offered = first.body.tools.find((t: { function: { name: string } }) => t.function.name === "shipping_desk");
    expect(offered.function.parameters).toMatchObject({ required: ["message"] });
    expect(toolAnswers(second)[0]).toMatchObject({
      answer: "Shipping to Paris costs $12 and takes 3 days.",
      state: "completed",
      needsInput: false,
    });
    expect(remote.received).toHaveLength(1);
    expect(remote.received[0]).toMatchObject({
      text: "quote a parcel to Paris",
      metadata: { skill: "shipping-quote" },
    });

    const span = await db().span.findFirstOrThrow({ where: { conversationId: chat.id, kind: "tool" } });
    expect(span).toMatchObject({ name: "shipping_desk", status: "ok" });
    expect(span.attributes).toMatchObject({ source: "a2a", remoteState: "completed", agentName: "Shipping desk" });
    const called = await db().auditLog.findFirstOrThrow({
      where: { action: "tool.called", after: { path: ["tool"], equals: "shipping_desk" } },
    });
    expect(called.actorType).toBe("agent");
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(JSON.stringify(conversation.state)).toContain(remote.received[0].contextId);
  });

  it("is not offered to, and never called by, an agent without a permission link", async () => {
    llm.reset();
    remote.reset();
    llm.enqueue(
      { type: "tool_calls", calls: [{ name: "shipping_desk", arguments: { message: "quote a parcel to Rome" } }] },
      { type: "text", text: "I cannot get a quote here." },
    );
    const chat = await converse(llmFlow(null), "remote-llm-unlinked");
    const turn = await chat.send("How much to ship to Rome?");
    expect(turn.replies[0].text).toBe("I cannot get a quote here.");
    const [first, second] = llm.chatRequests();
    expect((first.body.tools ?? []).map((t: { function: { name: string } }) => t.function.name)).not.toContain(
      "shipping_desk",
    );
    expect(String(toolAnswers(second)[0]?.error ?? JSON.stringify(toolAnswers(second)))).toMatch(
      /no tool named "shipping_desk"/,
    );
    expect(remote.received).toHaveLength(0);
    expect(
      await db().auditLog.count({
        where: { action: "tool.called", metadata: { path: ["eventId"], equals: turn.eventId } },
      }),
    ).toBe(0);
  });

  it("refuses a call without a permission link at the engine's one entry point, with a denied span (audited as tool.denied)", async () => {
    remote.reset();
    const graph = flowGraphSchema.parse(llmFlow(null));
    const helper = graph.nodes.find((n) => n.id === "helper")!;
    const desk = graph.nodes.find((n) => n.id === "shipping_desk") as NodeOf<"remote_agent">;
    const ctx = {
      workspaceId: workspace.id,
      conversationId: "none",
      customerId: null,
      identity: { level: "anonymous" as const, method: null, customerId: null },
      flowVersionId: "none",
      graph,
      text: "",
      state: {},
      stepId: "step",
      signal: new AbortController().signal,
      permissionLinks: [],
      outbox: [],
    };
    const outcome = await db().$transaction((tx) =>
      invokeTool({ ...ctx, tx }, { agent: helper, tool: desk, input: { message: "quote a parcel to Rome" } }),
    );
    expect(outcome).toMatchObject({
      kind: "refused",
      code: "not_permitted",
      span: {
        kind: "tool",
        name: "shipping_desk",
        status: "error",
        attributes: { denied: "not_permitted", source: "a2a" },
      },
    });
    expect(remote.received).toHaveLength(0);
  });

  it("applies the link's rate limit: the second call in a conversation is refused and audited", async () => {
    llm.reset();
    remote.reset();
    llm.enqueue(
      {
        type: "tool_calls",
        calls: [{ id: "a", name: "shipping_desk", arguments: { message: "quote a parcel to Oslo" } }],
      },
      {
        type: "tool_calls",
        calls: [{ id: "b", name: "shipping_desk", arguments: { message: "quote a parcel to Lima" } }],
      },
      { type: "text", text: "I could quote Oslo only." },
    );
    const chat = await converse(llmFlow({ ratePerConversation: 1 }), "remote-llm-limited");
    const turn = await chat.send("Quote Oslo and Lima");
    expect(turn.replies[0].text).toBe("I could quote Oslo only.");
    const third = llm.chatRequests()[2];
    expect(String(toolAnswers(third)[1].error)).toMatch(/limit of 1 call per conversation/);
    expect(remote.received.map((m) => m.text)).toEqual(["quote a parcel to Oslo"]);
    const limited = await db().auditLog.findFirstOrThrow({
      where: { action: "tool.rate_limited", after: { path: ["tool"], equals: "shipping_desk" } },
    });
    expect(limited.actorType).toBe("agent");
    const refused = await db().span.findFirstOrThrow({
      where: { conversationId: chat.id, kind: "tool", status: "error" },
    });
    expect(refused.attributes).toMatchObject({ denied: "rate_limited" });
  });
});

describe("a remote agent on the flow's own path", () => {
  const controlFlow = (cardUrl: string, config: Record<string, unknown> = {}): FlowGraphInput => ({
    schemaVersion: 1,
    nodes: [node("start", "start", {}), node("desk", "remote_agent", { cardUrl, ...config }, 200)],
    edges: [edge("start", "desk")],
  });

  it("says the remote answer to the customer and continues the same remote context on the next turn", async () => {
    remote.reset();
    const chat = await converse(controlFlow(remote.url, { outputKey: "shipping.answer" }), "remote-control");
    const first = await chat.send("hello");
    expect(first.replies.map((r) => r.text)).toEqual(["Remote heard: hello (message 1 in this context)"]);
    const second = await chat.send("anyone there?");
    expect(second.replies.map((r) => r.text)).toEqual(["Remote heard: anyone there? (message 2 in this context)"]);
    expect(remote.received[1].contextId).toBe(remote.received[0].contextId);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.id } });
    expect(JSON.stringify(conversation.state)).toContain("Remote heard: anyone there?");
  });

  it("asks the customer when the remote agent needs input, and sends their answer to the same remote task", async () => {
    remote.reset();
    const graph = controlFlow(remote.cardUrl, { message: "quote {{message}}" });
    graph.nodes.push(node("thanks", "response", { template: "Anything else I can help with?" }, 400));
    graph.edges.push(edge("desk", "thanks"));
    const chat = await converse(graph, "remote-input-required");
    const asked = await chat.send("a parcel");
    expect(asked.replies.map((r) => r.text)).toEqual(["Where should we ship it?"]);
    const answered = await chat.send("Berlin");
    expect(answered.replies.map((r) => r.text)).toEqual([
      "Shipping to Berlin costs $12 and takes 3 days.",
      "Anything else I can help with?",
    ]);
    const [opening, followUp] = remote.received;
    expect(opening).toMatchObject({ text: "quote a parcel", taskId: null });
    expect(followUp.taskId).toBeTruthy();
    // The template framed the request; the answer to the remote agent's question goes as the customer said it.
    expect(followUp).toMatchObject({ text: "Berlin", contextId: opening.contextId });
  });

  it("sends a secret header resolved from Settings and keeps it out of the trace", async () => {
    locked.reset();
    const chat = await converse(
      controlFlow(locked.cardUrl, {
        headers: [{ name: "Authorization", value: "Bearer {{secret}}", secret: "REMOTE_TOKEN" }],
      }),
      "remote-secret-header",
    );
    const turn = await chat.send("hi");
    expect(turn.replies[0].text).toBe("Remote heard: hi (message 1 in this context)");
    expect(locked.requests.every((r) => r.authorization === "Bearer remote-secret-456")).toBe(true);
    const spans = await db().span.findMany({ where: { conversationId: chat.id } });
    expect(JSON.stringify(spans)).not.toContain("remote-secret-456");
    const draft = await db().flowVersion.findMany({
      where: { flow: { slug: "remote-secret-header", workspaceId: workspace.id } },
    });
    expect(JSON.stringify(draft)).not.toContain("remote-secret-456");
  });

  it("escalates when the remote agent fails the task, with the reason in the trace only", async () => {
    const chat = await converse(controlFlow(remote.cardUrl, { message: "fail {{message}}" }), "remote-failing");
    const turn = await chat.send("now");
    expect(turn.conversation.status).toBe("escalated");
    const span = await db().span.findFirstOrThrow({ where: { conversationId: chat.id, kind: "tool" } });
    expect(span).toMatchObject({
      status: "error",
      error: expect.stringMatching(/failed the task: The carrier system is down/),
    });
    expect(turn.replies.map((r) => r.text).join(" ")).not.toMatch(/carrier/);
  });

  it("refuses a card URL on a host that is not allowlisted (SSRF guard) and never reaches it", async () => {
    const chat = await converse(controlFlow("http://10.0.0.7/.well-known/agent-card.json"), "remote-blocked");
    const turn = await chat.send("hi");
    expect(turn.conversation.status).toBe("escalated");
    const span = await db().span.findFirstOrThrow({ where: { conversationId: chat.id, kind: "tool" } });
    expect(span).toMatchObject({ status: "error", error: expect.stringMatching(/private address/) });
    expect(turn.replies.map((r) => r.text).join(" ")).not.toMatch(/10\.0\.0\.7|private/);
  });

  it("is never called by an evaluation run when it changes data, while a real conversation calls it", async () => {
    remote.reset();
    const chat = await converse(controlFlow(remote.cardUrl, { sideEffect: true }), "remote-side-effect");
    await chat.send("book the pickup");
    expect(remote.received).toHaveLength(1);

    const flow = await db().flow.findFirstOrThrow({ where: { workspaceId: workspace.id, slug: "remote-side-effect" } });
    const suite = await db().evalSuite.create({
      data: { workspaceId: workspace.id, flowId: flow.id, name: "pickups" },
    });
    await db().evalCase.create({
      data: { suiteId: suite.id, name: "pickup", turns: ["book the pickup"], expectations: {} },
    });
    const user = await seedUser({ workspaceId: workspace.id, role: "designer" });
    const designer: Member = {
      userId: user.id,
      email: user.email,
      name: user.name,
      workspaceId: workspace.id,
      workspaceSlug: workspace.slug,
      workspaceName: workspace.name,
      role: "designer",
    };
    const { runId } = await db().$transaction((tx) =>
      createEvalRun(tx, designer, { suiteId: suite.id, target: "version", versionId: flow.publishedVersionId! }),
    );
    await waitFor(
      async () => (await db().evalRun.findUniqueOrThrow({ where: { id: runId } })).status === "done",
      60_000,
      "the eval run",
    );
    expect(remote.received).toHaveLength(1);
    const result = await db().evalCaseResult.findFirstOrThrow({ where: { runId } });
    const span = await db().span.findFirstOrThrow({ where: { conversationId: result.conversationId!, kind: "tool" } });
    expect(span).toMatchObject({
      status: "error",
      error: expect.stringContaining("not called during an evaluation run"),
    });
  });
});
