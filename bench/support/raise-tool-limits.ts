// The demo permits lookup_order 120 times a minute per workspace, which a bench passes within seconds: its turns would
// then measure the refusal, not the lookup. Benches publish the flow again with its tools' per-minute limits raised,
// on their throw-away database only. Call after DATABASE_URL points at that database (the app's modules read it on
// first use).
import { republishFlow } from "./republish-flow";

type Draft = {
  nodes: { kind: string; config: { strategy?: string; mode?: string; interruptions?: { mode?: string } } }[];
  edges: { permission?: { ratePerMinute?: number } }[];
};

/**
 * Republishes the flow with every tool permission's per-minute limit at 100,000 (and, given `routerMode`, its router
 * and interruption check in that mode); returns how many limits it raised.
 */
export async function raiseToolLimits(
  workspaceId: string,
  flowSlug: string,
  routerMode?: "fast" | "semantic" | null,
): Promise<number> {
  const { db } = await import("@/lib/platform/db/client");
  const flow = await db().flow.findUniqueOrThrow({ where: { workspaceId_slug: { workspaceId, slug: flowSlug } } });
  const draft = flow.draft as Draft;
  for (const node of routerMode ? draft.nodes : []) {
    if (node.kind === "router" && (node.config.strategy ?? "classifier") === "classifier")
      node.config.mode = routerMode!;
    if (node.kind === "start" && node.config.interruptions) node.config.interruptions.mode = routerMode!;
  }
  let raised = 0;
  for (const edge of draft.edges) {
    if (!edge.permission?.ratePerMinute) continue;
    edge.permission.ratePerMinute = 100_000;
    raised++;
  }
  await republishFlow(
    flow.id,
    draft,
    `bench: tool rate limits raised${routerMode ? `, classifiers in ${routerMode} mode` : ""}`,
  );
  return raised;
}
