// Simulated cases made from held-out examples run on the demo's Retail flow: the run trains a hidden copy of its
// version without the held-out examples (publishing's own training), runs those cases on it, stores each result's
// basis and reuses that copy on the next run; other cases run on the version itself.
import { beforeAll, describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { createEvalRun } from "@/lib/features/evals/run-suite";
import { generateSimulatedCases } from "@/lib/features/evals/simulated-cases";
import { getEvalRun } from "@/lib/features/evals/get-eval-run";
import { prepareRunReport } from "@/lib/features/evals/prepare-run-report";
import {
  DEFAULT_HOLD_OUT,
  heldOutTexts,
  routesOfGraph,
  splitExamples,
  trainedTexts,
} from "@/lib/features/evals/held-out";
import { normalizePhrasing } from "@/lib/features/evals/offline-phrasings";
import { waitFor } from "@/tests/support/engine";
import { demoWorkspace, seedUser } from "@/tests/support/factories";

let member: Member;
let flow: { id: string; publishedVersionId: string };
let graph: unknown;

beforeAll(async () => {
  const workspace = await demoWorkspace();
  const user = await seedUser({ workspaceId: workspace.id, role: "designer" });
  member = {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role: "designer",
  };
  const row = await db().flow.findUniqueOrThrow({
    where: { workspaceId_slug: { workspaceId: workspace.id, slug: "retail-support" } },
    include: { publishedVersion: true },
  });
  flow = { id: row.id, publishedVersionId: row.publishedVersionId! };
  graph = row.publishedVersion!.graph;
});

async function runToEnd(suiteId: string) {
  const { runId } = await db().$transaction(
    (tx) => createEvalRun(tx, member, { suiteId, target: "version", versionId: flow.publishedVersionId }),
    { timeout: 60_000 },
  );
  await waitFor(
    async () => (await db().evalRun.findUniqueOrThrow({ where: { id: runId } })).status === "done",
    120_000,
    "the eval run",
  );
  return db().evalRun.findUniqueOrThrow({
    where: { id: runId },
    include: { results: { include: { case: { select: { name: true } } } } },
  });
}

describe("a suite with simulated cases", () => {
  it("judges held-out cases by a router trained without the held-out examples, and says so", async () => {
    const splits = splitExamples(routesOfGraph(graph).routes, DEFAULT_HOLD_OUT);
    const held = heldOutTexts(splits);
    const simulated = await generateSimulatedCases({
      workspaceId: member.workspaceId,
      flowId: flow.id,
      perRoute: 1,
      seed: 3,
    });
    expect(simulated.length).toBe(splits.length);
    for (const c of simulated) {
      expect(c.basis).toBe("held_out");
      expect(c.simulatedFrom.length).toBe(1);
      expect(held.has(normalizePhrasing(c.simulatedFrom[0]))).toBe(true);
    }
    const trainedExample = splits.find((s) => s.route === "order_status")!.train[0];
    const suite = await db().evalSuite.create({
      data: { workspaceId: member.workspaceId, flowId: flow.id, name: "Simulated customers" },
    });
    await db().evalCase.createMany({
      data: [
        ...simulated.map(({ basis: _basis, ...c }) => ({ suiteId: suite.id, ...c })),
        // Made before held-out phrasings existed: from the trained-on examples.
        {
          suiteId: suite.id,
          name: "legacy simulated",
          turns: ["hi, where's my purchase"],
          expectations: { routes: ["order_status"] },
          source: "simulated",
        },
        {
          suiteId: suite.id,
          name: "from a trained example",
          turns: [`hello, ${trainedExample.toLowerCase()} pls`],
          expectations: { routes: ["order_status"] },
          source: "simulated",
          simulatedFrom: [trainedExample],
        },
        { suiteId: suite.id, name: "manual", turns: ["I want a refund"], expectations: { routes: ["refund"] } },
      ],
    });

    const run = await runToEnd(suite.id);
    expect(run.heldOutShare).toBe(0.2);
    expect(run.heldOutVersionId).toBeTruthy();
    const version = await db().flowVersion.findUniqueOrThrow({
      where: { id: run.heldOutVersionId! },
      include: { intentModels: true },
    });
    expect(version).toMatchObject({ flowId: flow.id, kind: "test", number: null, draftRevision: null });
    // Never trained on a held-out example, and only those are missing.
    const trained = trainedTexts(version.graph);
    for (const text of held) expect(trained.has(text), text).toBe(false);
    const original = await db().intentModel.findMany({ where: { flowVersionId: flow.publishedVersionId } });
    const router = original.find((m) => m.intents.includes("order_status") && m.intents.includes("refund"))!;
    const retrained = version.intentModels.find((m) => m.nodeId === router.nodeId)!;
    expect(retrained.exampleCount).toBe(router.exampleCount - held.size);

    const byName = new Map(run.results.map((r) => [r.case.name, r]));
    const versionOf = async (conversationId: string | null) =>
      (await db().conversation.findUniqueOrThrow({ where: { id: conversationId! } })).flowVersionId;
    for (const c of simulated) {
      const result = byName.get(c.name)!;
      expect(result.routingBasis, c.name).toBe("held_out");
      expect(await versionOf(result.conversationId)).toBe(run.heldOutVersionId);
    }
    for (const name of ["legacy simulated", "from a trained example"]) {
      expect(byName.get(name)!.routingBasis, name).toBe("training");
      expect(await versionOf(byName.get(name)!.conversationId)).toBe(flow.publishedVersionId);
    }
    expect(byName.get("manual")!.routingBasis).toBeNull();
    expect(await versionOf(byName.get("manual")!.conversationId)).toBe(flow.publishedVersionId);

    // The console's report names each figure.
    const detail = (await getEvalRun(member.workspaceId, run.id))!;
    const report = prepareRunReport(detail.results, { heldOutShare: detail.heldOutShare });
    expect(report.routing.byBasis.map((b) => [b.label, b.total])).toEqual([
      ["routing accuracy on held-out phrasings (20% of each route's examples, not trained on)", simulated.length],
      ["routing accuracy on training phrasings (optimistic)", 2],
    ]);

    // The next run of the same version reuses the held-out copy rather than training again.
    const versions = await db().flowVersion.count({ where: { flowId: flow.id } });
    const again = await runToEnd(suite.id);
    expect(again.heldOutVersionId).toBe(run.heldOutVersionId);
    expect(await db().flowVersion.count({ where: { flowId: flow.id } })).toBe(versions);
  });

  it("a suite without simulated cases trains nothing", async () => {
    const suite = await db().evalSuite.create({
      data: { workspaceId: member.workspaceId, flowId: flow.id, name: "Scripts only" },
    });
    await db().evalCase.create({
      data: { suiteId: suite.id, name: "manual", turns: ["I want a refund"], expectations: { routes: ["refund"] } },
    });
    const run = await runToEnd(suite.id);
    expect(run).toMatchObject({ heldOutVersionId: null, heldOutShare: null });
    expect(run.results[0].routingBasis).toBeNull();
  });
});
