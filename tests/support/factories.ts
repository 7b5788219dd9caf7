import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/platform/crypto/password";
import type { Role } from "@/lib/model/permissions";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { DEMO_WORKSPACE_SLUG } from "@/prisma/demo/seed-demo";

export async function demoWorkspace() {
  return db().workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE_SLUG } });
}

/** Another, empty workspace with one member, for isolation tests. */
export async function seedWorkspace(options: { role?: Role } = {}) {
  const suffix = randomBytes(4).toString("hex");
  const workspace = await db().workspace.create({ data: { slug: `ws-${suffix}`, name: `Workspace ${suffix}` } });
  const user = await seedUser({ workspaceId: workspace.id, role: options.role ?? "admin" });
  return { workspace, user };
}

export async function seedUser(options: { workspaceId: string; role: Role; email?: string; password?: string }) {
  const email = options.email ?? `user-${randomBytes(4).toString("hex")}@example.test`;
  const user = await db().user.create({
    data: {
      email,
      name: email.split("@")[0],
      passwordHash: await hashPassword(options.password ?? "correct-horse-battery"),
    },
  });
  await db().membership.create({ data: { workspaceId: options.workspaceId, userId: user.id, role: options.role } });
  return user;
}

/** The signed-in member a server action or operator command sees, for a user of a workspace. */
export function memberOf(
  user: { id: string; email: string; name: string },
  workspace: { id: string; slug: string; name: string },
  role: Role,
): Member {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role,
  };
}
