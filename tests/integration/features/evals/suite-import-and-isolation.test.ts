// Importing cases into an eval suite, all or nothing, and workspace isolation of suites, cases and flows, through the
// server actions (session mocked; the rest is real).
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  audits,
  flowId,
  loadRetailFlow,
  newSuite,
  signIn,
  suiteFields,
} from "@/tests/integration/features/evals/suites-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const actions = await import("@/lib/features/evals/actions");
const { db } = await import("@/lib/platform/db/client");
const { listEvalSuites, listEvalSuitesOfFlow } = await import("@/lib/features/evals/list-eval-suites");
const { getEvalSuite } = await import("@/lib/features/evals/get-eval-suite");
const { seedWorkspace } = await import("@/tests/support/factories");

beforeAll(loadRetailFlow);

describe("import", () => {
  it("imports every row of a valid CSV or JSON file, audited once", async () => {
    await signIn("designer");
    const suiteId = await newSuite("Imported");
    const csv =
      "name,turns,route,escalated\nOrder,where is my order A1002,order_status,no\nHuman,I want a person || now,,yes\n";
    const result = await actions.importCasesAction({ suiteId, fileName: "cases.csv", text: csv });
    expect(result).toMatchObject({ ok: true, data: { count: 2 } });
    const json = JSON.stringify([{ name: "Refund", turns: ["refund A1003"], expectations: { routes: ["refund"] } }]);
    expect(await actions.importCasesAction({ suiteId, fileName: "more.json", text: json })).toMatchObject({
      ok: true,
      data: { count: 1 },
    });

    const cases = await db().evalCase.findMany({ where: { suiteId }, orderBy: { name: "asc" } });
    expect(cases.map((c) => [c.name, c.turns, c.expectations, c.source])).toEqual([
      ["Human", ["I want a person", "now"], { escalated: true }, "import"],
      ["Order", ["where is my order A1002"], { routes: ["order_status"], escalated: false }, "import"],
      ["Refund", ["refund A1003"], { routes: ["refund"] }, "import"],
    ]);
    const trail = await audits("eval_case.imported", suiteId);
    expect(trail.map((a) => [(a.after as { count: number }).count, (a.metadata as { format: string }).format])).toEqual(
      [
        [2, "csv"],
        [1, "json"],
      ],
    );
  });

  it("is all or nothing: a bad row, or a name the suite already has, imports nothing", async () => {
    await signIn("designer");
    const suiteId = await newSuite("All or nothing");
    expect((await actions.createCaseAction({ suiteId, name: "Existing", turns: ["hi"], expectations: {} })).ok).toBe(
      true,
    );
    const auditCount = await db().auditLog.count();

    const badRow = await actions.importCasesAction({
      suiteId,
      fileName: "cases.csv",
      text: "name,turns,escalated\nGood,hello,\nBad,hello,perhaps\n",
    });
    expect(badRow).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { file: [expect.stringMatching(/^Row 3: escalated/)] },
    });

    const clash = await actions.importCasesAction({
      suiteId,
      fileName: "cases.json",
      text: JSON.stringify([
        { name: "New", turns: ["a"] },
        { name: "Existing", turns: ["b"] },
      ]),
    });
    expect(clash).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { file: [expect.stringMatching(/^Row 2: .*Existing/)] },
    });

    expect((await db().evalCase.findMany({ where: { suiteId } })).map((c) => c.name)).toEqual(["Existing"]);
    expect(await db().auditLog.count()).toBe(auditCount);
  });
});

describe("workspace isolation", () => {
  it("treats another workspace's suites, cases and flows as not found and changes nothing", async () => {
    await signIn("admin");
    const suiteId = await newSuite("Private");
    const created = await actions.createCaseAction({ suiteId, name: "Private case", turns: ["hi"], expectations: {} });
    if (!created.ok) throw new Error(created.message);
    const caseId = created.data.caseId;

    const { workspace: other } = await seedWorkspace();
    await signIn("admin", other);
    const notFound = { ok: false, code: "NOT_FOUND" };
    expect(await actions.createSuiteAction({ flowId, name: "Sneaky", ...suiteFields })).toMatchObject(notFound);
    expect(await actions.updateSuiteAction({ suiteId, name: "Taken", ...suiteFields })).toMatchObject(notFound);
    expect(await actions.deleteSuiteAction({ suiteId })).toMatchObject(notFound);
    expect(await actions.createCaseAction({ suiteId, name: "Sneaky", turns: ["hi"], expectations: {} })).toMatchObject(
      notFound,
    );
    expect(await actions.updateCaseAction({ caseId, name: "Taken", turns: ["hi"], expectations: {} })).toMatchObject(
      notFound,
    );
    expect(await actions.deleteCaseAction({ caseId })).toMatchObject(notFound);
    expect(await actions.importCasesAction({ suiteId, fileName: "a.csv", text: "name,turns\nx,hi" })).toMatchObject(
      notFound,
    );
    expect(await actions.runSuiteAction({ suiteId, target: "draft" })).toMatchObject(notFound);

    expect(await db().evalSuite.findUniqueOrThrow({ where: { id: suiteId } })).toMatchObject({ name: "Private" });
    expect((await db().evalCase.findMany({ where: { suiteId } })).map((c) => c.name)).toEqual(["Private case"]);
    expect(await getEvalSuite(other.id, suiteId)).toBeNull();
    expect((await listEvalSuites(other.id)).flatMap((f) => f.suites)).toEqual([]);
    expect(await listEvalSuitesOfFlow(other.id, flowId)).toEqual([]);
  });
});
