// A customer's turn runs in the process that accepted the message when its conversation is free: one transaction,
// no job. A busy conversation, a caller that does not wait and a run that fails all leave the event to a worker's job.
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { sendCustomerMessage } from "@/lib/runtime/engine/commands/send-customer-message";
import { startEngineWorker } from "@/lib/interfaces/worker/start-worker";
import { enqueueTurn, publishedFlow, stopInProcessWorker, TICKET_FLOW, waitFor } from "@/tests/support/engine";

// No worker runs until a test starts one: whatever a job would do stays undone and visible.
await stopInProcessWorker();
const { workspace, flow } = await publishedFlow(TICKET_FLOW, "tickets");
const start = () => startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "api" });
const customer = { type: "customer" as const, id: null, label: "test customer" };

const jobsOf = async (eventId: string) => {
  const rows = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE payload->>'eventId' = ${eventId}`;
  return Number(rows[0].n);
};

let worker: Awaited<ReturnType<typeof startEngineWorker>> | null = null;
afterAll(async () => {
  await worker?.stop();
});

describe("a turn run where it was accepted", () => {
  it("answers from the accepting process with no worker and no job", async () => {
    const conversation = await start();
    const turn = await sendCustomerMessage({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "My parcel is lost",
      actor: customer,
      waitMs: 5_000,
    });
    expect(turn.done).toBe(true);
    expect(turn.replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Ticket T-\w+ is open\.$/)]);
    expect(await jobsOf(turn.eventId)).toBe(0);
    const event = await db().conversationEvent.findUniqueOrThrow({ where: { id: turn.eventId } });
    expect(event.status).toBe("done");
    expect(
      await db().toolEffect.count({
        where: { workspaceId: workspace.id, idempotencyKey: { startsWith: turn.eventId } },
      }),
    ).toBe(1);
  });

  it("queues behind an earlier event of the conversation, which keeps the order", async () => {
    const conversation = await start();
    // Not waited for: queued for a worker, which is not running.
    const first = await enqueueTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "first" });
    expect(await jobsOf(first)).toBe(1);
    const second = await sendCustomerMessage({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "second",
      actor: customer,
      waitMs: 200,
    });
    expect(second.done).toBe(false);
    expect(await jobsOf(second.eventId)).toBe(1);

    worker = await startEngineWorker({ concurrency: 2 });
    const done = () => db().conversationEvent.count({ where: { id: { in: [first, second.eventId] }, status: "done" } });
    await waitFor(async () => (await done()) === 2, 30_000, "both events");
    const messages = await db().message.findMany({
      where: { conversationId: conversation.id, role: "customer" },
      orderBy: { seq: "asc" },
      select: { text: true },
    });
    expect(messages.map((m) => m.text)).toEqual(["first", "second"]);
    await worker.stop();
    worker = null;
  });

  it("gives the same event id to a retried message with the same idempotency key", async () => {
    const conversation = await start();
    const send = () =>
      sendCustomerMessage({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        text: "My parcel is lost",
        actor: customer,
        idempotencyKey: "retry-after-crash",
        waitMs: 5_000,
      });
    const first = await send();
    const again = await send();
    expect(again.eventId).toBe(first.eventId);
    expect(
      await db().supportTicket.count({ where: { workspaceId: workspace.id, conversationId: conversation.id } }),
    ).toBe(1);
  });
});

describe("a turn that fails where it was accepted", () => {
  it("is recorded again with its job, under the same event id, and a worker answers it once", async () => {
    const conversation = await start();
    const messagesOf = () =>
      db().message.findMany({
        where: { conversationId: conversation.id },
        orderBy: { seq: "asc" },
        select: { role: true, text: true },
      });
    const before = await messagesOf();
    // The first write of this conversation's messages fails once: the inline run's wave. A sequence, because its
    // count survives the rollback it causes.
    await db().$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS test_fail_once`);
    await db().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."conversationId" = '${conversation.id}' AND nextval('test_fail_once') = 1 THEN
          RAISE EXCEPTION 'test: the wave write fails once';
        END IF;
        RETURN NEW;
      END $$`);
    await db().$executeRawUnsafe(
      `CREATE TRIGGER test_fail_once BEFORE INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION test_fail_once()`,
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const turn = await sendCustomerMessage({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        text: "My parcel is lost",
        actor: customer,
        waitMs: 300,
      });
      expect(turn.done).toBe(false);
      // The failed run had the id the queued event has: its side effects' idempotency keys repeat in the worker.
      expect(warn.mock.calls.map((call) => String(call[0]))).toContainEqual(
        expect.stringContaining(`Event ${turn.eventId} goes to a worker after failing where it was accepted`),
      );
      expect(await jobsOf(turn.eventId)).toBe(1);
      expect(await db().conversationEvent.count({ where: { conversationId: conversation.id } })).toBe(1);
      // Nothing of the failed run stayed: no message, no ticket, no effect.
      expect(await messagesOf()).toEqual(before);
      expect(await db().supportTicket.count({ where: { conversationId: conversation.id } })).toBe(0);

      worker = await startEngineWorker({ concurrency: 2 });
      await waitFor(
        async () => (await db().conversationEvent.findUniqueOrThrow({ where: { id: turn.eventId } })).status === "done",
        30_000,
        "the worker's run",
      );
      const after = (await messagesOf()).slice(before.length);
      expect(after.map((m) => m.role)).toEqual(["customer", "agent"]);
      expect(after[1].text).toMatch(/^Ticket T-\w+ is open\.$/);
      expect(await db().supportTicket.count({ where: { conversationId: conversation.id } })).toBe(1);
      expect(
        await db().toolEffect.count({
          where: { workspaceId: workspace.id, idempotencyKey: { startsWith: turn.eventId } },
        }),
      ).toBe(1);
    } finally {
      warn.mockRestore();
      await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_once ON "Message"`);
      await worker?.stop();
      worker = null;
    }
  });
});
