// The flows other agents may call (A2A agents, MCP tools): published, and accepting the API channel.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { loadVersionGraph, startNode } from "@/lib/runtime/engine/run/load-graph";

export type PublishedFlow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  versionId: string;
  versionNumber: number | null;
  publishedAt: Date | null;
  /** Route labels and examples of the flow's first router, if any: what the flow is good at (A2A skills, tool docs). */
  routes: { id: string; label: string; examples: string[] }[];
};

export async function listPublishedFlows(workspaceId: string, slug?: string): Promise<PublishedFlow[]> {
  const flows = await db().flow.findMany({
    where: { workspaceId, publishedVersionId: { not: null }, ...(slug ? { slug } : {}) },
    // Not the graph: versions are immutable, so loadVersionGraph reads each one once per process (these lists are
    // built on every A2A and MCP request).
    include: { publishedVersion: { select: { id: true, number: true, createdAt: true } } },
    orderBy: { name: "asc" },
  });
  const out: PublishedFlow[] = [];
  for (const flow of flows) {
    const version = flow.publishedVersion;
    if (!version) continue;
    const graph = await loadVersionGraph(db(), version.id);
    const start = startNode(graph);
    if (start.kind !== "start" || !start.config.channels.includes("api")) continue;
    const router = graph.nodes.find((n) => n.kind === "router");
    out.push({
      id: flow.id,
      slug: flow.slug,
      name: flow.name,
      description: flow.description,
      versionId: version.id,
      versionNumber: version.number,
      publishedAt: version.createdAt,
      routes:
        router?.kind === "router"
          ? router.config.routes.map((r) => ({ id: r.id, label: r.label, examples: r.examples.slice(0, 5) }))
          : [],
    });
  }
  return out;
}

export async function findPublishedFlow(workspaceId: string, slug: string): Promise<PublishedFlow | null> {
  return (await listPublishedFlows(workspaceId, slug))[0] ?? null;
}
