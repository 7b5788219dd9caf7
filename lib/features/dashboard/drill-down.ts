// The conversations behind a dashboard figure: the same filters plus the clicked dimension (a day, a node, a model,
// an outcome), newest first, a page at a time. Reads Conversation through its (workspaceId, startedAt) index with a
// LIMIT; never aggregates.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { addDays, filtersWindow, utcDay, type Drill, type KpiFilters } from "./filters";
import type { Period } from "./time-window";
import { spanModelSql } from "./span-model-sql";

export const DRILL_PAGE_SIZE = 50;

export type DrillConversation = {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  status: string;
  channel: string;
  flowName: string;
  versionNumber: number | null;
  customerName: string | null;
  escalations: number;
};

/**
 * The page's conversation ids. Raw SQL so that Postgres walks the (workspaceId, startedAt) index newest first and
 * checks the drill condition per candidate row with an index lookup, stopping once the page is full: the conditions
 * are scalar subqueries on purpose, because an EXISTS would be turned into a semi-join that reads every step or span
 * of the workspace first.
 */
function drillIdsSql(
  workspaceId: string,
  f: KpiFilters,
  drill: Drill,
  limit: number,
  offset: number,
  period?: Period,
): Prisma.Sql {
  const from = drill?.kind === "day" ? drill.day : f.from;
  const to = drill?.kind === "day" ? drill.day : f.to;
  const parts = [
    Prisma.sql`c."workspaceId" = ${workspaceId}`,
    period
      ? Prisma.sql`c."startedAt" >= ${period.start.toISOString()}::timestamp AND c."startedAt" < ${period.end.toISOString()}::timestamp`
      : Prisma.sql`c."startedAt" >= ${from}::date AND c."startedAt" < ${addDays(to, 1)}::date`,
    f.channel ? Prisma.sql`c.channel = ${f.channel}` : Prisma.sql`c.channel <> ${TEST_CHANNEL}`,
  ];
  if (f.flowId) parts.push(Prisma.sql`c."flowId" = ${f.flowId}`);
  if (f.versionId) parts.push(Prisma.sql`c."flowVersionId" = ${f.versionId}`);
  const escalation = (condition: Prisma.Sql) =>
    Prisma.sql`(SELECT true FROM "Escalation" e WHERE e."conversationId" = c.id AND ${condition} LIMIT 1)`;
  if (drill?.kind === "node") {
    parts.push(
      Prisma.sql`(SELECT true FROM "Step" s WHERE s."conversationId" = c.id AND s."nodeId" = ${drill.nodeId} LIMIT 1) IS NOT NULL`,
    );
  } else if (drill?.kind === "model") {
    parts.push(
      Prisma.sql`(SELECT true FROM "Span" s WHERE s."conversationId" = c.id AND s.kind = 'llm' AND ${Prisma.raw(spanModelSql("s"))} = ${drill.model} LIMIT 1) IS NOT NULL`,
    );
  } else if (drill?.kind === "outcome") {
    switch (drill.outcome) {
      case "resolved":
      case "abandoned":
      case "failed":
        parts.push(Prisma.sql`c.status = ${drill.outcome}::"ConversationStatus"`);
        break;
      case "contained":
        parts.push(Prisma.sql`c.status = 'resolved'::"ConversationStatus" AND ${escalation(Prisma.sql`true`)} IS NULL`);
        break;
      case "escalated":
        parts.push(Prisma.sql`${escalation(Prisma.sql`true`)} IS NOT NULL`);
        break;
      case "sla_breached":
        // The same rule as the SLA-breaches KPI (refresh-rollups.ts).
        parts.push(
          Prisma.sql`${escalation(Prisma.sql`(e."slaBreachedAt" IS NOT NULL OR e."firstResponseAt" > e."slaDueAt")`)} IS NOT NULL`,
        );
        break;
    }
  }
  return Prisma.sql`SELECT c.id FROM "Conversation" c WHERE ${Prisma.join(parts, " AND ")} ORDER BY c."startedAt" DESC LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * Shrinks the date range to the days the roll-ups say have matching conversations, so that an old version (or a
 * quiet flow) does not make the index walk step over weeks of other conversations first. Days from yesterday on are
 * kept whatever the roll-up says: it may be up to a minute behind.
 */
async function narrowToActiveDays(workspaceId: string, f: KpiFilters): Promise<KpiFilters> {
  const parts = [
    Prisma.sql`"workspaceId" = ${workspaceId}`,
    Prisma.sql`day BETWEEN ${f.from}::date AND ${f.to}::date`,
    Prisma.sql`started > 0`,
  ];
  if (f.flowId) parts.push(Prisma.sql`"flowId" = ${f.flowId}`);
  if (f.versionId) parts.push(Prisma.sql`"flowVersionId" = ${f.versionId}`);
  if (f.channel) parts.push(Prisma.sql`channel = ${f.channel}`);
  const [row] = await db().$queryRaw<{ first: string | null; last: string | null }[]>`
    SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last FROM "KpiDaily" WHERE ${Prisma.join(parts, " AND ")}`;
  const recent = addDays(utcDay(new Date()), -1);
  const from = row?.first && row.first > f.from && row.first < recent ? row.first : f.from;
  const to = row?.last && row.last < f.to && row.last < recent ? row.last : f.to;
  return { ...f, from, to: to < from ? from : to };
}

/**
 * `now` places a relative range of hours (the conversations it lists are the ones its figures counted); a window
 * drill (one bucket of an hourly chart) lists that bucket's conversations.
 */
export async function listDrillConversations(
  workspaceId: string,
  f: KpiFilters,
  drill: Drill,
  page = 1,
  now = new Date(),
): Promise<{ rows: DrillConversation[]; page: number; hasMore: boolean }> {
  const current = Math.max(1, Math.min(1000, Math.floor(page) || 1));
  // A day outside the filters' range has nothing to show (the link came from another range).
  if (drill?.kind === "day" && (drill.day < f.from || drill.day > f.to))
    return { rows: [], page: current, hasMore: false };
  const w = filtersWindow(f, now);
  const period: Period | undefined =
    drill?.kind === "window"
      ? { start: new Date(drill.since), end: new Date(drill.until) }
      : w.bucket !== "day" && drill?.kind !== "day"
        ? w.current
        : undefined;
  const range = drill?.kind === "day" || period ? f : await narrowToActiveDays(workspaceId, f);
  const ids = (
    await db().$queryRaw<{ id: string }[]>(
      drillIdsSql(workspaceId, range, drill, DRILL_PAGE_SIZE + 1, (current - 1) * DRILL_PAGE_SIZE, period),
    )
  ).map((r) => r.id);
  const found = await db().conversation.findMany({
    where: { workspaceId, id: { in: ids.slice(0, DRILL_PAGE_SIZE) } },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      status: true,
      channel: true,
      flow: { select: { name: true } },
      flowVersion: { select: { number: true } },
      customer: { select: { name: true } },
      _count: { select: { escalations: true } },
    },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.slice(0, DRILL_PAGE_SIZE).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return {
    page: current,
    hasMore: ids.length > DRILL_PAGE_SIZE,
    rows: rows.map((r) => ({
      id: r.id,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      status: r.status,
      channel: r.channel,
      flowName: r.flow.name,
      versionNumber: r.flowVersion.number,
      customerName: r.customer?.name ?? null,
      escalations: r._count.escalations,
    })),
  };
}
