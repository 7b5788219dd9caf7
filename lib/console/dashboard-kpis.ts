// Live counts over the last few days, straight from the tables: fine for one workspace's recent conversations (the
// designer's test-run check uses it). The dashboard itself reads the roll-ups in lib/kpi, which stay fast at millions.
import "server-only";
import { db } from "@/lib/db/client";
import { NOT_TEST_CONVERSATION, TEST_CHANNEL } from "@/lib/flow/channels";
import type { KpiCounts } from "./prepare-kpis";

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
