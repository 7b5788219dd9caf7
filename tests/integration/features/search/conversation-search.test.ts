// Search against Postgres (pg_trgm from the migration): a word from a transcript, an order number, an e-mail, a
// customer's name; literal wildcards; the workspace boundary; and queries that are too short or too long. Then the
// same search through the Inbox queue and the Live list, which both filter with it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { searchConversationIds } from "@/lib/features/search/conversation-search";
import { listEscalations } from "@/lib/features/inbox/list-escalations";
import { listConversations } from "@/lib/features/live/list-conversations";
import { publishedFlow, TICKET_FLOW } from "@/tests/support/engine";

const { workspace, flow } = await publishedFlow(TICKET_FLOW, "search");
const { workspace: other, flow: otherFlow } = await publishedFlow(TICKET_FLOW, "search-elsewhere");

async function customer(workspaceId: string, ref: string, name: string, email: string, orders: string[] = []) {
  const row = await db().customer.create({ data: { workspaceId, ref, name, email } });
  for (const number of orders)
    await db().order.create({
      data: {
        workspaceId,
        customerId: row.id,
        number,
        status: "shipped",
        totalCents: 1000,
        shippingAddress: {},
        placedAt: new Date(),
      },
    });
  return row;
}

async function conversation(
  into: { workspaceId: string; flowId: string },
  options: { texts?: string[]; customerId?: string; escalation?: "open" | "resolved"; channel?: string } = {},
) {
  const f = await db().flow.findUniqueOrThrow({ where: { id: into.flowId } });
  const row = await db().conversation.create({
    data: {
      workspaceId: into.workspaceId,
      flowId: f.id,
      flowVersionId: f.publishedVersionId!,
      customerId: options.customerId ?? null,
      channel: options.channel ?? "web",
      status: options.escalation === "open" ? "escalated" : "active",
      messages: { create: (options.texts ?? []).map((text, seq) => ({ seq, role: "customer" as const, text })) },
    },
  });
  if (options.escalation)
    await db().escalation.create({
      data: {
        workspaceId: into.workspaceId,
        conversationId: row.id,
        reason: "Customer asked for a person",
        slaDueAt: new Date(Date.now() + 15 * 60_000),
        status: options.escalation,
        resolvedAt: options.escalation === "resolved" ? new Date() : null,
      },
    });
  return row.id;
}

const here = { workspaceId: workspace.id, flowId: flow.id };
const jane = await customer(workspace.id, "C-9001", "Jane Marlowe", "Jane.Marlowe@example.com", ["A1002"]);
const omar = await customer(workspace.id, "C-9002", "Omar Quill", "omar@example.com", ["A10021"]);
const ids = {
  parcel: await conversation(here, { texts: ["Hello", "My parcel never arrived"], escalation: "open" }),
  janeOrder: await conversation(here, { texts: ["Hi"], customerId: jane.id, escalation: "resolved" }),
  omar: await conversation(here, { texts: ["Hello there"], customerId: omar.id }),
  mentionsOrder: await conversation(here, { texts: ["where is a1002?"] }),
  percent: await conversation(here, { texts: ["I got 100% of my refund"] }),
  testRun: await conversation(here, { texts: ["parcel from a test run"], channel: "test" }),
  elsewhere: await conversation(
    { workspaceId: other.id, flowId: otherFlow.id },
    { texts: ["My parcel never arrived either"], escalation: "open" },
  ),
};
const sorted = (list: string[]) => [...list].sort();

describe("searchConversationIds", () => {
  it("finds a word from a transcript, in part and in any case, inside the workspace only", async () => {
    expect(await searchConversationIds(workspace.id, "PARCEL")).toEqual([ids.parcel]);
    expect(await searchConversationIds(workspace.id, "arriv")).toEqual([ids.parcel]);
    expect(await searchConversationIds(other.id, "parcel")).toEqual([ids.elsewhere]);
  });

  it("finds an order number's customer exactly, and transcripts that mention it", async () => {
    expect(sorted(await searchConversationIds(workspace.id, "a1002"))).toEqual(
      sorted([ids.janeOrder, ids.mentionsOrder]),
    );
    // A1002 is not A10021: Omar's order does not match.
    expect(await searchConversationIds(workspace.id, "A10021")).toEqual([ids.omar]);
  });

  it("finds a customer by their whole e-mail in any case, by part of it, by name and by number", async () => {
    expect(await searchConversationIds(workspace.id, "jane.marlowe@EXAMPLE.com")).toEqual([ids.janeOrder]);
    expect(sorted(await searchConversationIds(workspace.id, "@example.com"))).toEqual(
      sorted([ids.janeOrder, ids.omar]),
    );
    expect(await searchConversationIds(workspace.id, "quill")).toEqual([ids.omar]);
    expect(await searchConversationIds(workspace.id, "C-9001")).toEqual([ids.janeOrder]);
  });

  it("treats % and _ literally and finds nothing for a query that matches nothing", async () => {
    expect(await searchConversationIds(workspace.id, "100%")).toEqual([ids.percent]);
    // Unescaped, "%%" and "__" would match every conversation.
    expect(await searchConversationIds(workspace.id, "%%")).toEqual([]);
    expect(await searchConversationIds(workspace.id, "__")).toEqual([]);
    expect(await searchConversationIds(workspace.id, "zebra crossing")).toEqual([]);
  });

  it("rejects a query that is too short or too long with a clear error", async () => {
    await expect(searchConversationIds(workspace.id, " a ")).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: "Type at least 2 characters to search.",
    });
    await expect(searchConversationIds(workspace.id, "x".repeat(201))).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: "A search can be at most 200 characters.",
    });
  });
});

describe("the Inbox queue with q", () => {
  it("keeps only the escalations of conversations the search finds, pending and resolved", async () => {
    const parcel = await listEscalations({ workspaceId: workspace.id, q: "parcel" });
    expect(parcel.pending.map((e) => e.conversation.id)).toEqual([ids.parcel]);
    expect(parcel.resolved).toEqual([]);
    const order = await listEscalations({ workspaceId: workspace.id, q: "A1002" });
    expect(order.pending).toEqual([]);
    expect(order.resolved.map((e) => e.conversation.id)).toEqual([ids.janeOrder]);
    expect((await listEscalations({ workspaceId: workspace.id, q: "parcel", status: "resolved" })).resolved).toEqual(
      [],
    );
    expect((await listEscalations({ workspaceId: workspace.id, q: "no such thing" })).pending).toEqual([]);
  });
});

describe("the Live list with q", () => {
  it("lists and counts only matching conversations, designer test runs left out", async () => {
    const { rows, total, hasMore } = await listConversations({ workspaceId: workspace.id, q: "parcel" });
    expect(rows.map((r) => r.id)).toEqual([ids.parcel]);
    expect({ total, hasMore }).toEqual({ total: 1, hasMore: false });
  });
});
