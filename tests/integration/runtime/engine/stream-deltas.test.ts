// An LLM agent's reply streams to the public chat while the model generates it (pg_notify on its own connection,
// outside the engine's transaction), ahead of the committed message it must add up to — and nothing streams where an
// output guardrail (or anything else) could still change the reply, or on the API channel. Also the public SSE route.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The stream route authorizes by the browser's resume cookie (lib/features/chat/chat-resume-token.ts).
vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));

import { GET as streamRoute } from "@/app/api/chat/[workspaceSlug]/[flowSlug]/[conversationId]/stream/route";
import { clearProviderCache } from "@/lib/runtime/agents/resolve-provider";
import { db } from "@/lib/platform/db/client";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { closeSidePool } from "@/lib/platform/db/side-pool";
import { deltasReady, subscribeDeltas, type ReplyDelta } from "@/lib/runtime/engine/live/stream-deltas";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { createModelProvider } from "@/lib/features/settings/models/create-model-provider";
import { demoWorkspace } from "@/tests/support/factories";
import { publishedFlow, sendTurn } from "@/tests/support/engine";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";
import { CookieJar, switchBrowser } from "@/tests/support/cookie-jar";
import { issueChatToken } from "@/lib/features/chat/chat-resume-token";

// The demo workspace has the orders the lookup tool finds.
const workspace = await demoWorkspace();
let llm: OpenAITestServer;

beforeAll(async () => {
  llm = await startOpenAITestServer();
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
});

afterAll(async () => {
  clearProviderCache();
  await llm.close();
  await closeSidePool();
});

const node = (id: string, kind: string, config: Record<string, unknown>, x = 0) =>
  ({ id, kind, label: id, position: { x, y: 0 }, config }) as FlowGraphInput["nodes"][number];
const edge = (source: string, target: string, sourceHandle = "out") => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  sourceHandle,
  target,
});

const agent = (model: string, extra: Record<string, unknown> = {}) =>
  node(
    "helper",
    "agent",
    { mode: "llm", model, systemPrompt: "You are Acme's assistant.", maxTurns: 4, ...extra },
    200,
  );
const flowWith = (
  model: string,
  options: { outputGuardrail?: boolean; tool?: boolean; reply?: string } = {},
): FlowGraphInput => ({
  schemaVersion: 1,
  nodes: [
    node("start", "start", {}),
    agent(model, options.reply ? { reply: options.reply } : {}),
    ...(options.outputGuardrail
      ? [
          node(
            "check",
            "guardrail",
            { stage: "output", policies: [{ type: "blocked_phrases", values: ["forbidden"] }], onViolation: "block" },
            400,
          ),
        ]
      : []),
    ...(options.tool ? [node("lookup", "tool", { source: "builtin", builtin: "lookup_order" }, 400)] : []),
  ],
  edges: [
    edge("start", "helper"),
    ...(options.outputGuardrail ? [edge("helper", "check")] : []),
    ...(options.tool
      ? [
          {
            id: "p-helper-lookup",
            kind: "tool" as const,
            source: "helper",
            sourceHandle: "tools",
            target: "lookup",
            targetHandle: "permission",
            permission: {},
          },
        ]
      : []),
  ],
});

/** Sends a message while recording, in arrival order, the deltas and the live notices of the conversation. */
async function watchTurn(flowSlug: string, graph: FlowGraphInput, text: string, channel: "web" | "api" = "web") {
  if (!(await db().flow.findFirst({ where: { workspaceId: workspace.id, slug: flowSlug } })))
    await publishedFlow(graph, flowSlug, { workspaceId: workspace.id });
  const conversation = await startConversation({ workspaceId: workspace.id, flowSlug, channel });
  const arrivals: ({ kind: "delta"; delta: ReplyDelta } | { kind: "done"; eventId: string })[] = [];
  const stopDeltas = subscribeDeltas(conversation.id, (delta) => arrivals.push({ kind: "delta", delta }));
  const stopLive = liveListener().subscribe(conversation.id, (notice) =>
    arrivals.push({ kind: "done", eventId: notice.e }),
  );
  await deltasReady();
  try {
    const turn = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text });
    // The live notice can trail the turn's own wake-up by a moment.
    const deadline = Date.now() + 5000;
    while (!arrivals.some((a) => a.kind === "done" && a.eventId === turn.eventId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 150)); // anything late would show up here
    return { conversationId: conversation.id, turn, arrivals };
  } finally {
    stopDeltas();
    stopLive();
  }
}

const deltasOf = (arrivals: Awaited<ReturnType<typeof watchTurn>>["arrivals"]) =>
  arrivals.flatMap((a) => (a.kind === "delta" ? [a.delta] : []));
/** The text of the last stream (a tool call starts a new one): what the visitor's bubble shows at the end. */
function lastStreamText(deltas: ReplyDelta[]): string {
  const last = deltas.at(-1)?.stream;
  return deltas
    .filter((d) => d.stream === last)
    .map((d) => d.text)
    .join("");
}

