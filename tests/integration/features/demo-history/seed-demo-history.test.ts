// The first start's demo history on a test database: about 3,000 conversations over 30 days with every row the
// engine would have written, foreign keys and per-conversation order intact, the audit chain verifying, a working
// inbox today (open escalations, pending approvals), the dashboard's roll-ups refreshed, and the same rows each time.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { verifyAuditChain } from "@/lib/platform/audit/verify-chain";
import { generateHistory } from "@/lib/features/demo-history/generate-history";
import { loadHistoryContext, seedDemoHistory } from "@/lib/features/demo-history/seed-demo-history";
import { demoWorkspace } from "@/tests/support/factories";

const workspace = await demoWorkspace();
const now = new Date();
const DAY = 86_400_000;
let result: Awaited<ReturnType<typeof seedDemoHistory>>;
const auditBefore = await db().auditLog.count();

const count = (sql: string) =>
  db()
    .$queryRawUnsafe<{ n: number }[]>(sql, workspace.id)
    .then(([row]) => row.n);

beforeAll(async () => {
  result = await seedDemoHistory(workspace.id, now);
}, 120_000);

describe("the demo history", () => {
  it("has thousands of conversations over the last 30 days, on both flows and both channels", async () => {
    expect(result.conversations).toBeGreaterThan(2_500);
    expect(result.conversations).toBeLessThan(3_600);
    const conversations = await db().conversation.findMany({
      where: { workspaceId: workspace.id },
      select: { startedAt: true, flowId: true, channel: true, customerId: true, endedAt: true, updatedAt: true },
    });
    expect(conversations).toHaveLength(result.conversations);
    for (const c of conversations) {
      expect(c.startedAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 30 * DAY);
      expect(c.startedAt.getTime()).toBeLessThan(now.getTime());
      expect(c.updatedAt.getTime()).toBeGreaterThanOrEqual(c.startedAt.getTime());
      expect(c.updatedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (c.endedAt) expect(c.endedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    expect(new Set(conversations.map((c) => c.flowId)).size).toBe(2);
    expect(new Set(conversations.map((c) => c.channel))).toEqual(new Set(["web", "api"]));
    const customers = new Set(
      (await db().customer.findMany({ where: { workspaceId: workspace.id } })).map((c) => c.id),
    );
    const known = conversations.filter((c) => c.customerId);
    expect(known.length).toBeGreaterThan(conversations.length / 3);
    expect(known.length).toBeLessThan(conversations.length);
    expect(known.every((c) => customers.has(c.customerId!))).toBe(true);
  });

  it("keeps each conversation's messages, events and steps in order, inside the conversation's time", async () => {
    expect(
      await count(`SELECT count(*)::int AS n FROM (SELECT m."conversationId" FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
        WHERE c."workspaceId" = $1 GROUP BY 1 HAVING max(m.seq) <> count(*) OR min(m.seq) <> 1) x`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
        WHERE c."workspaceId" = $1 AND (m."createdAt" < c."startedAt" OR m."createdAt" > c."updatedAt")`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM "ConversationEvent" e WHERE e."workspaceId" = $1
        AND NOT (e."createdAt" <= e."startedAt" AND e."startedAt" <= e."finishedAt")`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM "Step" s JOIN "ConversationEvent" e ON e.id = s."eventId"
        WHERE e."workspaceId" = $1 AND (s.id <> s."eventId" || ':' || s.seq OR s."startedAt" < e."startedAt")`),
    ).toBe(0);
    // Every span's parent is a span, or a step (a node's span is its step), of the same conversation.
    expect(
      await count(`SELECT count(*)::int AS n FROM "Span" s LEFT JOIN "Span" p ON p.id = s."parentId"
        LEFT JOIN "Step" st ON st.id = s."parentId"
        WHERE s."workspaceId" = $1 AND s."parentId" IS NOT NULL
          AND coalesce(p."conversationId", st."conversationId") IS DISTINCT FROM s."conversationId"`),
    ).toBe(0);
    expect(await db().step.count({ where: { conversation: { workspaceId: workspace.id } } })).toBeGreaterThan(
      result.conversations * 2,
    );
  });

  it("leaves a working inbox: escalations open today, claimed and resolved, and approvals of each kind", async () => {
    const escalations = await db().escalation.groupBy({
      by: ["status"],
      where: { workspaceId: workspace.id },
      _count: { _all: true },
    });
    const of = (status: string) => escalations.find((e) => e.status === status)?._count._all ?? 0;
    // The newest ten to sixteen are still waiting (a quarter of them claimed), whatever the hour of the first start.
    expect(of("open")).toBeGreaterThanOrEqual(5);
    expect(of("open")).toBeLessThanOrEqual(16);
    expect(of("open") + of("claimed")).toBeGreaterThanOrEqual(10);
    expect(of("open") + of("claimed")).toBeLessThanOrEqual(30);
    expect(of("resolved")).toBeGreaterThan(100);
    const approvals = await db().approval.groupBy({
      by: ["status"],
      where: { workspaceId: workspace.id },
      _count: { _all: true },
    });
    expect(new Set(approvals.map((a) => a.status))).toEqual(new Set(["pending", "approved", "rejected"]));
    const reviews = await db().reviewItem.groupBy({
      by: ["status"],
      where: { workspaceId: workspace.id },
      _count: true,
    });
    expect(new Set(reviews.map((r) => r.status))).toEqual(new Set(["pending", "done"]));
    expect(await db().routingReview.count({ where: { workspaceId: workspace.id } })).toBeGreaterThan(10);
  });

  it("appends an audit trail in time order that verifies", async () => {
    const entries = await db().auditLog.findMany({
      where: { workspaceId: workspace.id },
      orderBy: { id: "asc" },
      skip: auditBefore,
      select: { at: true },
    });
    expect(entries.length).toBeGreaterThan(result.conversations * 3);
    for (let i = 1; i < entries.length; i++) expect(entries[i].at >= entries[i - 1].at).toBe(true);
    expect(entries.at(-1)!.at.getTime()).toBeLessThanOrEqual(now.getTime());
    const verified = await verifyAuditChain({ workspaceId: workspace.id });
    expect(verified.break).toBeNull();
    expect(verified.checked).toBe(await db().auditLog.count());
  });

  it("refreshes the dashboard's roll-ups over the whole month", async () => {
    const daily = await db().kpiDaily.aggregate({ where: { workspaceId: workspace.id }, _sum: { started: true } });
    expect(daily._sum.started).toBe(result.conversations);
    const days = await db().kpiDaily.groupBy({ by: ["day"], where: { workspaceId: workspace.id } });
    expect(days.length).toBeGreaterThanOrEqual(30);
  });

  it("is the same history every time for the same moment", async () => {
    const context = await loadHistoryContext(workspace.id);
    const first = generateHistory(context, now);
    const second = generateHistory(context, now);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.conversations.map((c) => c.id).sort()).toEqual(
      (await db().conversation.findMany({ where: { workspaceId: workspace.id }, select: { id: true } }))
        .map((c) => c.id)
        .sort(),
    );
  });
});
