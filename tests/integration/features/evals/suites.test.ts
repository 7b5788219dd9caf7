// Suites and cases through their server actions (session mocked; defineAction, zod, the domain functions, Postgres
// and the audit log are real): CRUD, validation errors that change nothing, audit entries, workspace isolation,
// all-or-nothing import, saving a real conversation as a case, and the pages' loaders.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const actions = await import("@/lib/features/evals/actions");
const { db } = await import("@/lib/platform/db/client");
const { listEvalSuites, listEvalSuitesOfFlow } = await import("@/lib/features/evals/list-eval-suites");
const { getEvalSuite } = await import("@/lib/features/evals/get-eval-suite");
const { getEvalRun } = await import("@/lib/features/evals/get-eval-run");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { sendTurn } = await import("@/tests/support/engine");
const { demoWorkspace, seedUser, seedWorkspace } = await import("@/tests/support/factories");

type Ws = { id: string; slug: string; name: string };
let workspace: Ws;
let flowId: string;

async function signIn(role: Role, ws: Ws = workspace) {
  const user = await seedUser({ workspaceId: ws.id, role });
  signInAs({
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    workspaceName: ws.name,
    role,
  });
  return user;
}

const audits = (action: string, resourceId?: string) =>
  db().auditLog.findMany({ where: { action, ...(resourceId ? { resourceId } : {}) }, orderBy: { id: "asc" } });
const suiteFields = { description: "", passThreshold: 0.9, gatesPublish: true };

async function newSuite(name: string) {
  const result = await actions.createSuiteAction({ flowId, name, ...suiteFields });
  if (!result.ok) throw new Error(result.message);
  return result.data.suiteId;
}

beforeAll(async () => {
  workspace = await demoWorkspace();
  flowId = (await db().flow.findFirstOrThrow({ where: { workspaceId: workspace.id, slug: "retail-support" } })).id;
});

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
    });
    expect(updated.ok).toBe(true);
    expect(await db().evalCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({
      name: "Order status A1002",
      turns: ["where is my order", "A1002"],
      expectations: { routes: ["order_status", null] },
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

describe("saving a conversation as a case", () => {
  it("pins what happened as a case in a new suite of the conversation's flow, audited", async () => {
    const designer = await signIn("designer");
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      channel: "web",
    });
    await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "where is my order A1002" });

    const saved = await actions.saveConversationAsCaseAction({
      conversationId: conversation.id,
      name: "Order A1002",
      newSuiteName: "From production",
    });
    expect(saved).toMatchObject({ ok: true, data: { suiteName: "From production" } });
    if (!saved.ok) return;
    const row = await db().evalCase.findUniqueOrThrow({ where: { id: saved.data.caseId }, include: { suite: true } });
    expect(row).toMatchObject({
      name: "Order A1002",
      turns: ["where is my order A1002"],
      source: "conversation",
      sourceConversationId: conversation.id,
    });
    expect(row.suite).toMatchObject({ flowId, workspaceId: workspace.id, name: "From production", gatesPublish: true });
    expect((row.expectations as { routes?: unknown[] }).routes).toHaveLength(1);

    const again = await actions.saveConversationAsCaseAction({
      conversationId: conversation.id,
      name: "Order A1002 again",
      suiteId: saved.data.suiteId,
    });
    expect(again).toMatchObject({ ok: true, data: { suiteId: saved.data.suiteId } });

    expect((await audits("eval_suite.created", saved.data.suiteId)).map((a) => a.actorId)).toEqual([designer.id]);
    const trail = await db().auditLog.findMany({
      where: {
        action: "eval_case.saved_from_conversation",
        metadata: { path: ["conversationId"], equals: conversation.id },
      },
    });
    expect(trail).toHaveLength(2);
  });

  it("refuses test-channel conversations, another flow's suite and roles without eval.run", async () => {
    await signIn("admin");
    const real = await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });
    await sendTurn({ workspaceId: workspace.id, conversationId: real.id, text: "where is my order A1001" });
    const { flowVersionId } = await db().conversation.findUniqueOrThrow({ where: { id: real.id } });
    const test = await db().conversation.create({
      data: { workspaceId: workspace.id, flowId, flowVersionId, channel: "test" },
    });
    const suiteId = await newSuite("Guarded");
    const otherFlow = await db().flow.findFirst({ where: { workspaceId: workspace.id, NOT: { id: flowId } } });

    expect(
      await actions.saveConversationAsCaseAction({ conversationId: test.id, name: "Test chat", suiteId }),
    ).toMatchObject({ ok: false, code: "VALIDATION" });
    if (otherFlow) {
      const foreign = await actions.createSuiteAction({ flowId: otherFlow.id, name: "Other flow's", ...suiteFields });
      if (!foreign.ok) throw new Error(foreign.message);
      expect(
        await actions.saveConversationAsCaseAction({
          conversationId: real.id,
          name: "Wrong suite",
          suiteId: foreign.data.suiteId,
        }),
      ).toMatchObject({
        ok: false,
        fieldErrors: { suiteId: [expect.any(String)] },
      });
    }
    expect(
      await actions.saveConversationAsCaseAction({ conversationId: real.id, name: "Both", suiteId, newSuiteName: "x" }),
    ).toMatchObject({ ok: false, code: "VALIDATION" });
    await signIn("operator");
    expect(
      await actions.saveConversationAsCaseAction({ conversationId: real.id, name: "Operator", suiteId }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().evalCase.count({ where: { suiteId } })).toBe(0);
  });
});