describe("streaming LLM agent replies to the public chat", () => {
  it("streams the reply token by token before the turn commits, adding up to the committed message", async () => {
    llm.reset();
    const reply = "Your order A1006 left our warehouse this morning and should arrive on Thursday.";
    llm.enqueue({ type: "text", text: reply, chunkDelayMs: 40 });
    const { turn, arrivals } = await watchTurn("stream-llm", flowWith("local/gpt-4o-mini"), "Where is my order?");

    expect(turn.replies.map((r) => r.text)).toEqual([reply]);
    expect(llm.chatRequests()[0].body.stream).toBe(true);
    const deltas = deltasOf(arrivals);
    expect(deltas.length).toBeGreaterThan(2); // batched (~50 ms), not one NOTIFY per token and not one at the end
    expect(deltas.length).toBeLessThan(reply.split(" ").length + 1);
    // Every delta arrived before the notice that the turn committed.
    const doneAt = arrivals.findIndex((a) => a.kind === "done" && a.eventId === turn.eventId);
    expect(doneAt).toBeGreaterThan(0);
    expect(arrivals.slice(doneAt).some((a) => a.kind === "delta")).toBe(false);
    expect(new Set(deltas.map((d) => d.eventId))).toEqual(new Set([turn.eventId]));
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => i));
    expect(deltas.every((d) => d.stepId.startsWith(`${turn.eventId}:`))).toBe(true);
    expect(lastStreamText(deltas)).toBe(reply);
  });

  it("starts a new stream after a tool call, so the bubble ends with exactly the reply", async () => {
    llm.reset();
    llm.enqueue(
      {
        type: "tool_calls",
        text: "Let me look that up. ",
        calls: [{ name: "lookup_order", arguments: { orderNumber: "A1006" } }],
      },
      { type: "text", text: "Order A1006 is on its way.", chunkDelayMs: 20 },
    );
    const { turn, arrivals } = await watchTurn(
      "stream-tool",
      flowWith("local/gpt-4o-mini", { tool: true }),
      "Where is A1006?",
    );
    expect(turn.replies.map((r) => r.text)).toEqual(["Order A1006 is on its way."]);
    const deltas = deltasOf(arrivals);
    const streams = [...new Set(deltas.map((d) => d.stream))];
    expect(streams).toHaveLength(2);
    expect(
      deltas
        .filter((d) => d.stream === streams[0])
        .map((d) => d.text)
        .join(""),
    ).toBe("Let me look that up. ");
    expect(lastStreamText(deltas)).toBe("Order A1006 is on its way.");
  });

  it("streams the offline provider's reply (no model configured) too", async () => {
    const { turn, arrivals } = await watchTurn(
      "stream-offline",
      flowWith("", { reply: "Happy to help with {{text}}." }),
      "my invoice",
    );
    const deltas = deltasOf(arrivals);
    expect(turn.replies).toHaveLength(1);
    expect(deltas.length).toBeGreaterThan(0);
    expect(lastStreamText(deltas)).toBe(turn.replies[0].text);
  });

  it("splits a long reply into notices under Postgres's 8000-byte payload limit, multi-byte characters intact", async () => {
    const long = `${"Ünïcödé 😀 text\twith\u0001 escapes. ".repeat(90)}End.`;
    const { turn, arrivals } = await watchTurn("stream-long", flowWith("", { reply: long }), "long please");
    const deltas = deltasOf(arrivals);
    expect(deltas.length).toBeGreaterThan(1);
    expect(lastStreamText(deltas)).toBe(turn.replies[0].text);
    expect(turn.replies[0].text).toContain("😀");
    let offset = 0;
    for (const delta of deltas) {
      expect(delta.offset).toBe(offset);
      offset += delta.text.length;
    }
  });

  it("streams nothing when the flow has an output guardrail: the reply is only seen once it passed", async () => {
    llm.reset();
    llm.enqueue({ type: "text", text: "This answer mentions something forbidden.", chunkDelayMs: 10 });
    const { turn, arrivals } = await watchTurn(
      "stream-guarded",
      flowWith("local/gpt-4o-mini", { outputGuardrail: true }),
      "Tell me",
    );
    expect(turn.replies.map((r) => r.text).join(" ")).not.toContain("forbidden");
    expect(deltasOf(arrivals)).toEqual([]);
    expect(arrivals.some((a) => a.kind === "done")).toBe(true);
    // The model call did not even stream.
    expect(llm.chatRequests()[0].body.stream).toBeFalsy();
  });

  it("streams nothing on the API channel (only the public chat reads deltas)", async () => {
    llm.reset();
    llm.enqueue({ type: "text", text: "An API answer." });
    const { turn, arrivals } = await watchTurn("stream-llm", flowWith("local/gpt-4o-mini"), "Hello", "api");
    expect(turn.replies.map((r) => r.text)).toEqual(["An API answer."]);
    expect(deltasOf(arrivals)).toEqual([]);
  });
});

