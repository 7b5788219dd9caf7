import "server-only";
import type { Role } from "@/lib/model/permissions";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { adminCount, lockMemberships } from "@/lib/platform/auth/admin-guard";
import { endSessions, type SessionsEnded } from "@/lib/platform/auth/session-version";

/**
 * Removes a person from the workspace. When it was their only workspace the account is deleted too, so the
 * credentials stop working instead of lingering without access to anything.
 */
export async function removeMember(
  tx: Tx,
  options: { workspaceId: string; userId: string; actorUserId: string },
): Promise<{
  removed: { userId: string; email: string; accountDeleted: boolean };
  before: { email: string; name: string; role: Role };
  after: { accountDeleted: boolean; requeuedEscalations: number };
  /** The `session.revoked` entry for the caller to write. */
  sessionsEnded: SessionsEnded | null;
}> {
  if (options.userId === options.actorUserId) {
    throw new AppError("CONFLICT", { userMessage: "You cannot remove yourself. Ask another admin to do it." });
  }
  await lockMemberships(tx, options.workspaceId);
  const membership = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.userId } },
    select: { id: true, role: true, user: { select: { email: true, name: true } } },
  });
  if (!membership) throw new AppError("NOT_FOUND", { userMessage: "That person is not a member of this workspace." });
  if (membership.role === "admin" && (await adminCount(tx, options.workspaceId)) <= 1) {
    throw new AppError("CONFLICT", {
      userMessage: `${membership.user.email} is the only admin. A workspace always keeps at least one admin.`,
    });
  }

  await tx.membership.delete({ where: { id: membership.id } });
  // Escalations they had claimed go back to the queue rather than staying assigned to someone without access.
  const requeued = await tx.escalation.updateMany({
    where: { workspaceId: options.workspaceId, assigneeId: options.userId, status: "claimed" },
    data: { status: "open", assigneeId: null, claimedAt: null },
  });
  // Their sessions end everywhere, not only here: a cookie copied before the removal must not outlive it.
  const sessionsEnded = await endSessions(tx, options.userId, "removed_from_workspace");
  const remaining = await tx.membership.count({ where: { userId: options.userId } });
  const accountDeleted = remaining === 0;
  if (accountDeleted) await tx.user.delete({ where: { id: options.userId } });

  return {
    removed: { userId: options.userId, email: membership.user.email, accountDeleted },
    before: { email: membership.user.email, name: membership.user.name, role: membership.role },
    after: { accountDeleted, requeuedEscalations: requeued.count },
    sessionsEnded,
  };
}
