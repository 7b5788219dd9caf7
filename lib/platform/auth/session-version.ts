// Revocable sessions. Sessions are signed cookies (JWTs) that no table lists, so each carries the person's
// `User.sessionVersion` from when it was issued; the signed-in member is only recognised while the two are equal
// (current-member.ts). Raising the version ends every session issued before, wherever its cookie has been copied to.
import "server-only";
import type { AuditEntry } from "@/lib/platform/audit/audit-log";
import { db, type Db, type Tx } from "@/lib/platform/db/client";

export type SessionEndReason =
  "signed_out" | "signed_out_everywhere" | "password_changed" | "role_changed" | "removed_from_workspace";

/** The `session.revoked` entry, written by the caller with its own actor and workspace. */
export type SessionsEnded = Omit<AuditEntry, "workspaceId" | "actor">;

/** The version a session token carries; tokens issued before versions existed count as 0, the column's default. */
export function tokenSessionVersion(token: object | null | undefined): number {
  const version = (token as { sessionVersion?: unknown } | null | undefined)?.sessionVersion;
  return typeof version === "number" && Number.isInteger(version) ? version : 0;
}

/** The person's current version, or null when the account no longer exists. One read by primary key. */
export async function readSessionVersion(userId: string, client: Db | Tx = db()): Promise<number | null> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/**
 * Ends every session of `userId`. With `ifVersion`, only when that is still the current version: a sign-out with a
 * cookie that has already ended must not end the sessions issued since. Returns the audit record, or null when
 * nothing changed.
 */
export async function endSessions(
  tx: Tx,
  userId: string,
  reason: SessionEndReason,
  options: { ifVersion?: number } = {},
): Promise<SessionsEnded | null> {
  const ended = await tx.user.updateMany({
    where: { id: userId, ...(options.ifVersion === undefined ? {} : { sessionVersion: options.ifVersion }) },
    data: { sessionVersion: { increment: 1 } },
  });
  if (ended.count === 0) return null;
  return { action: "session.revoked", resourceType: "session", resourceId: userId, metadata: { reason } };
}
