import "server-only";
import { db } from "@/lib/platform/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import type { AgentRef, ConversationStatus } from "@/lib/features/list-filters";
import { conversationSearchSql } from "@/lib/features/search/conversation-search";
import { agentLabels } from "./live-agents";
import { LIVE_COUNT_CAP } from "./live-count-cap";
import { DEFAULT_LIVE_PAGE_SIZE, liveCursorValue, type LiveCursor, type WaitingFor } from "./live-filters";

export const LIVE_PAGE_SIZE = DEFAULT_LIVE_PAGE_SIZE;

export type ConversationRow = {
  id: string;
  startedAt: Date;
  updatedAt: Date;
  channel: string;
  status: ConversationStatus;
  flow: { slug: string; name: string };
  versionNumber: number;
  messageCount: number;
  lastMessage: { role: string; text: string; createdAt: Date } | null;
  /** What the customer last said; shown first because it is what an operator scans for. */
  lastCustomerMessage: { text: string; createdAt: Date } | null;
  /** Labels of the agent nodes that handled it so far, in the order they first ran. */
  agents: string[];
  /** Where the next page starts if this row ends the page (its place in the list's order). */
  cursor: string;
};

export type ConversationListOptions = {
  workspaceId: string;
  status?: ConversationStatus;
  flowSlug?: string;
  channel?: string;
  /** Only conversations this agent node (of this flow) has handled. */
  agent?: AgentRef;
  waiting?: WaitingFor;
  /** Search over transcripts, customers and order numbers; too short or too long throws a VALIDATION AppError. */
  q?: string;
  /** Only conversations after this one in the list's order: the next page. */
  cursor?: LiveCursor;
  limit?: number;
};

/** The filters as SQL over `c` (Conversation) and `f` (its Flow): the one definition the list, its count and the live stream share. */
function conversationWhere(options: ConversationListOptions & { ids?: string[] }): Prisma.Sql {
  const conditions = [Prisma.sql`c."workspaceId" = ${options.workspaceId}`, Prisma.sql`c.channel <> ${TEST_CHANNEL}`];
  if (options.status) conditions.push(Prisma.sql`c.status = ${options.status}::"ConversationStatus"`);
  if (options.channel) conditions.push(Prisma.sql`c.channel = ${options.channel}`);
  if (options.waiting) conditions.push(Prisma.sql`c."waitingFor" = ${options.waiting}`);
  if (options.q) conditions.push(conversationSearchSql(options.workspaceId, options.q));
  if (options.flowSlug) conditions.push(Prisma.sql`f.slug = ${options.flowSlug}`);
  if (options.agent) {
    conditions.push(Prisma.sql`f.slug = ${options.agent.flowSlug}`);
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Step" s WHERE s."conversationId" = c.id AND s."nodeKind" = 'agent' AND s."nodeId" = ${options.agent.nodeId})`,
    );
  }
  if (options.ids)
    conditions.push(options.ids.length ? Prisma.sql`c.id IN (${Prisma.join(options.ids)})` : Prisma.sql`false`);
  return Prisma.join(conditions, " AND ");
}

/**
 * Rows strictly after the cursor in ORDER BY c."updatedAt" DESC, c.id DESC (ties broken by id). The time travels as
 * epoch milliseconds, which is exactly what the timestamp(3) column holds, in UTC as Prisma stores it.
 */
const afterCursor = (cursor: LiveCursor) =>
  Prisma.sql`(c."updatedAt", c.id) < (to_timestamp(${cursor.updatedAt.getTime()}::float8 / 1000) AT TIME ZONE 'UTC', ${cursor.id})`;

type RawRow = {
  id: string;
  startedAt: Date;
  updatedAt: Date;
  channel: string;
  status: ConversationStatus;
  flowVersionId: string;
  flowSlug: string;
  flowName: string;
  versionNumber: number | null;
  messageCount: number;
  lastRole: string | null;
  lastText: string | null;
  lastAt: Date | null;
  customerText: string | null;
  customerAt: Date | null;
  agentNodes: string[] | null;
};

/**
 * Rows in ONE query (the live stream runs it for every burst of notices): the flow, the message count, the last
 * message and the last customer message (both by the (conversationId, seq) index), and the agent nodes that ran.
 */
