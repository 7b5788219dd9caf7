// Agent nodes as the Live page names them: a conversation's agents by label, and the agent filter's options
// ("Flow › Agent"). Versions are immutable, so each version's labels are read once per process.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { agentValue } from "@/lib/features/list-filters";

type Labels = Map<string, string>;
const labelsByVersion = new Map<string, Labels>();
const MAX_CACHED = 500;

/** Agent node id → label, read leniently: a label is for display, an old graph shape must not break the list. */
function agentNodes(graph: unknown): Labels {
  const nodes = (graph as { nodes?: unknown } | null)?.nodes;
  const labels: Labels = new Map();
  if (!Array.isArray(nodes)) return labels;
  for (const node of nodes as { id?: unknown; kind?: unknown; label?: unknown }[]) {
    if (node?.kind === "agent" && typeof node.id === "string")
      labels.set(node.id, typeof node.label === "string" && node.label ? node.label : node.id);
  }
  return labels;
}

export async function agentLabels(versionIds: string[]): Promise<Map<string, Labels>> {
  const missing = versionIds.filter((id) => !labelsByVersion.has(id));
  if (missing.length) {
    const versions = await db().flowVersion.findMany({
      where: { id: { in: missing } },
      select: { id: true, graph: true },
    });
    if (labelsByVersion.size + versions.length > MAX_CACHED) labelsByVersion.clear();
    for (const version of versions) labelsByVersion.set(version.id, agentNodes(version.graph));
  }
  return new Map(
    versionIds.flatMap((id) => (labelsByVersion.has(id) ? [[id, labelsByVersion.get(id)!] as const] : [])),
  );
}

export type AgentOption = { value: string; label: string };

/**
 * Every agent node of the workspace's published flow versions, once per flow and node id (a node keeps its id across
 * versions), labelled as in the newest version that has it.
 */
export async function listAgentOptions(workspaceId: string): Promise<AgentOption[]> {
  const versions = await db().flowVersion.findMany({
    where: { kind: "published", flow: { workspaceId } },
    orderBy: [{ flow: { name: "asc" } }, { number: "desc" }],
    select: { id: true, flow: { select: { slug: true, name: true } } },
  });
  const labels = await agentLabels(versions.map((v) => v.id));
  const options = new Map<string, AgentOption>();
  for (const version of versions) {
    for (const [nodeId, label] of labels.get(version.id) ?? []) {
      const value = agentValue({ flowSlug: version.flow.slug, nodeId });
      if (!options.has(value)) options.set(value, { value, label: `${version.flow.name} › ${label}` });
    }
  }
  return [...options.values()];
}
