import "server-only";
import { db } from "@/lib/platform/db/client";
import type { Role } from "@/lib/model/permissions";

export type MemberRow = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  lastSignInAt: Date | null;
};

export async function listMembers(workspaceId: string): Promise<MemberRow[]> {
  const memberships = await db().membership.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "asc" },
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, lastSignInAt: true } },
    },
  });
  return memberships.map((m) => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt,
    lastSignInAt: m.user.lastSignInAt,
  }));
}

export async function getWorkspace(workspaceId: string): Promise<{
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  reopenWindowDays: number;
  assistantName: string;
  /** Whether host sites can sign shoppers in to the web chat (the secret itself never leaves the server). */
  chatIdentityConfigured: boolean;
  chatEmbedOrigins: string[];
} | null> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: {
      id: true,
      name: true,
      slug: true,
      createdAt: true,
      reopenWindowDays: true,
      assistantName: true,
      chatIdentitySecret: true,
      chatEmbedOrigins: true,
    },
  });
  if (!workspace) return null;
  const { chatIdentitySecret, ...rest } = workspace;
  return { ...rest, chatIdentityConfigured: Boolean(chatIdentitySecret) };
}
