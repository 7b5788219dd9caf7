// The Live page's stream against a real Postgres and the real engine: a snapshot first, then changed rows per burst
// of notices, only the member's workspace, filters applied to updates too, and conversations that change without a
// notice (opened with a greeting, before their first event) still arrive.
import { afterEach, describe, expect, it } from "vitest";
import { listConversations, loadConversationRows } from "@/lib/features/live/list-conversations";
import { listAgentOptions } from "@/lib/features/live/live-agents";
import type { LiveFilters } from "@/lib/features/live/live-filters";
import type { LiveSnapshot, LiveUpdate } from "@/lib/features/live/live-rows";
import { openLiveStream } from "@/lib/features/live/live-stream";
import { db } from "@/lib/platform/db/client";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { publishedFlow, sendTurn } from "@/tests/support/engine";

const AGENT_FLOW: FlowGraphInput = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: { greeting: "Hi there." } },
    { id: "helper", kind: "agent", label: "Helper", position: { x: 200, y: 0 }, config: { reply: "Happy to help." } },
  ],
  edges: [{ id: "e1", source: "start", target: "helper" }],
};

const a = await publishedFlow(AGENT_FLOW, "live-a");
const b = await publishedFlow(AGENT_FLOW, "live-b");
await liveListener().ready();

type Frame = { event: string; data: unknown };

/** Reads an SSE stream into frames; `until` waits for a frame that satisfies the check. */
function reader(stream: ReadableStream<Uint8Array>) {
  const frames: Frame[] = [];
  const text = new TextDecoder();
  let buffer = "";
  const source = stream.getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await source.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += text.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(chunk)?.[1];
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        if (event && data) frames.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return {
    frames,
    async until<T>(check: (frame: Frame) => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const frame of frames) {
          const found = check(frame);
          if (found) return found;
        }
        if (Date.now() > deadline)
          throw new Error(`No frame with ${what} within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

const aborts: AbortController[] = [];
afterEach(() => aborts.splice(0).forEach((abort) => abort.abort()));

function open(workspaceId: string, filters: LiveFilters = {}, pollMs = 60_000) {
  const abort = new AbortController();
  aborts.push(abort);
  return reader(openLiveStream({ workspaceId, filters, signal: abort.signal, pollMs }));
}

const start = (flow: { workspace: { id: string }; flow: { slug: string } }, channel: "web" | "api" = "web") =>
  startConversation({ workspaceId: flow.workspace.id, flowSlug: flow.flow.slug, channel });
const say = (flow: { workspace: { id: string } }, conversationId: string, text: string) =>
  sendTurn({ workspaceId: flow.workspace.id, conversationId, text });

const rowOf =
  (id: string, check: (row: LiveUpdate["rows"][number]) => boolean = () => true) =>
  (frame: Frame) =>
    frame.event === "rows" ? (frame.data as LiveUpdate).rows.find((row) => row.id === id && check(row)) : undefined;

describe("live stream", () => {
  it("starts with a snapshot, then sends each change in its own workspace only, never another's", async () => {
    const earlier = await start(a);
    const stream = open(a.workspace.id);
    const snapshot = await stream.until((f) => f.event === "snapshot" && (f.data as LiveSnapshot), "a snapshot");
    expect(snapshot.rows.map((r) => r.id)).toContain(earlier.id);

    const mine = await start(a);
    const theirs = await start(b);
    await say(b, theirs.id, "hello from B");
    await say(a, mine.id, "hello from A");
    const row = await stream.until(
      rowOf(mine.id, (r) => r.messageCount >= 3),
      "A's conversation after its turn",
    );
    expect(row).toMatchObject({
      status: "active",
      channel: "web",
      flow: { slug: "live-a" },
      agents: ["Helper"],
      lastCustomerMessage: { text: "hello from A" },
    });
    await say(b, theirs.id, "more from B");
    await say(a, mine.id, "more from A");
    await stream.until(
      rowOf(mine.id, (r) => r.lastCustomerMessage?.text === "more from A"),
      "A's second turn",
    );
    expect(JSON.stringify(stream.frames)).not.toContain(theirs.id);
    expect(JSON.stringify(stream.frames)).not.toContain("live-b");
  });

  it("applies the filters to updates: a change that no longer matches is sent as removed", async () => {
    const conversation = await start(a);
    await say(a, conversation.id, "first");
    const webOnly = open(a.workspace.id, { channel: "web", status: "active" });
    const apiOnly = open(a.workspace.id, { channel: "api" });
    await webOnly.until((f) => f.event === "snapshot", "a snapshot");
    await apiOnly.until((f) => f.event === "snapshot", "a snapshot");

    await db().conversation.update({ where: { id: conversation.id }, data: { status: "escalated" } });
    await say(a, conversation.id, "second");
    await webOnly.until(
      (f) => f.event === "rows" && (f.data as LiveUpdate).removed.includes(conversation.id),
      "the escalated conversation removed",
    );
    await apiOnly.until(
      (f) => f.event === "rows" && (f.data as LiveUpdate).removed.includes(conversation.id),
      "the web conversation removed",
    );
    expect(
      JSON.stringify(apiOnly.frames.filter((f) => f.event === "rows").map((f) => (f.data as LiveUpdate).rows)),
    ).not.toContain(conversation.id);
  });

  it("sends a conversation that changed without a notice (opened, greeting only) on its next poll", async () => {
    const stream = open(a.workspace.id, {}, 200);
    await stream.until((f) => f.event === "snapshot", "a snapshot");
    const fresh = await start(a);
    const row = await stream.until(rowOf(fresh.id), "the new conversation");
    expect(row).toMatchObject({ messageCount: 1, lastMessage: { role: "agent", text: "Hi there." }, agents: [] });
  });
});

describe("agent filter", () => {
  it("offers each flow's agent nodes as Flow › Agent and finds the conversations they handled", async () => {
    expect(await listAgentOptions(a.workspace.id)).toEqual([{ value: "live-a:helper", label: "live-a › Helper" }]);
    const handled = await start(a);
    await say(a, handled.id, "hi");
    const untouched = await start(a);
    const agent = { flowSlug: "live-a", nodeId: "helper" };
    const { rows } = await listConversations({ workspaceId: a.workspace.id, agent });
    expect(rows.map((r) => r.id)).toContain(handled.id);
    expect(rows.map((r) => r.id)).not.toContain(untouched.id);
    expect(
      await loadConversationRows({ workspaceId: a.workspace.id, agent, flowSlug: "other", ids: [handled.id] }),
    ).toEqual([]);
    expect(await loadConversationRows({ workspaceId: b.workspace.id, ids: [handled.id] })).toEqual([]);
  });
});
