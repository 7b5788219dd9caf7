import "server-only";
import { handoffView } from "@/lib/features/conversations/handoff-view";
import { db } from "@/lib/platform/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import type { InboxFilters } from "@/lib/features/inbox/inbox-filters";
import type { EscalationStatus } from "@/lib/features/list-filters";
import { conversationMatchIdsSql } from "@/lib/features/search/conversation-search";

export const RESOLVED_SHOWN = 50;
export const PENDING_SHOWN = 500;

export type EscalationRow = {
  id: string;
  status: EscalationStatus;
  reason: string;
  queue: string;
  priority: number;
  createdAt: Date;
  slaDueAt: Date;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  assignee: string | null;
  assigneeId: string | null;
  skills: string[];
  slaBreachedAt: Date | null;
  /** Set when an external contact centre handles it (a handoff endpoint) instead of the inbox. */
  handoff: { endpoint: string; externalRef: string | null } | null;
  conversation: { id: string; status: string; flowName: string; flowSlug: string; customerName: string | null };
  lastCustomerMessage: { text: string; createdAt: Date } | null;
};

const select = {
  id: true,
  status: true,
  reason: true,
  queue: true,
  priority: true,
  createdAt: true,
  slaDueAt: true,
  claimedAt: true,
  resolvedAt: true,
  assigneeId: true,
  skills: true,
  slaBreachedAt: true,
  handoffEndpointId: true,
  externalRef: true,
  handoffEndpoint: { select: { name: true } },
  assignee: { select: { name: true, email: true } },
  conversation: {
    select: {
      id: true,
      status: true,
      flow: { select: { name: true, slug: true } },
      customer: { select: { name: true } },
      messages: {
        where: { role: "customer" },
        orderBy: { seq: "desc" },
        take: 1,
        select: { text: true, createdAt: true },
      },
    },
  },
} satisfies Prisma.EscalationSelect;

type Selected = Prisma.EscalationGetPayload<{ select: typeof select }>;

function toRow(e: Selected): EscalationRow {
  return {
    id: e.id,
    status: e.status,
    reason: e.reason,
    queue: e.queue,
    priority: e.priority,
    createdAt: e.createdAt,
    slaDueAt: e.slaDueAt,
    claimedAt: e.claimedAt,
    resolvedAt: e.resolvedAt,
    assignee: e.assignee ? e.assignee.name || e.assignee.email : null,
    assigneeId: e.assigneeId,
    skills: e.skills,
    slaBreachedAt: e.slaBreachedAt,
    handoff: handoffView(e),
    conversation: {
      id: e.conversation.id,
      status: e.conversation.status,
      flowName: e.conversation.flow.name,
      flowSlug: e.conversation.flow.slug,
      customerName: e.conversation.customer?.name ?? null,
    },
    lastCustomerMessage: e.conversation.messages[0] ?? null,
  };
}

/**
 * Not a designer test run, as a condition over `e`: an anti-join on the small partial index of test conversations
 * (migration 20261212090000_test_conversation_index). Joining the conversation to read its channel instead cost a
 * scan of every conversation per query.
 */
export const NOT_TEST_ESCALATION = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Conversation" tc WHERE tc.id = e."conversationId" AND tc.channel = ${TEST_CHANNEL})`;

/**
 * The filters as SQL over `e` (Escalation) alone; `viewerId` is whose "mine" means, `now` decides which SLAs have
 * passed. SQL rather than a Prisma condition so the search (lib/features/search/) joins in the same statement,
 * however many conversations it matches.
 */
export function escalationSql(
  workspaceId: string,
  filters: InboxFilters,
  viewerId: string | null,
  now: Date,
): Prisma.Sql {
  const and = [Prisma.sql`e."workspaceId" = ${workspaceId}`, NOT_TEST_ESCALATION];
  if (filters.flow)
    and.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Conversation" fc JOIN "Flow" ff ON ff.id = fc."flowId" WHERE fc.id = e."conversationId" AND ff.slug = ${filters.flow})`,
    );
  if (filters.queue) and.push(Prisma.sql`e.queue = ${filters.queue}`);
  if (filters.reason) and.push(Prisma.sql`e.reason = ${filters.reason}`);
  if (filters.priority) and.push(Prisma.sql`e.priority = ${filters.priority}`);
  if (filters.skill) and.push(Prisma.sql`${filters.skill} = ANY(e.skills)`);
  if (filters.owner === "unassigned") and.push(Prisma.sql`e."assigneeId" IS NULL`);
  // "Mine" without a viewer (cannot happen from a page) matches nothing rather than everything.
  if (filters.owner === "mine") and.push(Prisma.sql`e."assigneeId" = ${viewerId ?? "-"}`);
  // Breached: the SLA timer marked it, or it is still waiting past its due time.
  if (filters.breached)
    and.push(
      Prisma.sql`(e."slaBreachedAt" IS NOT NULL OR (e.status IN ('open', 'claimed') AND e."slaDueAt" < ${now}))`,
    );
  // The escalation is the workspace's, so its conversation is too (conversationMatchIdsSql's condition).
  if (filters.q) and.push(Prisma.sql`e."conversationId" IN (${conversationMatchIdsSql(workspaceId, filters.q)})`);
  return Prisma.join(and, " AND ");
}

