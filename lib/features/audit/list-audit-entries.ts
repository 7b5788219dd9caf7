import "server-only";
import type { AuditFilter } from "@/lib/features/audit/audit-filter";
import { db } from "@/lib/platform/db/client";
import { Prisma, type AuditLog } from "@/lib/generated/prisma/client";
import type { ActorType } from "@/lib/features/list-filters";

export const AUDIT_PAGE_SIZE = 50;

/** An audit entry as the console shows it: the stored row, with the bigint id as a string for the client. */
export type AuditRow = Omit<AuditLog, "id" | "workspaceId"> & { id: string };

/** ILIKE pattern for a literal substring. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause for a workspace's entries under a filter; `before` is an exclusive id cursor (newest first). */
function whereClause(workspaceId: string, filter: AuditFilter, before?: bigint): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`"workspaceId" = ${workspaceId}`];
  if (filter.actionPrefix)
    conditions.push(Prisma.sql`action LIKE ${`${filter.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (filter.actorType) conditions.push(Prisma.sql`"actorType" = ${filter.actorType}`);
  if (filter.resourceType) conditions.push(Prisma.sql`"resourceType" = ${filter.resourceType}`);
  if (filter.from) conditions.push(Prisma.sql`at >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`at < ${filter.to}`);
  if (before !== undefined) conditions.push(Prisma.sql`id < ${before}`);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    // jsonb as text: a search finds values and keys anywhere inside before / after / metadata.
    conditions.push(Prisma.sql`("actorLabel" ILIKE ${pattern} OR action ILIKE ${pattern} OR "resourceId" ILIKE ${pattern}
      OR before::text ILIKE ${pattern} OR after::text ILIKE ${pattern} OR metadata::text ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}

/**
 * A page of a workspace's entries, newest first, keyset-paginated on the id: `before` is the id of the last row of
 * the previous page. Ids come from SQL (free-text search reaches into the jsonb columns); the rows from Prisma, so
 * their JSON and dates are typed exactly as everywhere else.
 */
export async function listAuditEntries(options: {
  workspaceId: string;
  filter?: AuditFilter;
  /** Shorthands kept for callers that only filter by these. */
  actionPrefix?: string;
  actorType?: ActorType;
  before?: bigint;
  limit?: number;
}): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const filter: AuditFilter = { actionPrefix: options.actionPrefix, actorType: options.actorType, ...options.filter };
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const found = await db().$queryRaw<{ id: bigint }[]>`
    SELECT id FROM "AuditLog" WHERE ${whereClause(options.workspaceId, filter, options.before)} ORDER BY id DESC LIMIT ${limit + 1}`;
  const ids = found.slice(0, limit).map((r) => BigInt(r.id));
  const rows = ids.length ? await db().auditLog.findMany({ where: { id: { in: ids } }, orderBy: { id: "desc" } }) : [];
  return {
    rows: rows.map(({ workspaceId: _workspace, ...row }) => ({ ...row, id: row.id.toString() })),
    nextCursor: found.length > limit ? ids[ids.length - 1].toString() : null,
  };
}

/** The distinct action names in this workspace, for the filter's suggestions. */
export async function listAuditActions(workspaceId: string): Promise<string[]> {
  // DISTINCT in SQL: Prisma's `distinct` would read every row of a large table.
  const rows = await db().$queryRaw<{ action: string }[]>`
    SELECT DISTINCT action FROM "AuditLog" WHERE "workspaceId" = ${workspaceId} ORDER BY action LIMIT 200`;
  return rows.map((r) => r.action);
}
