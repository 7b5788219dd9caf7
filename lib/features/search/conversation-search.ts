// Search over transcripts, customers and order numbers, as ONE SQL condition over a conversation aliased `c`: the
// Inbox queue (lib/features/inbox/list-escalations.ts) and Live (lib/features/live/list-conversations.ts) both filter
// with it, so a query finds the same conversations in both. Substring matches run on trigram GIN indexes
// (migration 20261211110000_search_trigram); the candidate ids come from one UNION, which Postgres plans as a
// semi-join, so a rare word or a missing order number costs index lookups, not a scan of every transcript.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { parseSearchQuery, type SearchQuery } from "./search-query";

/** The text as a LIKE pattern that matches it literally (backslash is ILIKE's default escape). */
const literal = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function customerCondition(workspaceId: string, query: SearchQuery): Prisma.Sql {
  const exact = literal(query.text);
  const order = Prisma.sql`cu.id IN (SELECT o."customerId" FROM "Order" o WHERE o."workspaceId" = ${workspaceId} AND o.number ILIKE ${exact})`;
  if (query.kind === "order") return Prisma.sql`(${order} OR cu.ref ILIKE ${exact})`;
  if (query.kind === "email") return Prisma.sql`cu.email ILIKE ${exact}`;
  const part = `%${exact}%`;
  return Prisma.sql`(cu.name ILIKE ${part} OR cu.email ILIKE ${part} OR cu.ref ILIKE ${exact} OR ${order})`;
}

/**
 * The ids of conversations `q` finds, as a subquery to use with `IN`. Its transcript half is not limited to the
 * workspace (Message has no workspace of its own): the row it filters must be, as in conversationSearchSql. Throws a
 * VALIDATION AppError for a query that is too short or too long.
 */
export function conversationMatchIdsSql(workspaceId: string, q: string | SearchQuery): Prisma.Sql {
  const query = typeof q === "string" ? parseSearchQuery(q) : q;
  const part = `%${literal(query.text)}%`;
  return Prisma.sql`SELECT m."conversationId" FROM "Message" m WHERE m.text ILIKE ${part}
    UNION
    SELECT sc.id FROM "Conversation" sc JOIN "Customer" cu ON cu.id = sc."customerId"
    WHERE sc."workspaceId" = ${workspaceId} AND cu."workspaceId" = ${workspaceId} AND ${customerCondition(workspaceId, query)}`;
}

/**
 * The conversations of `workspaceId` that `q` finds, as a condition over `c` ("Conversation"). Throws a VALIDATION
 * AppError for a query that is too short or too long. The workspace is part of the condition, so it is safe alone.
 */
export function conversationSearchSql(workspaceId: string, q: string | SearchQuery): Prisma.Sql {
  return Prisma.sql`(c."workspaceId" = ${workspaceId} AND c.id IN (${conversationMatchIdsSql(workspaceId, q)}))`;
}

/** The ids of the matching conversations (designer test runs left out), most recently active first. */
export async function searchConversationIds(workspaceId: string, q: string, limit = 100): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Conversation" c
    WHERE ${conversationSearchSql(workspaceId, q)} AND c.channel <> ${TEST_CHANNEL}
    ORDER BY c."updatedAt" DESC, c.id DESC LIMIT ${limit}`;
  return rows.map((row) => row.id);
}
