// The demo's "Conversation behaviours" suites, one per demo flow, are seeded with the workspace and pass in full when
// run the way the console runs them: a queued eval run that the worker executes against the flow's live version.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { caseExpectationsSchema, type CheckResult } from "@/lib/features/evals/expectations";
import { createEvalRun } from "@/lib/features/evals/run-suite";
import { seedDemo } from "@/prisma/demo/seed-demo";
import { DEMO_EVAL_SUITES } from "@/prisma/demo/seed-eval-suites";
import { demoWorkspace, memberOf, seedUser } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/engine";

const workspace = await demoWorkspace();
const designer = memberOf(await seedUser({ workspaceId: workspace.id, role: "designer" }), workspace, "designer");

async function seededSuite(flowSlug: string, name: string) {
  return db().evalSuite.findFirstOrThrow({
    where: { workspaceId: workspace.id, name, flow: { slug: flowSlug } },
    include: { flow: { select: { publishedVersionId: true } }, cases: { orderBy: { name: "asc" } } },
  });
}

/** One line per failed check (or error) of a finished run, naming the case, so a failure says what broke. */
async function failuresOf(runId: string): Promise<string[]> {
  const results = await db().evalCaseResult.findMany({
    where: { runId, passed: false },
    include: { case: { select: { name: true, turns: true } } },
  });
  return results.flatMap((result) => {
    const label = `${result.case.name} ${JSON.stringify(result.case.turns)}`;
    if (result.error) return [`${label}: ${result.error}`];
    return (result.checks as CheckResult[])
      .filter((check) => !check.passed)
      .map((check) => `${label}: ${check.label}; got ${JSON.stringify(check.actual)}`);
  });
}

describe.each(DEMO_EVAL_SUITES.map((suite) => [suite.flowSlug, suite.name] as const))(
  "the %s flow's “%s” suite",
  (flowSlug, name) => {
    it("is seeded with at least 40 multi-turn cases, each with expectations", async () => {
      const suite = await seededSuite(flowSlug, name);
      expect(suite).toMatchObject({ gatesPublish: false, passThreshold: 1 });
      expect(suite.cases.length).toBeGreaterThanOrEqual(40);
      for (const c of suite.cases) {
        expect((c.turns as string[]).length, c.name).toBeGreaterThanOrEqual(2);
        const expectations = caseExpectationsSchema.parse(c.expectations);
        expect(Object.keys(expectations).length, c.name).toBeGreaterThan(0);
      }
    });

    it("passes every case against the live version, through a queued run", { timeout: 300_000 }, async () => {
      const suite = await seededSuite(flowSlug, name);
      const { runId } = await db().$transaction(
        (tx) =>
          createEvalRun(tx, designer, {
            suiteId: suite.id,
            target: "version",
            versionId: suite.flow.publishedVersionId!,
          }),
        { timeout: 60_000 },
      );
      await waitFor(
        async () => (await db().evalRun.findUniqueOrThrow({ where: { id: runId } })).status === "done",
        280_000,
        `the run of ${flowSlug}'s suite`,
      );
      expect(await failuresOf(runId)).toEqual([]);
      const run = await db().evalRun.findUniqueOrThrow({ where: { id: runId } });
      expect(run).toMatchObject({ total: suite.cases.length, passed: suite.cases.length });
    });
  },
);

describe("seeding the demo again", () => {
  it("adds back only the suites' missing cases and keeps what someone edited", async () => {
    const suite = await seededSuite("retail-support", "Conversation behaviours");
    const [edited, deleted] = suite.cases;
    await db().evalCase.update({ where: { id: edited.id }, data: { expectations: { escalated: true } } });
    await db().evalCase.delete({ where: { id: deleted.id } });
    // As in a workspace seeded before the suites existed.
    const banking = await seededSuite("banking-support", "Conversation behaviours");
    await db().evalSuite.delete({ where: { id: banking.id } });

    expect(await seedDemo(db())).toEqual({ workspaceId: workspace.id, created: false });

    const after = await seededSuite("retail-support", "Conversation behaviours");
    expect(after.cases.map((c) => c.name)).toEqual(suite.cases.map((c) => c.name));
    expect(after.cases.find((c) => c.name === edited.name)?.expectations).toEqual({ escalated: true });
    const bankingAfter = await seededSuite("banking-support", "Conversation behaviours");
    expect(bankingAfter.cases.map((c) => [c.name, c.turns, c.expectations])).toEqual(
      banking.cases.map((c) => [c.name, c.turns, c.expectations]),
    );
    expect(await db().evalSuite.count({ where: { workspaceId: workspace.id } })).toBe(DEMO_EVAL_SUITES.length);
  });
});
