import "server-only";
import { db } from "@/lib/platform/db/client";

/** The names an escalate node can hand off to: the workspace's handoff endpoints, for the designer's suggestions. */
export async function listHandoffEndpointNames(workspaceId: string): Promise<string[]> {
  const rows = await db().webhookEndpoint.findMany({
    where: { workspaceId, kind: "handoff" },
    orderBy: { name: "asc" },
    select: { name: true },
    take: 200,
  });
  return rows.map((row) => row.name);
}
