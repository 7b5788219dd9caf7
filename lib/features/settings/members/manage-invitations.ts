import "server-only";
import type { Role } from "@/lib/model/permissions";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { invitationPath, issueInvitationToken, PENDING } from "@/lib/features/invite/invitation-token";
import type { IssuedInvitation } from "./invite-member";

const notPending = () =>
  new AppError("NOT_FOUND", { userMessage: "That invitation was accepted or revoked already. Reload the page." });

async function pendingInvitation(tx: Tx, workspaceId: string, invitationId: string) {
  // FOR UPDATE: an acceptance at the same moment waits, then finds the invitation revoked or its old link replaced.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Invitation"
    WHERE id = ${invitationId} AND "workspaceId" = ${workspaceId} AND "acceptedAt" IS NULL AND "revokedAt" IS NULL
    FOR UPDATE`;
  if (locked.length === 0) throw notPending();
  return tx.invitation.findUniqueOrThrow({
    where: { id: invitationId },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(
  tx: Tx,
  options: { workspaceId: string; invitationId: string; now?: Date },
): Promise<{ revoked: { invitationId: string; email: string }; before: { email: string; role: Role } }> {
  const invitation = await pendingInvitation(tx, options.workspaceId, options.invitationId);
  await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: options.now ?? new Date() } });
  return {
    revoked: { invitationId: invitation.id, email: invitation.email },
    before: { email: invitation.email, role: invitation.role },
  };
}

/**
 * A new link for a pending invitation (the old one was lost, or has expired): the old link stops working and the new
 * one is open for another week. Only the new link's hash is stored, so it is shown once, like the first.
 */
export async function reissueInvitation(
  tx: Tx,
  options: { workspaceId: string; invitationId: string; invitedById: string; now?: Date },
): Promise<{ invitation: IssuedInvitation; before: { expiresAt: Date }; after: { expiresAt: Date } }> {
  const invitation = await pendingInvitation(tx, options.workspaceId, options.invitationId);
  const issued = issueInvitationToken(options.now);
  await tx.invitation.update({
    where: { id: invitation.id, ...PENDING },
    data: { tokenHash: issued.tokenHash, expiresAt: issued.expiresAt, invitedById: options.invitedById },
  });
  return {
    invitation: {
      invitationId: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: issued.expiresAt,
      path: invitationPath(issued.token),
    },
    before: { expiresAt: invitation.expiresAt },
    after: { expiresAt: issued.expiresAt },
  };
}
