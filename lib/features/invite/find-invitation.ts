import "server-only";
import type { Role } from "@/lib/model/permissions";
import { db } from "@/lib/platform/db/client";
import { invitationTokenHash, openWhere } from "./invitation-token";

/** What the accept page shows and decides on. Only the holder of the link learns whether the e-mail has an account. */
export type OpenInvitation = {
  workspaceName: string;
  email: string;
  role: Role;
  expiresAt: Date;
  accountExists: boolean;
};

/** The invitation a link opens, or null for any link that does not (unknown, malformed, expired, revoked, used). */
export async function findOpenInvitation(token: string, now = new Date()): Promise<OpenInvitation | null> {
  const tokenHash = invitationTokenHash(token);
  if (!tokenHash) return null;
  const invitation = await db().invitation.findFirst({
    where: { tokenHash, ...openWhere(now) },
    select: { email: true, role: true, expiresAt: true, workspace: { select: { name: true } } },
  });
  if (!invitation) return null;
  const account = await db().user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    workspaceName: invitation.workspace.name,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    accountExists: !!account,
  };
}
