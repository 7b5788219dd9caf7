import "server-only";
import type { Role } from "@/lib/model/permissions";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { adminCount, lockMemberships } from "./admin-guard";
import { endSessions, type SessionsEnded } from "./session-version";

export async function changeMemberRole(
  tx: Tx,
  options: { workspaceId: string; userId: string; role: Role },
): Promise<{
  member: { userId: string; email: string; role: Role; changed: boolean };
  before: { email: string; role: Role };
  after: { email: string; role: Role };
  /** The `session.revoked` entry for the caller to write: a new role starts with a new session. */
  sessionsEnded: SessionsEnded | null;
}> {
  await lockMemberships(tx, options.workspaceId);
  const membership = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.userId } },
    select: { id: true, role: true, user: { select: { email: true } } },
  });
  if (!membership) throw new AppError("NOT_FOUND", { userMessage: "That person is not a member of this workspace." });

  const before = { email: membership.user.email, role: membership.role };
  if (membership.role === options.role) {
    return {
      member: { userId: options.userId, email: before.email, role: before.role, changed: false },
      before,
      after: before,
      sessionsEnded: null,
    };
  }
  if (membership.role === "admin" && (await adminCount(tx, options.workspaceId)) <= 1) {
    throw new AppError("CONFLICT", {
      message: `Refused to demote the last admin of workspace ${options.workspaceId}`,
      userMessage: `${before.email} is the only admin. Make someone else an admin first: a workspace always keeps at least one.`,
    });
  }
  await tx.membership.update({ where: { id: membership.id }, data: { role: options.role } });
  // Sessions signed in under the old role end, so a copied cookie cannot keep what the role no longer allows.
  const sessionsEnded = await endSessions(tx, options.userId, "role_changed");
  return {
    member: { userId: options.userId, email: before.email, role: options.role, changed: true },
    before,
    after: { email: before.email, role: options.role },
    sessionsEnded,
  };
}
