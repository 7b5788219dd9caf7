// Live's keyset pages against Postgres: every conversation exactly once across the pages, in the list's order, with
// ties on the last activity broken by id; a page after its cursor is the same whatever becomes active meanwhile.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { listConversations } from "@/lib/features/live/list-conversations";
import { parseLiveCursor } from "@/lib/features/live/live-filters";
import { publishedFlow, TICKET_FLOW } from "@/tests/support/engine";

const { workspace, flow } = await publishedFlow(TICKET_FLOW, "paging");
const version = (await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).publishedVersionId!;
const base = Date.parse("2026-11-21T10:00:00.000Z");

async function conversationAt(offsetMs: number, status: "active" | "resolved" = "active") {
  const row = await db().conversation.create({
    data: { workspaceId: workspace.id, flowId: flow.id, flowVersionId: version, status },
  });
  // Set after the insert: Prisma stamps updatedAt itself.
  await db().$executeRaw`UPDATE "Conversation" SET "updatedAt" = ${new Date(base + offsetMs)} WHERE id = ${row.id}`;
  return { id: row.id, at: base + offsetMs };
}

// Three share one instant, so a page boundary falls inside the tie.
const created = [
  await conversationAt(0),
  await conversationAt(1000),
  await conversationAt(2000),
  await conversationAt(2000),
  await conversationAt(2000, "resolved"),
  await conversationAt(3000),
  await conversationAt(4000, "resolved"),
];
const expected = [...created].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((c) => c.id);

async function allPages(options: { limit: number; status?: "active" }) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listConversations({ workspaceId: workspace.id, ...options, cursor: parseLiveCursor(cursor) });
    pages.push(page.rows.map((r) => r.id));
    if (!page.hasMore) return { pages, total: page.total };
    cursor = page.rows.at(-1)!.cursor;
  }
}

describe("Live keyset pages", () => {
  it("return every conversation once, most recent first, ties by id, across page boundaries inside a tie", async () => {
    const { pages, total } = await allPages({ limit: 3 });
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(expected);
    expect(total).toBe(7);
    // One row per page walks the tie one id at a time.
    expect((await allPages({ limit: 1 })).pages.flat()).toEqual(expected);
  });

  it("apply the filters on every page", async () => {
    const active = created.filter((_, i) => i !== 4 && i !== 6).map((c) => c.id);
    const { pages } = await allPages({ limit: 2, status: "active" });
    expect(pages.flat()).toEqual(expected.filter((id) => active.includes(id)));
  });

  it("keep a later page stable while conversations become active or start", async () => {
    const first = await listConversations({ workspaceId: workspace.id, limit: 3 });
    const cursor = parseLiveCursor(first.rows.at(-1)!.cursor);
    const before = await listConversations({ workspaceId: workspace.id, limit: 3, cursor });
    await conversationAt(9000);
    // The oldest conversation becomes the most recent: it leaves the later pages, nothing else moves.
    await db()
      .$executeRaw`UPDATE "Conversation" SET "updatedAt" = ${new Date(base + 10_000)} WHERE id = ${created[0].id}`;
    const after = await listConversations({ workspaceId: workspace.id, limit: 3, cursor });
    expect(after.rows.map((r) => r.id)).toEqual(before.rows.map((r) => r.id).filter((id) => id !== created[0].id));
  });
});
