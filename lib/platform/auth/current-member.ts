import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { authOptions } from "./auth-options";
import { tokenSessionVersion } from "./session-version";
import { can, type Permission, type Role } from "@/lib/model/permissions";

export type Member = {
  userId: string;
  email: string;
  name: string;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  role: Role;
};

export const WORKSPACE_COOKIE = "sb_workspace";

/**
 * The signed-in person and their role in the current workspace, read fresh so a removed member loses access at once.
 * A session whose version is not the person's current one has been ended (sign-out, password or role change, removal,
 * "sign out everywhere") and counts as none: the version comes with the membership read, at no extra query.
 */
export async function currentMember(): Promise<Member | null> {
  const session = await getServerSession(authOptions);
  const sessionUser = session?.user as { id?: string; sessionVersion?: unknown } | undefined;
  const userId = sessionUser?.id;
  if (!userId) return null;
  const preferred = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  const memberships = await db().membership.findMany({
    where: { userId },
    include: { workspace: true, user: true },
    orderBy: { createdAt: "asc" },
  });
  const membership = memberships.find((m) => m.workspaceId === preferred) ?? memberships[0];
  if (!membership || membership.user.sessionVersion !== tokenSessionVersion(sessionUser)) return null;
  return {
    userId,
    email: membership.user.email,
    name: membership.user.name,
    workspaceId: membership.workspaceId,
    workspaceSlug: membership.workspace.slug,
    workspaceName: membership.workspace.name,
    role: membership.role,
  };
}

/** For server actions and route handlers: throws AppError (401/403). */
export async function requireMember(permission?: Permission): Promise<Member> {
  const member = await currentMember();
  if (!member) throw new AppError("UNAUTHENTICATED");
  if (permission && !can(member.role, permission)) {
    throw new AppError("FORBIDDEN", { message: `${member.email} (${member.role}) lacks ${permission}` });
  }
  return member;
}