/** The ids in the list's order, then their rows in one Prisma read, put back in that order. */
async function escalationRows(where: Prisma.Sql, orderBy: Prisma.Sql, limit: number): Promise<EscalationRow[]> {
  const ids = await db().$queryRaw<{ id: string }[]>`
    SELECT e.id FROM "Escalation" e WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`;
  if (ids.length === 0) return [];
  const rows = await db().escalation.findMany({ where: { id: { in: ids.map((row) => row.id) } }, select });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap(({ id }) => (byId.has(id) ? [toRow(byId.get(id)!)] : []));
}

/**
 * Open and claimed first (most urgent: priority, then SLA due), then the most recently resolved. With `q`, only the
 * escalations of conversations the search finds; a `q` that is too short or too long throws a VALIDATION AppError.
 */
export async function listEscalations(
  options: { workspaceId: string; viewerId?: string; now?: Date } & InboxFilters,
): Promise<{ pending: EscalationRow[]; resolved: EscalationRow[]; queues: string[] }> {
  const { workspaceId, viewerId, now, ...filters } = options;
  const base = escalationSql(workspaceId, filters, viewerId ?? null, now ?? new Date());
  const wantPending = !options.status || options.status !== "resolved";
  const wantResolved = !options.status || options.status === "resolved";
  const pendingStatus =
    options.status && options.status !== "resolved"
      ? Prisma.sql`e.status = ${options.status}::"EscalationStatus"`
      : Prisma.sql`e.status IN ('open', 'claimed')`;
  const [pending, resolved, queues] = await Promise.all([
    wantPending
      ? escalationRows(
          Prisma.sql`${base} AND ${pendingStatus}`,
          Prisma.sql`e.priority ASC, e."slaDueAt" ASC, e.id ASC`,
          PENDING_SHOWN,
        )
      : Promise.resolve([]),
    wantResolved
      ? escalationRows(
          Prisma.sql`${base} AND e.status = 'resolved'`,
          Prisma.sql`e."resolvedAt" DESC NULLS LAST, e."createdAt" DESC, e.id DESC`,
          RESOLVED_SHOWN,
        )
      : Promise.resolve([]),
    db().$queryRaw<{ queue: string }[]>`
      SELECT DISTINCT e.queue FROM "Escalation" e
      WHERE e."workspaceId" = ${workspaceId} AND ${NOT_TEST_ESCALATION} ORDER BY e.queue LIMIT 100`,
  ]);
  return { pending, resolved, queues: queues.map((q) => q.queue) };
}

export type EscalationFacets = { flows: { slug: string; name: string }[]; reasons: string[]; skills: string[] };

/** The values the filter bar offers: flows, reasons and skills that occur in this workspace's escalations. */
export async function listEscalationFacets(workspaceId: string): Promise<EscalationFacets> {
  const [flows, reasons, skills] = await Promise.all([
    db().$queryRaw<{ slug: string; name: string }[]>`
      SELECT f.slug, f.name FROM "Flow" f
      WHERE f."workspaceId" = ${workspaceId} AND EXISTS (
        SELECT 1 FROM "Escalation" e JOIN "Conversation" c ON c.id = e."conversationId"
        WHERE e."workspaceId" = ${workspaceId} AND c."flowId" = f.id AND c.channel <> ${TEST_CHANNEL})
      ORDER BY f.name LIMIT 100`,
    db().$queryRaw<{ reason: string }[]>`
      SELECT DISTINCT e.reason FROM "Escalation" e
      WHERE e."workspaceId" = ${workspaceId} AND ${NOT_TEST_ESCALATION} ORDER BY e.reason LIMIT 100`,
    db().$queryRaw<{ skill: string }[]>`
      SELECT DISTINCT s.skill FROM "Escalation" e, unnest(e.skills) AS s(skill)
      WHERE e."workspaceId" = ${workspaceId} AND ${NOT_TEST_ESCALATION} ORDER BY s.skill LIMIT 100`,
  ]);
  return { flows, reasons: reasons.map((r) => r.reason), skills: skills.map((s) => s.skill) };
}

/** For the sidebar badge (every console page): escalations nobody has claimed yet. */
export async function countOpenEscalations(workspaceId: string): Promise<number> {
  const [row] = await db().$queryRaw<{ open: number }[]>`
    SELECT count(*)::int AS open FROM "Escalation" e
    WHERE e."workspaceId" = ${workspaceId} AND e.status = 'open' AND ${NOT_TEST_ESCALATION}`;
  return row?.open ?? 0;
}