describe("loaders", () => {
  it("list suites per flow with case counts and latest run, and load a run's report with the compared run", async () => {
    const admin = await signIn("admin");
    const suiteId = await newSuite("Loaded");
    const first = await actions.createCaseAction({ suiteId, name: "A", turns: ["hi"], expectations: {} });
    const second = await actions.createCaseAction({ suiteId, name: "B", turns: ["hello"], expectations: {} });
    if (!first.ok || !second.ok) throw new Error("cases");
    const flow = await db().flow.findUniqueOrThrow({ where: { id: flowId } });
    const makeRun = (passedA: boolean) =>
      db().evalRun.create({
        data: {
          workspaceId: workspace.id,
          suiteId,
          flowId,
          flowVersionId: flow.publishedVersionId!,
          target: "version",
          status: "done",
          total: 2,
          passed: passedA ? 2 : 1,
          startedById: admin.id,
          results: {
            create: [
              {
                caseId: first.data.caseId,
                passed: passedA,
                checks: [],
                routes: [{ turn: 1, expected: "order_status", actual: passedA ? "order_status" : "refund" }],
              },
              { caseId: second.data.caseId, passed: true, checks: [], conversationId: "gone" },
            ],
          },
        },
      });
    const older = await makeRun(false);
    const newer = await makeRun(true);

    const listed = (await listEvalSuites(workspace.id))
      .find((f) => f.id === flowId)!
      .suites.find((s) => s.id === suiteId)!;
    expect(listed).toMatchObject({ caseCount: 2, latestRun: { id: newer.id, status: "done", passed: 2, total: 2 } });

    const suite = await getEvalSuite(workspace.id, suiteId);
    expect(suite!.runs.map((r) => [r.id, r.startedBy, r.targetLabel.startsWith("v")])).toEqual([
      [newer.id, admin.name, true],
      [older.id, admin.name, true],
    ]);
    expect(suite!.versions.some((v) => v.isPublished)).toBe(true);

    const detail = await getEvalRun(workspace.id, newer.id, older.id);
    expect(detail!.results.map((r) => [r.caseName, r.passed, r.conversationId])).toEqual([
      ["A", true, null],
      ["B", true, null], // its conversation no longer exists: no trace link
    ]);
    expect(detail!.otherRuns.map((r) => r.id)).toEqual([older.id]);
    expect(detail!.compare!.results.map((r) => [r.caseName, r.passed])).toEqual([
      ["A", false],
      ["B", true],
    ]);
    const { workspace: other } = await seedWorkspace();
    expect(await getEvalRun(other.id, newer.id)).toBeNull();
  });
});
