import "server-only";
import { db } from "@/lib/db/client";
import type { AuditLog, Prisma } from "@/lib/generated/prisma/client";
import type { ActorType } from "./filters";

export const AUDIT_PAGE_SIZE = 50;

/** An audit entry as the console shows it: the stored row, with the bigint id as a string for the client. */
export type AuditRow = Omit<AuditLog, "id" | "workspaceId"> & { id: string };

/** Newest first, keyset-paginated on the id: `before` is the id of the last row of the previous page. */
export async function listAuditEntries(options: {
  workspaceId: string;
  actionPrefix?: string;
  actorType?: ActorType;
  before?: bigint;
}): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const where: Prisma.AuditLogWhereInput = {
    workspaceId: options.workspaceId,
    ...(options.actionPrefix ? { action: { startsWith: options.actionPrefix } } : {}),
    ...(options.actorType ? { actorType: options.actorType } : {}),
    ...(options.before !== undefined ? { id: { lt: options.before } } : {}),
  };
  const rows = await db().auditLog.findMany({ where, orderBy: { id: "desc" }, take: AUDIT_PAGE_SIZE + 1 });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    rows: page.map(({ workspaceId: _workspace, ...row }) => ({ ...row, id: row.id.toString() })),
    nextCursor: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id.toString() : null,
  };
}

/** The distinct action names in this workspace, for the filter's suggestions. */
export async function listAuditActions(workspaceId: string): Promise<string[]> {
  // DISTINCT in SQL: Prisma's `distinct` would read every row of a large table.
  const rows = await db().$queryRaw<{ action: string }[]>`
    SELECT DISTINCT action FROM "AuditLog" WHERE "workspaceId" = ${workspaceId} ORDER BY action LIMIT 200`;
  return rows.map((r) => r.action);
}
