// Held-out routing for benches: the flow published again with the held-out route examples removed from every router
// and interruption check, trained by publishing itself, on the bench's throw-away database only. Call after
// DATABASE_URL points at that database (the app's modules read it on first use).
import type { HoldOut } from "@/lib/features/evals/held-out";
import { republishFlow } from "./republish-flow";

export type HeldOutPublish = { heldOut: number; examples: number; tooFew: string[] };

/** Republishes the flow's live graph without the examples `holdOut` holds out; returns what it held out. */
export async function publishWithoutHeldOut(
  workspaceId: string,
  flowSlug: string,
  holdOut: HoldOut,
): Promise<HeldOutPublish> {
  const { db } = await import("@/lib/platform/db/client");
  const { flowGraphSchema } = await import("@/lib/model/flow/schema");
  const { graphWithoutHeldOut, heldOutTexts, routesOfGraph, splitExamples } =
    await import("@/lib/features/evals/held-out");
  const flow = await db().flow.findUniqueOrThrow({
    where: { workspaceId_slug: { workspaceId, slug: flowSlug } },
    include: { publishedVersion: true },
  });
  const graph = flowGraphSchema.parse(flow.publishedVersion?.graph ?? flow.draft);
  const splits = splitExamples(routesOfGraph(graph).routes, holdOut);
  const draft = graphWithoutHeldOut(graph, heldOutTexts(splits));
  await republishFlow(flow.id, draft, "bench: trained without the held-out route examples");
  return {
    heldOut: splits.reduce((n, s) => n + s.heldOut.length, 0),
    examples: splits.reduce((n, s) => n + s.heldOut.length + s.train.length, 0),
    tooFew: splits.filter((s) => !s.heldOut.length).map((s) => s.route),
  };
}
