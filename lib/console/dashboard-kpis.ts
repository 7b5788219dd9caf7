import "server-only";
import { db } from "@/lib/db/client";
import { NOT_TEST_CONVERSATION, TEST_CHANNEL } from "@/lib/flow/channels";
import type { ConversationStatus } from "./filters";
import { prepareDailyBars, prepareFlowStatusTable, prepareKpis, type DayBar, type FlowStatusRow, type KpiCard, type KpiCounts } from "./prepare-kpis";

export const KPI_WINDOW_DAYS = 7;

export async function loadKpiCounts(workspaceId: string, now = new Date(), windowDays = KPI_WINDOW_DAYS): Promise<KpiCounts> {
  const since = new Date(now.getTime() - windowDays * 24 * 60 * 60 * 1000);
  // Designer test runs (channel "test") are not operations: excluded from every figure.
  const inWindow = { workspaceId, startedAt: { gte: since }, ...NOT_TEST_CONVERSATION };
  const liveEscalation = { workspaceId, conversation: NOT_TEST_CONVERSATION };
  const [started, resolved, active, withEscalation, messages, openEscalations, unclaimedEscalations, escalationsInWindow, breached] =
    await Promise.all([
      db().conversation.count({ where: inWindow }),
      db().conversation.count({ where: { ...inWindow, status: "resolved" } }),
      db().conversation.count({ where: { ...inWindow, status: "active" } }),
      db().conversation.count({ where: { ...inWindow, escalations: { some: {} } } }),
      db().message.count({ where: { conversation: inWindow } }),
      db().escalation.count({ where: { ...liveEscalation, status: { in: ["open", "claimed"] } } }),
      db().escalation.count({ where: { ...liveEscalation, status: "open" } }),
      db().escalation.count({ where: { ...liveEscalation, createdAt: { gte: since } } }),
      db().$queryRaw<{ inWindow: number; openNow: number }[]>`
        SELECT
          count(*) FILTER (WHERE "createdAt" >= ${since} AND COALESCE("resolvedAt", ${now}) > "slaDueAt")::int AS "inWindow",
          count(*) FILTER (WHERE status <> 'resolved' AND "slaDueAt" < ${now})::int AS "openNow"
        FROM "Escalation" e WHERE "workspaceId" = ${workspaceId}
          AND NOT EXISTS (SELECT 1 FROM "Conversation" c WHERE c.id = e."conversationId" AND c.channel = ${TEST_CHANNEL})`,
    ]);
  return {
    windowDays,
    started,
    resolved,
    active,
    withEscalation,
    messages,
    openEscalations,
    unclaimedEscalations,
    escalationsInWindow,
    breachedInWindow: Number(breached[0]?.inWindow ?? 0),
    breachedOpenNow: Number(breached[0]?.openNow ?? 0),
  };
}

export type Dashboard = {
  windowDays: number;
  cards: KpiCard[];
  byFlow: { rows: FlowStatusRow[]; totals: Record<ConversationStatus, number>; total: number };
  daily: DayBar[];
};

export async function loadDashboard(workspaceId: string, now = new Date()): Promise<Dashboard> {
  const since = new Date(now.getTime() - KPI_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [counts, groups, flows, perDay] = await Promise.all([
    loadKpiCounts(workspaceId, now),
    db().conversation.groupBy({
      by: ["flowId", "status"],
      where: { workspaceId, startedAt: { gte: since }, ...NOT_TEST_CONVERSATION },
      _count: { _all: true },
    }),
    db().flow.findMany({ where: { workspaceId }, select: { id: true, name: true } }),
    db().$queryRaw<{ day: string; count: number }[]>`
      -- Prisma stores DateTime as UTC in "timestamp without time zone", so this is the UTC day.
      SELECT to_char(date_trunc('day', "startedAt"), 'YYYY-MM-DD') AS day, count(*)::int AS count
      FROM "Conversation" WHERE "workspaceId" = ${workspaceId} AND "startedAt" >= ${since} AND channel <> ${TEST_CHANNEL}
      GROUP BY 1`,
  ]);
  return {
    windowDays: KPI_WINDOW_DAYS,
    cards: prepareKpis(counts),
    byFlow: prepareFlowStatusTable(
      groups.map((g) => ({ flowId: g.flowId, status: g.status, count: g._count._all })),
      flows,
    ),
    daily: prepareDailyBars(perDay.map((d) => ({ day: d.day, count: Number(d.count) })), KPI_WINDOW_DAYS, now),
  };
}
