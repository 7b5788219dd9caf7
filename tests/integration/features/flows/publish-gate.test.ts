// Publish gates end to end through the publish server action (session mocked; defineAction, zod, Postgres and the
// audit log are real). Suites and runs are written directly: what a run found is simulated, the gate is not.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { publishFlowAction, rollbackFlowAction } = await import("@/lib/features/flows/draft-actions");
const { GET: gatesRoute } = await import("@/app/api/console/flows/[flowId]/publish-gates/route");
const { db } = await import("@/lib/platform/db/client");
const { checkPublishGates } = await import("@/lib/features/flows/publish-gate");
const { publishDraft } = await import("@/lib/features/flows/publish-flow");
const { saveDraft } = await import("@/lib/features/flows/save-draft");
const { seedUser, seedWorkspace } = await import("@/tests/support/factories");
const { makeFlow, replyGraph, tx } = await import("./helpers");

async function member(workspace: { id: string; slug: string; name: string }, role: Role): Promise<Member> {
  const user = await seedUser({ workspaceId: workspace.id, role });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role,
  };
}

/** A flow with v1 live and a saved draft at revision 2 that differs from it. */
async function setup() {
  const { workspace } = await seedWorkspace();
  const admin = await member(workspace, "admin");
  const designer = await member(workspace, "designer");
  const flow = await makeFlow(workspace.id, admin.userId);
  const v1 = await tx((t) =>
    publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, note: "v1", userId: admin.userId }),
  );
  await tx((t) =>
    saveDraft(t, {
      workspaceId: workspace.id,
      flowId: flow.id,
      baseRevision: 1,
      graph: replyGraph("Hello from v2."),
      userId: admin.userId,
    }),
  );
  return { workspace, admin, designer, flow, liveVersionId: v1.versionId };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function suite(
  s: Setup,
  options: { name?: string; threshold?: number; cases?: number; gatesPublish?: boolean } = {},
) {
  const created = await db().evalSuite.create({
    data: {
      workspaceId: s.workspace.id,
      flowId: s.flow.id,
      name: options.name ?? "Refunds",
      passThreshold: options.threshold ?? 0.8,
      gatesPublish: options.gatesPublish ?? true,
    },
  });
  for (let i = 0; i < (options.cases ?? 5); i++) {
    await db().evalCase.create({
      data: { suiteId: created.id, name: `case ${i + 1}`, turns: ["refund please"], expectations: {} },
    });
  }
  return created;
}

async function run(
  s: Setup,
  suiteId: string,
  options: {
    target: "draft" | "version";
    draftRevision?: number;
    total: number;
    passed: number;
    status?: "done" | "running" | "failed";
  },
) {
  return db().evalRun.create({
    data: {
      workspaceId: s.workspace.id,
      suiteId,
      flowId: s.flow.id,
      flowVersionId: s.liveVersionId,
      target: options.target,
      draftRevision: options.target === "draft" ? (options.draftRevision ?? 2) : null,
      status: options.status ?? "done",
      total: options.total,
      passed: options.passed,
      startedAt: new Date(),
      finishedAt: options.status === "running" ? null : new Date(),
    },
  });
}

const gates = (s: Setup) =>
  tx((t) => checkPublishGates(t, { workspaceId: s.workspace.id, flowId: s.flow.id, draftRevision: 2 }));
const publish = (s: Setup, override?: { reason: string }) =>
  publishFlowAction({ flowId: s.flow.id, baseRevision: 2, note: "v2", override });

async function snapshot(s: Setup) {
  const flow = await db().flow.findUniqueOrThrow({ where: { id: s.flow.id } });
  return {
    publishedVersionId: flow.publishedVersionId,
    versions: await db().flowVersion.count({ where: { flowId: s.flow.id } }),
    audit: await db().auditLog.count({ where: { workspaceId: s.workspace.id } }),
  };
}

beforeEach(() => {
  signInAs(null);
});

