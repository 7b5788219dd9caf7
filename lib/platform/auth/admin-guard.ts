import "server-only";
import type { Tx } from "@/lib/platform/db/client";

/**
 * Locks the workspace's memberships for the rest of the transaction, so two admins demoting or removing each other
 * at the same moment cannot both succeed and leave the workspace without an admin.
 */
export async function lockMemberships(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "workspaceId" = ${workspaceId} FOR UPDATE`;
}

export async function adminCount(tx: Tx, workspaceId: string): Promise<number> {
  return tx.membership.count({ where: { workspaceId, role: "admin" } });
}
