// A case names routes and tools of its suite's flow: saving, editing or importing one with a misspelt name is refused
// with the bad value named and changes nothing (session mocked; actions, Postgres and the audit log are real).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadRetailFlow, newSuite, signIn } from "@/tests/integration/features/evals/suites-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const actions = await import("@/lib/features/evals/actions");
const { db } = await import("@/lib/platform/db/client");

beforeAll(loadRetailFlow);

const snapshot = async (suiteId: string) => ({
  cases: await db().evalCase.findMany({ where: { suiteId }, orderBy: { name: "asc" } }),
  audit: await db().auditLog.count(),
});

describe("case names checked against the flow", () => {
  it("refuses a case with a misspelt route or tool, on create and on edit, changing nothing", async () => {
    await signIn("designer");
    const suiteId = await newSuite("Names");
    const good = await actions.createCaseAction({
      suiteId,
      name: "Order status",
      turns: ["where is my order A1002"],
      expectations: { routes: ["order_status"], toolsCalled: ["lookup_order"], toolsNotCalled: ["refund_order"] },
    });
    expect(good.ok).toBe(true);
    if (!good.ok) return;
    const before = await snapshot(suiteId);

    const typo = await actions.createCaseAction({
      suiteId,
      name: "Typo",
      turns: ["where is my order A1002"],
      expectations: { routes: ["order_statsu"] },
    });
    expect(typo).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: {
        "expectations.routes": [
          expect.stringMatching(/“order_statsu” is not a route of this flow\. Did you mean order_status\?/),
        ],
      },
    });
    // The matrix's old name for the tool (the node's id) is not the tool's name.
    const edit = await actions.updateCaseAction({
      caseId: good.data.caseId,
      name: "Order status",
      turns: ["where is my order A1002"],
      expectations: { toolsCalled: ["order_lookup"] },
    });
    expect(edit).toMatchObject({
      ok: false,
      fieldErrors: {
        "expectations.toolsCalled": [expect.stringMatching(/“order_lookup”.*Did you mean lookup_order\?/)],
      },
    });
    expect(await snapshot(suiteId)).toEqual(before);
  });

  it("refuses an import naming an unknown route, with its row, importing nothing", async () => {
    await signIn("designer");
    const suiteId = await newSuite("Names import");
    const before = await snapshot(suiteId);
    const result = await actions.importCasesAction({
      suiteId,
      fileName: "cases.csv",
      text: "name,turns,route,tools_called\nFine,where is my order,order_status,lookup_order\nWrong,refund please,refnud,\n",
    });
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: {
        file: [expect.stringMatching(/^Row 3: “refnud” is not a route of this flow\. Did you mean refund\?/)],
      },
    });
    expect(await snapshot(suiteId)).toEqual(before);
  });
});