describe("checkPublishGates", () => {
  it("blocks below the threshold", async () => {
    const s = await setup();
    const refunds = await suite(s, { threshold: 0.8 });
    const draftRun = await run(s, refunds.id, { target: "draft", total: 5, passed: 3 });
    expect(await gates(s)).toEqual({
      blocked: true,
      suites: [
        {
          suiteId: refunds.id,
          name: "Refunds",
          passRate: 0.6,
          threshold: 0.8,
          livePassRate: null,
          runId: draftRun.id,
          blocked: true,
          reason: "pass rate 60% is below the threshold of 80%",
        },
      ],
    });
  });

  it("blocks below the live version's pass rate, using the latest finished runs only", async () => {
    const s = await setup();
    const refunds = await suite(s, { threshold: 0.5 });
    await run(s, refunds.id, { target: "version", total: 5, passed: 2 });
    await run(s, refunds.id, { target: "version", total: 5, passed: 5 });
    await run(s, refunds.id, { target: "version", total: 5, passed: 0, status: "failed" });
    await run(s, refunds.id, { target: "draft", total: 5, passed: 4 });
    const report = await gates(s);
    expect(report.blocked).toBe(true);
    expect(report.suites[0]).toMatchObject({
      passRate: 0.8,
      livePassRate: 1,
      reason: "pass rate 80% is below the live version's 100%",
    });
  });

  it("passes at the threshold and at least the live rate", async () => {
    const s = await setup();
    const refunds = await suite(s, { threshold: 0.8 });
    await run(s, refunds.id, { target: "version", total: 5, passed: 4 });
    await run(s, refunds.id, { target: "draft", total: 5, passed: 4 });
    expect(await gates(s)).toMatchObject({
      blocked: false,
      suites: [{ blocked: false, passRate: 0.8, livePassRate: 0.8, reason: null }],
    });
  });

  it("a suite without cases does not block; a suite that does not gate publishing is not listed", async () => {
    const s = await setup();
    await suite(s, { name: "Empty", cases: 0 });
    const ignored = await suite(s, { name: "Exploratory", gatesPublish: false });
    await run(s, ignored.id, { target: "draft", total: 5, passed: 0 });
    expect(await gates(s)).toMatchObject({
      blocked: false,
      suites: [{ name: "Empty", blocked: false, passRate: null }],
    });
  });

  it("a run against an older draft revision, or one still running, does not count", async () => {
    const s = await setup();
    const refunds = await suite(s);
    await run(s, refunds.id, { target: "draft", draftRevision: 1, total: 5, passed: 5 });
    expect((await gates(s)).suites[0]).toMatchObject({
      blocked: true,
      reason: "run the suite against this draft first (the last run tested draft revision 1)",
    });
    await run(s, refunds.id, { target: "draft", total: 5, passed: 5, status: "running" });
    expect((await gates(s)).suites[0]).toMatchObject({
      blocked: true,
      reason: "run the suite against this draft first (a run against it has not finished yet)",
    });
  });

  it("another workspace's flow is not found", async () => {
    const s = await setup();
    const other = await seedWorkspace();
    await expect(
      tx((t) => checkPublishGates(t, { workspaceId: other.workspace.id, flowId: s.flow.id, draftRevision: 2 })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("publishing through the action", () => {
  it("is refused when blocked, listing the suites, and nothing changes", async () => {
    const s = await setup();
    const refunds = await suite(s, { name: "Refunds" });
    await run(s, refunds.id, { target: "draft", total: 5, passed: 1 });
    await suite(s, { name: "Orders" });
    const before = await snapshot(s);
    signInAs(s.admin);
    const result = await publish(s);
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!result.ok && result.message).toBe(
      'Publishing is blocked by 2 test suites: "Orders": run the suite against this draft first; "Refunds": pass rate 20% is below the threshold of 80%. Run the suites against this draft, or an admin can override with a reason.',
    );
    expect(await snapshot(s)).toEqual(before);
  });

  it("publishes as before when the gates pass", async () => {
    const s = await setup();
    const refunds = await suite(s);
    await run(s, refunds.id, { target: "draft", total: 5, passed: 5 });
    signInAs(s.designer);
    expect(await publish(s)).toMatchObject({ ok: true, data: { number: 2, overridden: false } });
    expect(
      await db().auditLog.count({ where: { workspaceId: s.workspace.id, action: "flow.publish_gate_overridden" } }),
    ).toBe(0);
  });

  it("a designer cannot override (FORBIDDEN) and nothing changes", async () => {
    const s = await setup();
    await suite(s);
    const before = await snapshot(s);
    signInAs(s.designer);
    expect(await publish(s, { reason: "Ship it anyway" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(s)).toEqual(before);
  });

  it("an override needs a reason of 5 to 500 characters", async () => {
    const s = await setup();
    await suite(s);
    signInAs(s.admin);
    expect(await publish(s, { reason: "meh " })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { "override.reason": expect.any(Array) },
    });
    expect(await publish(s, { reason: "x".repeat(501) })).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("an admin's override publishes and is audited with the suites' figures and the reason, in the same transaction", async () => {
    const s = await setup();
    const refunds = await suite(s, { threshold: 0.8 });
    const draftRun = await run(s, refunds.id, { target: "draft", total: 5, passed: 3 });
    await run(s, refunds.id, { target: "version", total: 5, passed: 4 });
    signInAs(s.admin);
    const result = await publish(s, { reason: "Hotfix for the outage; suite fix follows" });
    expect(result).toMatchObject({ ok: true, data: { number: 2, overridden: true } });
    if (!result.ok) return;

    const flow = await db().flow.findUniqueOrThrow({ where: { id: s.flow.id } });
    expect(flow.publishedVersionId).toBe(result.data.versionId);
    const entries = await db().auditLog.findMany({
      where: { workspaceId: s.workspace.id, action: { in: ["flow.published", "flow.publish_gate_overridden"] } },
      orderBy: { id: "asc" },
    });
    // v1 (published by the setup directly, no audit) then this publish and its override.
    expect(entries.map((e) => e.action)).toEqual(["flow.published", "flow.publish_gate_overridden"]);
    const override = entries[1];
    expect(override).toMatchObject({ resourceType: "flow", resourceId: s.flow.id, actorId: s.admin.userId });
    expect(override.after).toEqual({
      flow: s.flow.slug,
      number: 2,
      versionId: result.data.versionId,
      draftRevision: 2,
      reason: "Hotfix for the outage; suite fix follows",
      suites: [
        {
          suiteId: refunds.id,
          name: "Refunds",
          passRate: 0.6,
          threshold: 0.8,
          livePassRate: 0.8,
          runId: draftRun.id,
          blocked: true,
          reason: "pass rate 60% is below the threshold of 80%",
        },
      ],
    });
  });

  it("an admin's override on gates that pass publishes without an override entry", async () => {
    const s = await setup();
    signInAs(s.admin);
    expect(await publish(s, { reason: "Just in case" })).toMatchObject({ ok: true, data: { overridden: false } });
    expect(
      await db().auditLog.count({ where: { workspaceId: s.workspace.id, action: "flow.publish_gate_overridden" } }),
    ).toBe(0);
  });

  it("rollback is not gated: it restores a version that was already live", async () => {
    const s = await setup();
    await suite(s);
    signInAs(s.admin);
    expect(await publish(s, { reason: "Ship v2 before its suite runs" })).toMatchObject({
      ok: true,
      data: { number: 2 },
    });
    // The suite still has no run of anything: the way back to v1 stays open.
    signInAs(s.designer);
    expect(await rollbackFlowAction({ flowId: s.flow.id, versionNumber: 1, note: "back to v1" })).toMatchObject({
      ok: true,
      data: { number: 3 },
    });
  });
});

describe("the dialog's loader", () => {
  const get = (s: Setup, query = "?revision=2") =>
    gatesRoute(new Request(`http://localhost/api/console/flows/${s.flow.id}/publish-gates${query}`), {
      params: Promise.resolve({ flowId: s.flow.id }),
    });

  it("returns the report for the revision and whether this member may override; another workspace gets a 404", async () => {
    const s = await setup();
    await suite(s);
    signInAs(s.admin);
    const response = await get(s);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      draftRevision: 2,
      blocked: true,
      canOverride: true,
      suites: [{ name: "Refunds", blocked: true }],
    });

    signInAs(s.designer);
    expect(await (await get(s, "")).json()).toMatchObject({ draftRevision: 2, canOverride: false });

    const stranger = await seedWorkspace();
    signInAs(await member(stranger.workspace, "admin"));
    expect((await get(s)).status).toBe(404);
  });
});