async function queryRows(where: Prisma.Sql, limit: number): Promise<ConversationRow[]> {
  const rows = await db().$queryRaw<RawRow[]>`
    SELECT c.id, c."startedAt", c."updatedAt", c.channel, c.status::text AS status, c."flowVersionId",
      f.slug AS "flowSlug", f.name AS "flowName", v.number AS "versionNumber",
      (SELECT count(*)::int FROM "Message" m WHERE m."conversationId" = c.id) AS "messageCount",
      lm.role::text AS "lastRole", lm.text AS "lastText", lm."createdAt" AS "lastAt",
      lc.text AS "customerText", lc."createdAt" AS "customerAt",
      (SELECT array_agg(a."nodeId" ORDER BY a.first) FROM (
        SELECT s."nodeId", min(s."startedAt") AS first FROM "Step" s
        WHERE s."conversationId" = c.id AND s."nodeKind" = 'agent' GROUP BY s."nodeId") a) AS "agentNodes"
    FROM "Conversation" c
    JOIN "Flow" f ON f.id = c."flowId"
    JOIN "FlowVersion" v ON v.id = c."flowVersionId"
    LEFT JOIN LATERAL (SELECT role, text, "createdAt" FROM "Message" WHERE "conversationId" = c.id ORDER BY seq DESC LIMIT 1) lm ON true
    LEFT JOIN LATERAL (SELECT text, "createdAt" FROM "Message" WHERE "conversationId" = c.id AND role = 'customer' ORDER BY seq DESC LIMIT 1) lc ON true
    WHERE ${where}
    ORDER BY c."updatedAt" DESC, c.id DESC
    LIMIT ${limit}`;
  const labels = await agentLabels([
    ...new Set(rows.filter((row) => row.agentNodes?.length).map((row) => row.flowVersionId)),
  ]);
  return rows.map((row) => {
    const updatedAt = new Date(row.updatedAt);
    const cursor = liveCursorValue({ updatedAt, id: row.id });
    const lastAt = row.lastAt ? new Date(row.lastAt) : null;
    return {
      id: row.id,
      startedAt: new Date(row.startedAt),
      // "Last activity" is the later of the last message and the row's own update (status changes).
      updatedAt: lastAt && lastAt > updatedAt ? lastAt : updatedAt,
      channel: row.channel,
      status: row.status,
      flow: { slug: row.flowSlug, name: row.flowName },
      versionNumber: row.versionNumber ?? 0,
      messageCount: row.messageCount,
      lastMessage: row.lastRole && lastAt ? { role: row.lastRole, text: row.lastText ?? "", createdAt: lastAt } : null,
      lastCustomerMessage: row.customerAt
        ? { text: row.customerText ?? "", createdAt: new Date(row.customerAt) }
        : null,
      agents: (row.agentNodes ?? []).map((nodeId) => labels.get(row.flowVersionId)?.get(nodeId) ?? nodeId),
      cursor,
    };
  });
}

/**
 * One page, most recent activity first: `limit` rows after `cursor` (the first page without one), whether more follow,
 * and how many match in all (LIVE_COUNT_CAP + 1 when there are more than the cap).
 */
export async function listConversations(
  options: ConversationListOptions,
): Promise<{ rows: ConversationRow[]; total: number; hasMore: boolean }> {
  const where = conversationWhere(options);
  const limit = options.limit ?? LIVE_PAGE_SIZE;
  const page = options.cursor ? Prisma.sql`${where} AND ${afterCursor(options.cursor)}` : where;
  const [rows, counted] = await Promise.all([
    queryRows(page, limit + 1),
    db().$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM (
        SELECT 1 FROM "Conversation" c JOIN "Flow" f ON f.id = c."flowId" WHERE ${where} LIMIT ${LIVE_COUNT_CAP + 1}) x`,
  ]);
  return { rows: rows.slice(0, limit), total: counted[0]?.total ?? 0, hasMore: rows.length > limit };
}

/**
 * The given conversations as list rows, for those that match the filters; the rest are not returned (another
 * workspace's ids included: the workspace is part of the filter). The live stream's one query per burst of notices.
 */
export async function loadConversationRows(
  options: ConversationListOptions & { ids: string[] },
): Promise<ConversationRow[]> {
  if (options.ids.length === 0) return [];
  return queryRows(conversationWhere(options), options.ids.length);
}
