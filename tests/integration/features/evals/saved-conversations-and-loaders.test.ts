// Saving a real conversation as an eval case, and the pages' loaders for suites and runs, through the server actions
// (session mocked; the rest is real).
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  audits,
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
const { listEvalSuites } = await import("@/lib/features/evals/list-eval-suites");
const { getEvalSuite } = await import("@/lib/features/evals/get-eval-suite");
const { getEvalRun } = await import("@/lib/features/evals/get-eval-run");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { sendTurn } = await import("@/tests/support/engine");
const { seedWorkspace } = await import("@/tests/support/factories");

beforeAll(loadRetailFlow);

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
