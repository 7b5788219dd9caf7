import "server-only";
import { hashPassword } from "@/lib/platform/crypto/password";
import type { Role } from "@/lib/model/permissions";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";

export type AddedMember = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** True when the person already had an account (in another workspace): their name and password are unchanged. */
  existingUser: boolean;
};

/**
 * Adds a person to the workspace. A new email creates the account with the initial password; an email that already
 * has an account (from another workspace) is added by membership only.
 */
export async function addMember(
  tx: Tx,
  options: { workspaceId: string; name: string; email: string; role: Role; password: string },
): Promise<{
  member: AddedMember;
  before: null;
  after: { email: string; name: string; role: Role; existingUser: boolean };
}> {
  const email = options.email.trim().toLowerCase();
  const existing = await tx.user.findUnique({
    where: { email },
    select: {
      id: true,
      name: true,
      email: true,
      memberships: { where: { workspaceId: options.workspaceId }, select: { id: true } },
    },
  });
  if (existing?.memberships.length) {
    throw new AppError("CONFLICT", {
      message: `${email} is already a member of workspace ${options.workspaceId}`,
      userMessage: `${email} is already a member of this workspace.`,
      fieldErrors: { email: ["Already a member of this workspace."] },
    });
  }

  let user = existing;
  if (!user) {
    const passwordHash = await hashPassword(options.password);
    user = await tx.user.create({
      data: { email, name: options.name.trim(), passwordHash },
      select: { id: true, name: true, email: true, memberships: { select: { id: true } } },
    });
  }
  await tx.membership.create({ data: { workspaceId: options.workspaceId, userId: user.id, role: options.role } });

  const member: AddedMember = {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: options.role,
    existingUser: !!existing,
  };
  return {
    member,
    before: null,
    after: { email: member.email, name: member.name, role: member.role, existingUser: member.existingUser },
  };
}
