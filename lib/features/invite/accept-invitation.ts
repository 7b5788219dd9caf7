import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { hashPassword } from "@/lib/platform/crypto/password";
import type { Role } from "@/lib/model/permissions";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { assertAcceptablePassword } from "@/lib/model/password-policy";
import { INVALID_INVITATION_MESSAGE, invitationTokenHash } from "./invitation-token";

export type AcceptedInvitation = { workspaceId: string; workspaceName: string; email: string; role: Role };

const invalid = () => new AppError("NOT_FOUND", { userMessage: INVALID_INVITATION_MESSAGE });

type Claimed = { id: string; workspaceId: string; workspaceName: string; email: string; role: Role };

/**
 * Locks the invitation the token opens for the rest of the transaction and checks that it is still open, so a link
 * works once however many tabs submit it at the same moment (the second waits, then finds it used).
 */
async function claim(tx: Tx, token: string, now: Date): Promise<Claimed> {
  const tokenHash = invitationTokenHash(token);
  if (!tokenHash) throw invalid();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Invitation"
    WHERE "tokenHash" = ${tokenHash} AND "acceptedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > ${now}
    FOR UPDATE`;
  const id = rows[0]?.id;
  if (!id) throw invalid();
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { id },
    select: { id: true, workspaceId: true, email: true, role: true, workspace: { select: { name: true } } },
  });
  return { ...invitation, workspaceName: invitation.workspace.name };
}

/** The membership, the invitation marked used and its audit entry: the rest of the one transaction. */
async function join(tx: Tx, invitation: Claimed, user: { id: string; email: string }, newAccount: boolean, now: Date) {
  await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role } });
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } });
  await auditLog(
    {
      workspaceId: invitation.workspaceId,
      actor: { type: "user", id: user.id, label: user.email },
      action: "invitation.accepted",
      resourceType: "invitation",
      resourceId: invitation.id,
      after: { userId: user.id, email: user.email, role: invitation.role, newAccount },
    },
    tx,
  );
  const accepted: AcceptedInvitation = {
    workspaceId: invitation.workspaceId,
    workspaceName: invitation.workspaceName,
    email: invitation.email,
    role: invitation.role,
  };
  return accepted;
}

/** Someone without an account accepts: the account (with a password that passes the policy) and the membership. */
export async function acceptWithNewAccount(
  tx: Tx,
  options: { token: string; name: string; password: string; now?: Date },
): Promise<AcceptedInvitation> {
  const now = options.now ?? new Date();
  const invitation = await claim(tx, options.token, now);
  const name = options.name.trim();
  assertAcceptablePassword(options.password, { email: invitation.email, name });
  const existing = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  if (existing) {
    throw new AppError("CONFLICT", {
      userMessage: `${invitation.email} already has a Switchboard account. Sign in with it to accept.`,
    });
  }
  const user = await tx.user.create({
    data: { email: invitation.email, name, passwordHash: await hashPassword(options.password) },
    select: { id: true, email: true },
  });
  return join(tx, invitation, user, true, now);
}

/** A signed-in person accepts for their own account: the invitation must be for their e-mail. */
export async function acceptAsSignedInUser(
  tx: Tx,
  options: { token: string; userId: string; now?: Date },
): Promise<AcceptedInvitation> {
  const now = options.now ?? new Date();
  const invitation = await claim(tx, options.token, now);
  const user = await tx.user.findUniqueOrThrow({ where: { id: options.userId }, select: { id: true, email: true } });
  if (user.email !== invitation.email) {
    throw new AppError("FORBIDDEN", {
      userMessage: `This invitation is for ${invitation.email}, and you are signed in as ${user.email}. Sign in as ${invitation.email} to accept it.`,
    });
  }
  const member = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
    select: { id: true },
  });
  if (member) {
    throw new AppError("CONFLICT", { userMessage: `You are already a member of ${invitation.workspaceName}.` });
  }
  return join(tx, invitation, user, false, now);
}
