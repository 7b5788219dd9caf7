import "server-only";
import { db } from "@/lib/platform/db/client";

export async function listMyWorkspaces(userId: string): Promise<{ id: string; name: string }[]> {
  const memberships = await db().membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { workspace: { select: { id: true, name: true } } },
  });
  return memberships.map((m) => m.workspace);
}
