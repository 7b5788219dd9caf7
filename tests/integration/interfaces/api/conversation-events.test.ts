import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getEvents } from "@/app/api/v1/conversations/[id]/events/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { openConversationEvents } from "@/lib/interfaces/api/conversation-events";
import { db } from "@/lib/platform/db/client";
import { LIVE_CHANNEL, type LiveNotice } from "@/lib/runtime/engine/events";
import { closeLiveListener, liveListener } from "@/lib/runtime/engine/live/live-listener";
import { demoWorkspace, seedWorkspace } from "@/tests/support/factories";
import { apiRequest, params, seedApiKey } from "./helpers";

let workspaceId: string;
let key: string;
let otherKey: string;

beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
  key = (await seedApiKey({ workspaceId })).key;
  const other = await seedWorkspace();
  otherKey = (await seedApiKey({ workspaceId: other.workspace.id })).key;
});

afterAll(async () => {
  await closeLiveListener();
});

type SseEvent = { event: string; id?: string; data: string; retry?: number; comment?: string };

/** Reads an SSE body into events. One read is outstanding at a time, so a timed-out wait loses nothing. */
class SseReader {
  readonly events: SseEvent[] = [];
  done = false;
  private buffer = "";
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  private readonly decoder = new TextDecoder();
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Waits until `predicate` holds over the events received so far, or fails after `ms`. */
  async until(predicate: (events: SseEvent[]) => boolean, ms = 5000, what = "events"): Promise<SseEvent[]> {
    const deadline = Date.now() + ms;
    while (!predicate(this.events)) {
      if (this.done) throw new Error(`stream ended before ${what}; got ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events)}`);
      this.pending ??= this.reader.read();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const result = await Promise.race([
        this.pending,
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left))),
      ]);
      clearTimeout(timer);
      if (!result) continue;
      this.pending = null;
      if (result.done) {
        this.done = true;
        continue;
      }
      this.push(this.decoder.decode(result.value, { stream: true }));
    }
    return this.events;
  }

  /** Resolves true once the stream reports done, false after `ms`. */
  async ended(ms = 3000): Promise<boolean> {
    try {
      await this.until(() => this.done, ms, "end");
      return true;
    } catch (error) {
      if (this.done) return true;
      if (error instanceof Error && error.message.startsWith("stream ended")) return true;
      return false;
    }
  }

  private push(text: string) {
    this.buffer += text;
    let at: number;
    while ((at = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      const event: SseEvent = { event: "message", data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) event.comment = line.slice(1).trim();
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event.event = value;
        else if (field === "id") event.id = value;
        else if (field === "data") data.push(value);
        else if (field === "retry") event.retry = Number(value);
      }
      event.data = data.join("\n");
      this.events.push(event);
    }
  }
}

/** The `message` events' data, with `id` replaced by the SSE event id (the seq) and the message's own id as `messageId`. */
const messages = (events: SseEvent[]) =>
  events
    .filter((e) => e.event === "message" && e.data)
    .map((e) => {
      const data = JSON.parse(e.data);
      return { ...data, id: e.id, messageId: data.id };
    });
const statuses = (events: SseEvent[]) => events.filter((e) => e.event === "status").map((e) => JSON.parse(e.data));

/** A conversation on a published demo flow with `count` messages (seq 1..count), written directly. */
async function seedConversation(count: number) {
  const flow = await db().flow.findFirstOrThrow({
    where: { workspaceId, publishedVersionId: { not: null } },
    select: { id: true, publishedVersionId: true },
  });
  return db().conversation.create({
    data: {
      workspaceId,
      flowId: flow.id,
      flowVersionId: flow.publishedVersionId!,
      channel: "api",
      waitingFor: "customer",
      currentNodeId: "ask",
      messages: {
        create: Array.from({ length: count }, (_, i) => ({
          seq: i + 1,
          role: i % 2 === 0 ? ("agent" as const) : ("customer" as const),
          author: i % 2 === 0 ? "Greeter" : null,
          senderName: i % 2 === 0 ? "Acme Assistant" : null,
          text: `message ${i + 1}`,
        })),
      },
    },
  });
}

async function addMessage(conversationId: string, seq: number, text: string) {
  return db().message.create({ data: { conversationId, seq, role: "agent", author: "Bot", text } });
}