describe("the public chat's stream route", () => {
  const call = (
    workspaceSlug: string,
    flowSlug: string,
    conversationId: string,
    signal = new AbortController().signal,
  ) =>
    streamRoute(
      new Request(`http://localhost/api/chat/${workspaceSlug}/${flowSlug}/${conversationId}/stream`, { signal }),
      {
        params: Promise.resolve({ workspaceSlug, flowSlug, conversationId }),
      },
    );

  /** A web conversation and a browser whose resume cookie opens it, as the chat page's startChat leaves them. */
  async function chatIn(flowSlug: string) {
    const { token, hash } = issueChatToken();
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug,
      channel: "web",
      chatTokenHash: hash,
    });
    const jar = switchBrowser(new CookieJar());
    jar.put(`sb_chat_${workspace.slug}_${flowSlug}`, `${conversation.id}.${token}`);
    return { conversation, jar, token };
  }

  it("is a 404 for a conversation of another flow or an unknown one", async () => {
    if (!(await db().flow.findFirst({ where: { workspaceId: workspace.id, slug: "stream-other" } })))
      await publishedFlow(flowWith(""), "stream-other", { workspaceId: workspace.id });
    if (!(await db().flow.findFirst({ where: { workspaceId: workspace.id, slug: "stream-llm" } })))
      await publishedFlow(flowWith("local/gpt-4o-mini"), "stream-llm", { workspaceId: workspace.id });
    const { conversation, jar, token } = await chatIn("stream-other");
    jar.put(`sb_chat_${workspace.slug}_stream-llm`, `${conversation.id}.${token}`);
    expect((await call(workspace.slug, "stream-llm", conversation.id)).status).toBe(404);
    expect((await call(workspace.slug, "stream-other", "nope")).status).toBe(404);
    expect((await call("no-such-workspace", "stream-other", conversation.id)).status).toBe(404);
    expect((await call(workspace.slug, "stream-other", "bad id!")).status).toBe(404);
  });

  it("is a 404 without the browser's cookie, or with a token that does not open the conversation", async () => {
    if (!(await db().flow.findFirst({ where: { workspaceId: workspace.id, slug: "stream-other" } })))
      await publishedFlow(flowWith(""), "stream-other", { workspaceId: workspace.id });
    const { conversation, jar } = await chatIn("stream-other");
    const open = async () => {
      const abort = new AbortController();
      const response = await call(workspace.slug, "stream-other", conversation.id, abort.signal);
      abort.abort();
      return response.status;
    };
    expect(await open()).toBe(200);
    jar.put(`sb_chat_${workspace.slug}_stream-other`, `${conversation.id}.${"A".repeat(43)}`);
    expect(await open()).toBe(404);
    switchBrowser(new CookieJar());
    expect(await open()).toBe(404);
    // Another conversation's cookie does not open this one either.
    await chatIn("stream-other");
    expect(await open()).toBe(404);
  });

  it("streams `delta` events while the agent generates, then `done`, and stops on abort", async () => {
    llm.reset();
    const reply = "Thanks for waiting, your refund was issued today.";
    llm.enqueue({ type: "text", text: reply, chunkDelayMs: 30 });
    if (!(await db().flow.findFirst({ where: { workspaceId: workspace.id, slug: "stream-llm" } })))
      await publishedFlow(flowWith("local/gpt-4o-mini"), "stream-llm", { workspaceId: workspace.id });
    const { conversation } = await chatIn("stream-llm");
    const abort = new AbortController();
    const response = await call(workspace.slug, "stream-llm", conversation.id, abort.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    await deltasReady();

    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let raw = "";
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        raw += decoder.decode(value, { stream: true });
        if (/event: done\n/.test(raw)) return;
      }
    })();
    const turn = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "Refund?" });
    await Promise.race([reading, new Promise((r) => setTimeout(r, 5000))]);
    abort.abort();

    const frames = raw.split("\n\n").filter((f) => f.startsWith("event: "));
    const events = frames.map((f) => ({
      event: /^event: (\w+)/.exec(f)![1],
      data: JSON.parse(/\ndata: (.*)$/m.exec(f)![1]),
    }));
    const deltas = events
      .filter((e) => e.event === "delta")
      .map((e) => e.data as { eventId: string; stepId: string; stream: string; seq: number; text: string });
    expect(raw.startsWith("retry: ")).toBe(true);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.text).join("")).toBe(reply);
    expect(deltas.every((d) => d.eventId === turn.eventId)).toBe(true);
    expect(events.at(-1)).toEqual({ event: "done", data: { eventId: turn.eventId } });
    // After the abort the stream ends (the subscription is gone).
    const after = await Promise.race([
      reader.read(),
      new Promise<{ done: boolean }>((r) => setTimeout(() => r({ done: false }), 1000)),
    ]);
    expect(after.done).toBe(true);
  });
});
