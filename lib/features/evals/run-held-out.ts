// The router a run judges simulated cases by: the run's version with the held-out examples removed from every
// route and trained the way publishing trains (freezeVersion), as a hidden test version. Cases made from held-out
// examples run on it; everything else runs on the run's own version.
import "server-only";
import { canonicalJson } from "@/lib/model/canonical-json";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { db } from "@/lib/platform/db/client";
import { freezeVersion, pretrainModels } from "@/lib/features/flows/publish-flow";
import {
  DEFAULT_HOLD_OUT,
  graphWithoutHeldOut,
  heldOutTexts,
  routesOfGraph,
  routingBasisOf,
  splitExamples,
  trainedTexts,
  type RoutingBasis,
} from "./held-out";

/** Training a large router (BANKING77's 77 intents) takes seconds: more than a transaction's default 5 s. */
const TRAINING_TIMEOUT_MS = 120_000;

export type HeldOutTarget = { versionId: string; share: number; trained: Set<string> };

type Run = { id: string; flowId: string; flowVersionId: string; heldOutVersionId: string | null };

/**
 * The run's held-out version: the one it already has (a retried run resumes), one an earlier run of the same version
 * made with the same examples held out, or a new one. Null when the version holds nothing out (no route with enough
 * examples) or cannot be read.
 */
export async function heldOutTarget(run: Run): Promise<HeldOutTarget | null> {
  const version = await db().flowVersion.findUnique({ where: { id: run.flowVersionId }, select: { graph: true } });
  const graph = flowGraphSchema.safeParse(version?.graph);
  if (!graph.success) return null;
  const texts = heldOutTexts(splitExamples(routesOfGraph(graph.data).routes, DEFAULT_HOLD_OUT));
  if (!texts.size) return null;
  const reduced = graphWithoutHeldOut(graph.data, texts);
  const target = (versionId: string): HeldOutTarget => ({
    versionId,
    share: DEFAULT_HOLD_OUT.share,
    trained: trainedTexts(reduced),
  });

  const key = canonicalJson(reduced);
  const candidates = [
    run.heldOutVersionId,
    ...(
      await db().evalRun.findMany({
        where: { flowVersionId: run.flowVersionId, heldOutVersionId: { not: null }, NOT: { id: run.id } },
        orderBy: { createdAt: "desc" },
        select: { heldOutVersionId: true },
        take: 5,
      })
    ).map((r) => r.heldOutVersionId),
  ].filter((id): id is string => !!id);
  for (const id of new Set(candidates)) {
    // A test version can be pruned (lib/features/flows/test-version.ts), and examples can change between versions.
    const existing = await db().flowVersion.findFirst({
      where: { id, flowId: run.flowId, kind: "test" },
      select: { graph: true },
    });
    if (existing && canonicalJson(existing.graph) === key) {
      await remember(run.id, id);
      return target(id);
    }
  }

  await pretrainModels(reduced);
  const created = await db().$transaction(
    (tx) =>
      freezeVersion(tx, {
        flowId: run.flowId,
        graph: reduced,
        kind: "test",
        number: null,
        note: `Trained without ${texts.size} held-out route examples, for evaluation run ${run.id}`,
        createdById: null,
        // No draft revision: the designer's test chat never picks it up as the draft's test version.
        draftRevision: null,
      }),
    { timeout: TRAINING_TIMEOUT_MS },
  );
  await remember(run.id, created.id);
  return target(created.id);
}

async function remember(runId: string, versionId: string): Promise<void> {
  await db().evalRun.update({
    where: { id: runId },
    data: { heldOutVersionId: versionId, heldOutShare: DEFAULT_HOLD_OUT.share },
  });
}

/** Where a case runs and what its routing figure is: null basis for cases that were not simulated. */
export function caseTarget(
  evalCase: { source: string; simulatedFrom: string[]; turns: unknown },
  runVersionId: string,
  heldOut: HeldOutTarget | null,
): { versionId: string; basis: RoutingBasis | null } {
  if (evalCase.source !== "simulated") return { versionId: runVersionId, basis: null };
  const turns = Array.isArray(evalCase.turns) ? evalCase.turns.filter((t): t is string => typeof t === "string") : [];
  if (heldOut && routingBasisOf(evalCase.simulatedFrom, turns, heldOut.trained) === "held_out")
    return { versionId: heldOut.versionId, basis: "held_out" };
  return { versionId: runVersionId, basis: "training" };
}