async function notify(conversationId: string, status = "active") {
  const notice: LiveNotice = { w: workspaceId, c: conversationId, e: `evt-${Date.now()}`, s: status };
  await db().$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(notice)})`;
}

function open(
  conversationId: string,
  options: { key?: string | null; headers?: Record<string, string>; query?: string } = {},
) {
  const controller = new AbortController();
  const base = apiRequest(`/api/v1/conversations/${conversationId}/events${options.query ?? ""}`, {
    key: options.key === undefined ? key : options.key,
    headers: options.headers,
  });
  const request = new Request(base, { signal: controller.signal });
  return { controller, response: getEvents(request, params(conversationId)) };
}

const subscribed = (conversationId: string) =>
  (liveListener() as unknown as { byConversation: Map<string, Set<unknown>> }).byConversation.has(conversationId);

describe("GET /api/v1/conversations/{id}/events", () => {
  it("401 without a key, 404 for an unknown conversation or another workspace's, 400 for a bad cursor", async () => {
    const conversation = await seedConversation(1);

    const anonymous = await open(conversation.id, { key: null }).response;
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/application\/json/);
    expect((await anonymous.json()).error.code).toBe("UNAUTHENTICATED");

    const unknown = await open("no-such-conversation").response;
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: "NOT_FOUND" });

    const foreign = await open(conversation.id, { key: otherKey }).response;
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.code).toBe("NOT_FOUND");
    expect(subscribed(conversation.id)).toBe(false);

    const bad = await open(conversation.id, { query: "?after=abc" }).response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("BAD_REQUEST");
    expect(subscribed(conversation.id)).toBe(false);
  });

  it("backfills the transcript, then its status, with SSE headers", async () => {
    const conversation = await seedConversation(3);
    const { controller, response } = open(conversation.id);
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("x-ratelimit-limit")).toBeTruthy();

    const sse = new SseReader(res.body!.getReader());
    const events = await sse.until((e) => statuses(e).length === 1, 5000, "the first status");
    expect(events[0].retry).toBe(2000);
    const backfill = messages(events);
    expect(backfill.map((m) => m.id)).toEqual(["1", "2", "3"]);
    expect(backfill[0]).toMatchObject({ seq: 1, role: "agent", author: "Greeter", sender: "Acme Assistant" });
    expect(backfill[1]).toMatchObject({ seq: 2, role: "customer", author: null, sender: null, text: "message 2" });
    expect(Object.keys(JSON.parse(events.find((e) => e.id === "1")!.data)).sort()).toEqual([
      "author",
      "createdAt",
      "id",
      "role",
      "sender",
      "seq",
      "text",
    ]);
    const stored = await db().message.findMany({
      where: { conversationId: conversation.id },
      orderBy: { seq: "asc" },
      select: { id: true },
    });
    expect(backfill.map((m) => m.messageId)).toEqual(stored.map((m) => m.id));
    expect(new Date(backfill[0].createdAt).toString()).not.toBe("Invalid Date");
    // The status comes after the messages.
    expect(events.findIndex((e) => e.event === "status")).toBeGreaterThan(events.findIndex((e) => e.id === "3"));
    expect(statuses(events)[0]).toEqual({ status: "active", waitingFor: "customer", currentNodeId: "ask" });

    controller.abort();
    expect(await sse.ended()).toBe(true);
  });

  it("delivers a new message on the engine's notice, and a status change once", async () => {
    const conversation = await seedConversation(1);
    const { controller, response } = open(conversation.id);
    const sse = new SseReader((await response).body!.getReader());
    await sse.until((e) => statuses(e).length === 1, 5000, "the backfill");
    await liveListener().ready();
    expect(subscribed(conversation.id)).toBe(true);

    await addMessage(conversation.id, 2, "a new reply");
    await db().conversation.update({
      where: { id: conversation.id },
      data: { status: "escalated", waitingFor: "human" },
    });
    await notify(conversation.id, "escalated");
    const events = await sse.until((e) => statuses(e).length === 2, 5000, "the new message and status");
    const received = messages(events);
    expect(received.map((m) => m.id)).toEqual(["1", "2"]);
    // Written without a sender name (as before sender names existed): customers see the generic one.
    expect(received[1]).toMatchObject({ seq: 2, text: "a new reply", author: "Bot", sender: "Assistant" });
    expect(statuses(events)[1]).toEqual({ status: "escalated", waitingFor: "human", currentNodeId: "ask" });

    // A notice with nothing new sends nothing (no repeated messages or status).
    await notify(conversation.id, "escalated");
    await addMessage(conversation.id, 3, "third");
    await notify(conversation.id, "escalated");
    await sse.until((e) => messages(e).length === 3, 5000, "the third message");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(messages(sse.events).map((m) => m.id)).toEqual(["1", "2", "3"]);
    expect(statuses(sse.events)).toHaveLength(2);

    controller.abort();
    expect(await sse.ended()).toBe(true);
  });

  it("is woken by the notice, not only by the poll", async () => {
    const conversation = await seedConversation(0);
    const controller = new AbortController();
    const stream = await openConversationEvents({
      workspaceId,
      conversationId: conversation.id,
      afterSeq: 0,
      signal: controller.signal,
      pollMs: 600_000,
    });
    const sse = new SseReader(stream.getReader());
    await sse.until((e) => statuses(e).length === 1, 5000, "the status");
    await liveListener().ready();
    await addMessage(conversation.id, 1, "via notify");
    const sent = Date.now();
    await notify(conversation.id);
    await sse.until((e) => messages(e).length === 1, 3000, "the notified message");
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(messages(sse.events)[0]).toMatchObject({ id: "1", text: "via notify" });
    controller.abort();
    expect(await sse.ended()).toBe(true);
  });

  it("falls back to polling when a notice is missed", async () => {
    const conversation = await seedConversation(1);
    const { controller, response } = open(conversation.id);
    const sse = new SseReader((await response).body!.getReader());
    await sse.until((e) => statuses(e).length === 1, 5000, "the backfill");
    await addMessage(conversation.id, 2, "no notice for this one");
    await sse.until((e) => messages(e).length === 2, 5000, "the polled message");
    expect(messages(sse.events)[1]).toMatchObject({ id: "2", text: "no notice for this one" });
    controller.abort();
    expect(await sse.ended()).toBe(true);
  });

  it("resumes after Last-Event-ID (which wins over ?after=) or ?after=", async () => {
    const conversation = await seedConversation(5);

    const resumed = open(conversation.id, { headers: { "Last-Event-ID": "3" }, query: "?after=1" });
    const a = new SseReader((await resumed.response).body!.getReader());
    await a.until((e) => statuses(e).length === 1, 5000, "the resumed backfill");
    expect(messages(a.events).map((m) => m.id)).toEqual(["4", "5"]);
    resumed.controller.abort();

    const after = open(conversation.id, { query: "?after=4" });
    const b = new SseReader((await after.response).body!.getReader());
    await b.until((e) => statuses(e).length === 1, 5000, "the ?after backfill");
    expect(messages(b.events).map((m) => m.id)).toEqual(["5"]);
    after.controller.abort();

    const caughtUp = open(conversation.id, { headers: { "Last-Event-ID": "5" } });
    const c = new SseReader((await caughtUp.response).body!.getReader());
    await c.until((e) => statuses(e).length === 1, 5000, "the status");
    expect(messages(c.events)).toEqual([]);
    caughtUp.controller.abort();

    expect(await a.ended()).toBe(true);
    expect(await b.ended()).toBe(true);
    expect(await c.ended()).toBe(true);
  });

  it("replays long transcripts in bounded batches, in order", async () => {
    const conversation = await seedConversation(450);
    const findMany = vi.spyOn(db().message, "findMany");
    const { controller, response } = open(conversation.id);
    const sse = new SseReader((await response).body!.getReader());
    await sse.until((e) => statuses(e).length === 1, 10_000, "the long backfill");
    const ids = messages(sse.events).map((m) => Number(m.id));
    expect(ids).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(findMany.mock.calls.every(([args]) => (args?.take ?? Infinity) <= 200)).toBe(true);
    expect(findMany.mock.calls.length).toBeGreaterThanOrEqual(3);
    findMany.mockRestore();
    controller.abort();
    expect(await sse.ended()).toBe(true);
  });

  it("closes on abort: the reader ends, the listener is unsubscribed and the timers are cleared", async () => {
    const conversation = await seedConversation(1);
    const setSpy = vi.spyOn(globalThis, "setInterval");
    const clearSpy = vi.spyOn(globalThis, "clearInterval");
    try {
      const { controller, response } = open(conversation.id);
      const sse = new SseReader((await response).body!.getReader());
      await sse.until((e) => statuses(e).length === 1, 5000, "the backfill");
      expect(subscribed(conversation.id)).toBe(true);
      // The stream's poll (2 s) and heartbeat (15 s) intervals.
      const timers = setSpy.mock.results
        .filter((_, i) => [2000, 15_000].includes(setSpy.mock.calls[i][1] as number))
        .map((r) => r.value as unknown);
      expect(timers).toHaveLength(2);

      controller.abort();
      expect(await sse.ended()).toBe(true);
      expect(subscribed(conversation.id)).toBe(false);
      const cleared = clearSpy.mock.calls.map(([t]) => t as unknown);
      for (const timer of timers) expect(cleared).toContain(timer);

      // Nothing is sent after the end, even on a notice.
      await addMessage(conversation.id, 2, "after close");
      await notify(conversation.id);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(messages(sse.events).map((m) => m.id)).toEqual(["1"]);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });

  it("closes when the client cancels the body", async () => {
    const conversation = await seedConversation(1);
    const { response } = open(conversation.id);
    const reader = (await response).body!.getReader();
    const sse = new SseReader(reader);
    await sse.until((e) => statuses(e).length === 1, 5000, "the backfill");
    await reader.cancel();
    expect(subscribed(conversation.id)).toBe(false);
  });

  it("is in the OpenAPI document as text/event-stream", async () => {
    const doc = await getOpenApi(new Request("http://localhost/api/v1/openapi.json")).json();
    const op = doc.paths["/api/v1/conversations/{id}/events"].get;
    expect(op.responses["200"].content["text/event-stream"]).toBeTruthy();
    expect(op.responses["404"]).toBeTruthy();
    expect(doc.components.schemas.StreamMessage.required).toEqual(
      expect.arrayContaining(["id", "seq", "role", "author", "sender", "text", "createdAt"]),
    );
  });
});
