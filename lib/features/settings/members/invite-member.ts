import "server-only";
import type { Role } from "@/lib/model/permissions";
import type { Tx } from "@/lib/platform/db/client";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { AppError } from "@/lib/model/errors";
import { invitationPath, issueInvitationToken, PENDING } from "@/lib/features/invite/invitation-token";

/**
 * What the admin gets back: the same fields whether or not the e-mail has an account in another workspace (nothing
 * here is read from the User table), and the link, which exists only in this answer.
 */
export type IssuedInvitation = { invitationId: string; email: string; role: Role; expiresAt: Date; path: string };

const alreadyMember = (email: string) =>
  new AppError("CONFLICT", {
    userMessage: `${email} is already a member of this workspace.`,
    fieldErrors: { email: ["Already a member of this workspace."] },
  });

/**
 * Invites a person to the workspace by e-mail: no account or membership is created until they accept. Inviting an
 * e-mail that has a pending invitation replaces it (new role, new link, new expiry; the old link stops working).
 */
export async function inviteMember(
  tx: Tx,
  options: { workspaceId: string; email: string; role: Role; invitedById: string; now?: Date },
): Promise<{
  invitation: IssuedInvitation;
  before: { role: Role; expiresAt: Date } | null;
  after: { email: string; role: Role; expiresAt: Date };
}> {
  const email = options.email.trim().toLowerCase();
  // Only this workspace's own members are looked at: whether the e-mail has an account elsewhere is never asked.
  const member = await tx.membership.findFirst({
    where: { workspaceId: options.workspaceId, user: { email } },
    select: { id: true },
  });
  if (member) throw alreadyMember(email);

  const issued = issueInvitationToken(options.now);
  const pending = await tx.invitation.findFirst({
    where: { workspaceId: options.workspaceId, email, ...PENDING },
    select: { id: true, role: true, expiresAt: true },
  });
  const data = {
    role: options.role,
    tokenHash: issued.tokenHash,
    expiresAt: issued.expiresAt,
    invitedById: options.invitedById,
  };
  let invitationId: string;
  try {
    invitationId = pending
      ? (await tx.invitation.update({ where: { id: pending.id }, data, select: { id: true } })).id
      : (
          await tx.invitation.create({
            data: { ...data, workspaceId: options.workspaceId, email },
            select: { id: true },
          })
        ).id;
  } catch (error) {
    // Another admin invited the same e-mail at the same moment: theirs stands.
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", {
        userMessage: `${email} was invited a moment ago. Reload to see the invitation.`,
      });
    }
    throw error;
  }

  return {
    invitation: {
      invitationId,
      email,
      role: options.role,
      expiresAt: issued.expiresAt,
      path: invitationPath(issued.token),
    },
    before: pending ? { role: pending.role, expiresAt: pending.expiresAt } : null,
    after: { email, role: options.role, expiresAt: issued.expiresAt },
  };
}
