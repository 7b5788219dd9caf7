// The engine as a payments system would be judged: no conversation lost, no side effect applied twice, messages of
// one conversation processed one at a time and in order — including when a worker process is killed mid-load.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import {
  enqueueTurn,
  publishedFlow,
  sendTurn,
  spawnWorkerProcess,
  stopInProcessWorker,
  TICKET_FLOW,
  waitFor,
} from "@/tests/support/engine";

const { workspace, flow } = await publishedFlow(TICKET_FLOW, "tickets");
const start = () => startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "api" });

async function transcript(conversationId: string) {
  const messages = await db().message.findMany({
    where: { conversationId },
    orderBy: { seq: "asc" },
    select: { role: true, text: true },
  });
  return messages.map((m) => `${m.role}: ${m.text}`);
}

/** Every applied side effect has its own ledger row, and there is exactly one per processed message. */
async function ledger() {
  const [effects, tickets, distinctKeys] = await Promise.all([
    db().toolEffect.count({ where: { workspaceId: workspace.id } }),
    db().supportTicket.count({ where: { workspaceId: workspace.id } }),
    db().toolEffect.groupBy({ by: ["idempotencyKey"], where: { workspaceId: workspace.id } }),
  ]);
  return { effects, tickets, distinctKeys: distinctKeys.length };
}

describe("the engine under duplicates and concurrency", () => {
  it("processes the same message sent twice with one idempotencyKey once", async () => {
    const conversation = await start();
    const before = await ledger();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        sendTurn({
          workspaceId: workspace.id,
          conversationId: conversation.id,
          text: "My parcel is lost",
          idempotencyKey: "retry-1",
        }),
      ),
    );
    expect(new Set(results.map((r) => r.eventId)).size).toBe(1);
    expect(
      results.every((r) => r.replies.map((m) => m.text).join() === results[0].replies.map((m) => m.text).join()),
    ).toBe(true);
    expect(await transcript(conversation.id)).toEqual([
      "agent: Hi, tell me what happened.",
      "customer: My parcel is lost",
      expect.stringMatching(/^agent: Ticket T-\w+ is open\.$/),
    ]);
    const after = await ledger();
    expect(after.effects - before.effects).toBe(1);
    expect(after.tickets - before.tickets).toBe(1);
    // The same key with another text is a conflict, not a second message.
    await expect(
      sendTurn({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        text: "Something else",
        idempotencyKey: "retry-1",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("processes concurrent messages to one conversation one at a time, in the order they were accepted", async () => {
    const conversation = await start();
    const texts = Array.from({ length: 8 }, (_, i) => `message ${i + 1}`);
    // Accepted one after another, but sent without waiting for any reply.
    const eventIds: string[] = [];
    for (const text of texts)
      eventIds.push(await enqueueTurn({ workspaceId: workspace.id, conversationId: conversation.id, text }));
    await waitFor(
      async () =>
        (await db().conversationEvent.count({ where: { id: { in: eventIds }, status: "done" } })) === texts.length,
      30_000,
      "all messages",
    );

    const lines = await transcript(conversation.id);
    expect(lines.filter((line) => line.startsWith("customer:"))).toEqual(texts.map((t) => `customer: ${t}`));
    // Each message is directly followed by its own reply: no interleaving.
    for (let i = 0; i < texts.length; i++) {
      const at = lines.indexOf(`customer: ${texts[i]}`);
      expect(lines[at + 1]).toMatch(/^agent: Ticket T-\w+ is open\.$/);
    }
    // Runs never overlapped: each event's run span starts after the previous one ended.
    const runs = await db().span.findMany({
      where: { conversationId: conversation.id, kind: "run" },
      orderBy: { startedAt: "asc" },
    });
    expect(runs.map((r) => r.eventId)).toEqual(eventIds);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].startedAt.getTime()).toBeGreaterThanOrEqual(
        runs[i - 1].startedAt.getTime() + Math.floor(runs[i - 1].durationMs),
      );
    }
  });
});

describe("a worker killed with SIGKILL in the middle of the load", () => {
  it("loses no conversation and applies no side effect twice once another worker takes over", async () => {
    await stopInProcessWorker();
    const before = await ledger();
    const conversations = await Promise.all(Array.from({ length: 30 }, () => start()));
    const messages = ["I was charged twice", "Also the box was damaged", "Please call me back"];
    const eventIds: string[] = [];
    for (const text of messages) {
      for (const conversation of conversations)
        eventIds.push(await enqueueTurn({ workspaceId: workspace.id, conversationId: conversation.id, text }));
    }
    const done = () => db().conversationEvent.count({ where: { id: { in: eventIds }, status: "done" } });

    const first = spawnWorkerProcess();
    await waitFor(async () => (await done()) >= 15, 60_000, "the first worker to get going");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const doneAtKill = await done();
    expect(doneAtKill).toBeLessThan(eventIds.length); // it died with work left

    const second = spawnWorkerProcess();
    try {
      await waitFor(async () => (await done()) === eventIds.length, 90_000, "every event after the restart");
    } finally {
      second.kill("SIGTERM");
      await new Promise((resolve) => second.once("exit", resolve));
    }
    // The dead worker's locks were released by the survivor (not by graphile-worker's four-hour timeout).
    expect((second as unknown as { output: () => string }).output()).toMatch(/released the jobs of \d+ stopped worker/);

    // None lost: every conversation has all three messages, each answered once, in order.
    for (const conversation of conversations) {
      const lines = await transcript(conversation.id);
      expect(lines.filter((l) => l.startsWith("customer:"))).toEqual(messages.map((m) => `customer: ${m}`));
      expect(lines.filter((l) => /^agent: Ticket T-\w+ is open\.$/.test(l))).toHaveLength(3);
      expect(
        await db().conversation.findUniqueOrThrow({ where: { id: conversation.id }, select: { status: true } }),
      ).toEqual({ status: "active" });
    }
    // No side effect twice: one ledger row and one ticket per message, each under its own key.
    const after = await ledger();
    expect(after.effects - before.effects).toBe(eventIds.length);
    expect(after.tickets - before.tickets).toBe(eventIds.length);
    expect(after.distinctKeys).toBe(after.effects);
    // And no step twice: every event's steps are numbered 1..n without gaps.
    const steps = await db().step.findMany({
      where: { eventId: { in: eventIds } },
      orderBy: { seq: "asc" },
      select: { eventId: true, seq: true, nodeId: true },
    });
    const byEvent = new Map<string, string[]>();
    for (const step of steps)
      byEvent.set(step.eventId!, [...(byEvent.get(step.eventId!) ?? []), `${step.seq}:${step.nodeId}`]);
    for (const id of eventIds) expect(byEvent.get(id)).toEqual(["1:start", "2:note", "3:ticket", "4:confirm"]);
  }, 180_000);
});
