import "server-only";
import { db } from "@/lib/platform/db/client";
import type { Role } from "@/lib/model/permissions";
import { PENDING } from "@/lib/features/invite/invitation-token";

export type InvitationRow = {
  invitationId: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
};

/** Pending invitations (expired ones too, so an admin can send a new link or revoke them); newest first. */
export async function listInvitations(workspaceId: string): Promise<InvitationRow[]> {
  const rows = await db().invitation.findMany({
    where: { workspaceId, ...PENDING },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      invitedBy: { select: { name: true, email: true } },
    },
  });
  return rows.map((row) => ({
    invitationId: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy ? row.invitedBy.name || row.invitedBy.email : null,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  }));
}
