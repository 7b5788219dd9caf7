import "server-only";
import { db } from "@/lib/platform/db/client";
import { NOT_TEST_CONVERSATION } from "@/lib/model/flow/channels";

export const RECENT_DAYS = 7;

export type FlowRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  updatedAt: Date;
  versionCount: number;
  published: { id: string; number: number; note: string; createdAt: Date; nodeCount: number | null } | null;
  recentConversations: number;
};

export async function listFlows(workspaceId: string): Promise<FlowRow[]> {
  const since = new Date(Date.now() - RECENT_DAYS * 24 * 60 * 60 * 1000);
  const [flows, recent, nodeCounts] = await Promise.all([
    db().flow.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        slug: true,
        name: true,
        description: true,
        updatedAt: true,
        publishedVersion: { select: { id: true, number: true, note: true, createdAt: true } },
        _count: { select: { versions: { where: { kind: "published" } } } },
      },
    }),
    db().conversation.groupBy({
      by: ["flowId"],
      where: { workspaceId, startedAt: { gte: since }, ...NOT_TEST_CONVERSATION },
      _count: { _all: true },
    }),
    // Counted in the database so the (possibly large) graphs are not shipped to the app for a number.
    db().$queryRaw<{ versionId: string; nodeCount: number }[]>`
      SELECT v.id AS "versionId", jsonb_array_length(v.graph -> 'nodes')::int AS "nodeCount"
      FROM "Flow" f JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
      WHERE f."workspaceId" = ${workspaceId}`,
  ]);
  const recentByFlow = new Map(recent.map((row) => [row.flowId, row._count._all]));
  const nodesByVersion = new Map(nodeCounts.map((row) => [row.versionId, Number(row.nodeCount)]));
  return flows.map((flow) => ({
    id: flow.id,
    slug: flow.slug,
    name: flow.name,
    description: flow.description,
    updatedAt: flow.updatedAt,
    versionCount: flow._count.versions,
    published: flow.publishedVersion
      ? {
          ...flow.publishedVersion,
          number: flow.publishedVersion.number ?? 0,
          nodeCount: nodesByVersion.get(flow.publishedVersion.id) ?? null,
        }
      : null,
    recentConversations: recentByFlow.get(flow.id) ?? 0,
  }));
}

/** Flow names and slugs, for filters. */
export async function listFlowOptions(workspaceId: string): Promise<{ id: string; slug: string; name: string }[]> {
  return db().flow.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true },
  });
}
