// Eval suites and their cases through the server actions (session mocked; defineAction, zod, the domain functions,
// Postgres and the audit log are real): create, update and delete, validation errors that change nothing, audit entries.
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  flowId,
  loadRetailFlow,
  newSuite,
  signIn,
  suiteFields,
  workspace,
} from "@/tests/integration/features/evals/suites-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const actions = await import("@/lib/features/evals/actions");
const { db } = await import("@/lib/platform/db/client");

beforeAll(loadRetailFlow);

describe("suites", () => {
  it("creates, updates and deletes a suite, auditing each change", async () => {
    const designer = await signIn("designer");
    const created = await actions.createSuiteAction({
      flowId,
      name: "  Orders  ",
      description: "Order questions",
      passThreshold: 0.8,
      gatesPublish: false,
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const suiteId = created.data.suiteId;
    expect(await db().evalSuite.findUniqueOrThrow({ where: { id: suiteId } })).toMatchObject({
      workspaceId: workspace.id,
      flowId,
      name: "Orders",
      passThreshold: 0.8,
      gatesPublish: false,
      createdById: designer.id,
    });

    const updated = await actions.updateSuiteAction({
      suiteId,
      name: "Orders v2",
      description: "",
      passThreshold: 1,
      gatesPublish: true,
    });
    expect(updated.ok).toBe(true);
    expect(await db().evalSuite.findUniqueOrThrow({ where: { id: suiteId } })).toMatchObject({
      name: "Orders v2",
      passThreshold: 1,
      gatesPublish: true,
    });

    const deleted = await actions.deleteSuiteAction({ suiteId });
    expect(deleted.ok).toBe(true);
    expect(await db().evalSuite.findUnique({ where: { id: suiteId } })).toBeNull();

    const trail = await db().auditLog.findMany({
      where: { resourceType: "eval_suite", resourceId: suiteId },
      orderBy: { id: "asc" },
    });
    expect(trail.map((a) => [a.action, a.actorId])).toEqual([
      ["eval_suite.created", designer.id],
      ["eval_suite.updated", designer.id],
      ["eval_suite.deleted", designer.id],
    ]);
    expect(trail[1].before).toMatchObject({ name: "Orders", passThreshold: 0.8 });
    expect(trail[1].after).toMatchObject({ name: "Orders v2", passThreshold: 1 });
  });

  it("rejects bad input, duplicate names and roles without eval.run, changing nothing", async () => {
    await signIn("admin");
    const suiteId = await newSuite("Unique suite");
    const before = await db().evalSuite.count();
    const auditCount = await db().auditLog.count();

    expect(await actions.createSuiteAction({ flowId, name: "Unique suite", ...suiteFields })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: [expect.any(String)] },
    });
    expect(await actions.createSuiteAction({ flowId, name: "", ...suiteFields })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: [expect.any(String)] },
    });
    expect(await actions.createSuiteAction({ flowId, name: "x".repeat(81), ...suiteFields })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(
      await actions.createSuiteAction({ flowId, name: "Too strict", ...suiteFields, passThreshold: 1.5 }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { passThreshold: [expect.any(String)] },
    });
    const other = await newSuite("Other suite");
    const clash = await actions.updateSuiteAction({ suiteId: other, name: "Unique suite", ...suiteFields });
    expect(clash).toMatchObject({ ok: false, code: "VALIDATION" });

    for (const role of ["operator", "auditor"] as const) {
      await signIn(role);
      expect(await actions.createSuiteAction({ flowId, name: "Nope", ...suiteFields })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(await actions.deleteSuiteAction({ suiteId })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await db().evalSuite.count()).toBe(before + 1); // only "Other suite"
    expect(await db().evalSuite.findUniqueOrThrow({ where: { id: other } })).toMatchObject({ name: "Other suite" });
    expect(await db().auditLog.count()).toBe(auditCount + 1);
  });
});

describe("cases", () => {
  it("creates, edits and deletes a case with validated turns and expectations, audited", async () => {
    const admin = await signIn("admin");
    const suiteId = await newSuite("Case CRUD");
    const created = await actions.createCaseAction({
      suiteId,
      name: "Order status",
      turns: [" where is my order A1002 "],
      expectations: {
        routes: ["order_status"],
        toolsCalled: ["lookup_order"],
        escalated: false,
        replyContains: ["A1002"],
      },
      customerRef: " C-1001 ",
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const caseId = created.data.caseId;
    expect(await db().evalCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      name: "Order status",
      turns: ["where is my order A1002"],
      expectations: {
        routes: ["order_status"],
        toolsCalled: ["lookup_order"],
        escalated: false,
        replyContains: ["A1002"],
      },
      customerRef: "C-1001",
      source: "manual",
    });

    const auditCount = await db().auditLog.count();
    expect(
      await actions.createCaseAction({ suiteId, name: "Order status", turns: ["hi"], expectations: {} }),
    ).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: [expect.any(String)] } });
    expect(await actions.createCaseAction({ suiteId, name: "No turns", turns: [], expectations: {} })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { turns: [expect.any(String)] },
    });
    expect(
      await actions.createCaseAction({
        suiteId,
        name: "Bad status",
        turns: ["hi"],
        expectations: { finalStatus: "closed" as never },
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { "expectations.finalStatus": [expect.any(String)] },
    });
    expect(await db().evalCase.count({ where: { suiteId } })).toBe(1);
    expect(await db().auditLog.count()).toBe(auditCount);

    const updated = await actions.updateCaseAction({
      caseId,
      name: "Order status A1002",
      turns: ["where is my order", "A1002"],
      expectations: { routes: ["order_status", null] },
      customerRef: "",
    });
    expect(updated.ok).toBe(true);
    // An emptied "Run as customer" makes it an anonymous visitor's case again.
    expect(await db().evalCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      name: "Order status A1002",
      turns: ["where is my order", "A1002"],
      expectations: { routes: ["order_status", null] },
      customerRef: null,
    });

    expect((await actions.deleteCaseAction({ caseId })).ok).toBe(true);
    expect(await db().evalCase.findUnique({ where: { id: caseId } })).toBeNull();
    const trail = await db().auditLog.findMany({
      where: { resourceType: "eval_case", resourceId: caseId },
      orderBy: { id: "asc" },
    });
    expect(trail.map((a) => [a.action, a.actorId])).toEqual([
      ["eval_case.created", admin.id],
      ["eval_case.updated", admin.id],
      ["eval_case.deleted", admin.id],
    ]);
  });
});
