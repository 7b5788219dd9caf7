// What a customer's turn costs the database on the hot path, counted (not timed): a verified customer asking about
// their order on the Retail flow, run where the message was accepted. And what the merged statements of the tool
// path must still do: refuse another customer's order without using a limit, count only calls that found an order,
// and stop at the link's per-conversation limit.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { sendTurn } from "@/tests/support/engine";
import { demoWorkspace } from "@/tests/support/factories";
import { openAsOwner, ownerOf } from "@/tests/support/customers";
import { measure } from "@/tests/support/statement-counter";
import { recallCustomerMemory, rememberFact, rememberSummary } from "@/lib/runtime/memory/customer-memory";

let workspaceId: string;
beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
});

const openAsOwnerOfA1001 = () => openAsOwner({ workspaceId, flowSlug: "retail-support", orderNumber: "A1001" });
const send = (conversationId: string, text: string) => sendTurn({ workspaceId, conversationId, text });
const said = (turn: { replies: { text: string }[] }) => turn.replies.map((r) => r.text).join(" ");

/** The lookup agent's calls logged in the conversation, which its link's per-conversation limit counts. */
const loggedLookups = (conversationId: string) =>
  db().toolCallLog.count({ where: { conversationId, agentNodeId: "order_status_agent", tool: "lookup_order" } });

const rateCounter = () =>
  db().toolRateCounter.findUnique({ where: { key: `${workspaceId}:order_status_agent:lookup_order` } });

describe("an order-status turn on the Retail flow", () => {
  it("answers in 7 statements: one transaction of 6, and the per-minute limit's own", async () => {
    const warm = await openAsOwnerOfA1001();
    await send(warm.id, "Where is my order A1001?"); // the process's first turn of the version reads its models once

    const conversation = await openAsOwnerOfA1001();
    for (const text of ["Where is my order A1001?", "And A1002?"]) {
      const turn = await measure(() => send(conversation.id, text));
      expect(said(turn.result)).toMatch(/^Order A100[12]/);
      console.log(`${text}: ${turn.statements.length} statements, ${turn.transactions} transactions`);
      // BEGIN, claim (with the customer's memory) and event, scope and count, lookup and its log, the wave's rows,
      // COMMIT; and the per-minute counter, committed at once on the side pool. No savepoint: the turn's run is
      // retried queued if it fails, and the lookup has nothing of its own to roll back.
      expect(turn.statements.length, turn.statements.join("\n")).toBeLessThanOrEqual(7);
      expect(turn.statements.filter((s) => /^BEGIN/i.test(s))).toHaveLength(1);
      expect(turn.transactions).toBe(2);
    }
    expect(await loggedLookups(conversation.id)).toBe(2);
  });
});

describe("the order lookup's merged checks", () => {
  it("refuses another customer's order as if it did not exist, logging no call and taking no per-minute call", async () => {
    const owner = await ownerOf(workspaceId, "A1001");
    const theirs = await db().order.findFirstOrThrow({
      where: { workspaceId, customerId: { not: owner } },
      orderBy: { number: "asc" },
    });
    const conversation = await openAsOwnerOfA1001();
    await send(conversation.id, "Where is my order A1001?");
    const counterBefore = await rateCounter();

    const refused = await send(conversation.id, `Where is my order ${theirs.number}?`);
    expect(said(refused)).toMatch(new RegExp(`could not find an order ${theirs.number} on your account`));
    expect(said(refused)).not.toMatch(new RegExp(theirs.status));
    const spans = await db().span.findMany({ where: { eventId: refused.eventId, kind: "tool" } });
    expect(spans.map((s) => (s.attributes as { denied?: string }).denied)).toEqual(["not_own_record"]);
    expect(await loggedLookups(conversation.id)).toBe(1);
    // Unchanged to the row: no call was taken from the tool's per-minute limit.
    expect(await rateCounter()).toEqual(counterBefore);

    // An order that does not exist asks again and is not counted either.
    const unknown = await send(conversation.id, "Where is my order A9999?");
    expect(said(unknown)).toMatch(/could not find an order A9999 on your account/);
    expect(await loggedLookups(conversation.id)).toBe(1);

    // A lookup that runs still takes its call from the per-minute limit.
    await send(conversation.id, "Where is my order A1002?");
    expect(await loggedLookups(conversation.id)).toBe(2);
    expect(await rateCounter()).not.toEqual(counterBefore);
  });

  it("counts each lookup that found an order once, and stops at the link's 10 per conversation", async () => {
    const conversation = await openAsOwnerOfA1001();
    for (let i = 1; i <= 10; i++) {
      const turn = await send(conversation.id, `Where is my order ${i % 2 ? "A1001" : "A1002"}?`);
      expect(said(turn)).toMatch(/^Order A100[12]/);
      expect(await loggedLookups(conversation.id)).toBe(i);
    }
    const eleventh = await send(conversation.id, "Where is my order A1001?");
    expect(said(eleventh)).not.toMatch(/^Order A1001/);
    const spans = await db().span.findMany({ where: { eventId: eleventh.eventId, kind: "tool" } });
    expect(spans.map((s) => (s.attributes as { denied?: string }).denied)).toEqual(["rate_limited"]);
    expect(await loggedLookups(conversation.id)).toBe(10);
  });
});

describe("the customer's memory read with the conversation", () => {
  it("is what recallCustomerMemory recalls: unexpired facts by key, the newest 10 summaries first", async () => {
    const customerId = await ownerOf(workspaceId, "A1001");
    const base = { workspaceId, customerId };
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    const conversation = await openAsOwnerOfA1001();
    const { flowId, flowVersionId } = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    const earlier = await Promise.all(
      Array.from({ length: 12 }, () =>
        db().conversation.create({ data: { workspaceId, customerId, flowId, flowVersionId }, select: { id: true } }),
      ),
    );
    await db().$transaction(async (t) => {
      await rememberFact(t, { ...base, key: "preferred.language", value: "German" });
      await rememberFact(t, { ...base, key: "a.first", value: "sorted before the other" });
      await rememberFact(t, { ...base, key: "expired.fact", value: "long gone" }, longAgo);
      for (const [i, c] of earlier.entries()) {
        await rememberSummary(t, { ...base, conversationId: c.id, summary: `Summary ${i}` }, new Date(Date.now() + i));
      }
    });
    const expected = await recallCustomerMemory(db(), base);
    expect(expected.summaries.map((s) => s.summary)).toEqual(Array.from({ length: 10 }, (_, i) => `Summary ${11 - i}`));

    await send(conversation.id, "Where is my order A1001?");
    const { state } = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    const recalled = (state as { memory: { customer: unknown } }).memory.customer;
    expect(recalled).toEqual({
      facts: expected.facts,
      summaries: expected.summaries.map((s) => ({ ...s, at: s.at.toISOString() })),
    });
    expect(Object.keys(expected.facts)).toEqual(["a.first", "preferred.language"]);
  });
});
