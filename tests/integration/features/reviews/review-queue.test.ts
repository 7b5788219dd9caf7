// The production review queue against a real Postgres: sampling (only real, ended or escalated, recent, not yet
// sampled conversations of the member's workspace), answering and skipping through the server actions (audited,
// refused to auditors), and the answers showing up in the routing-accuracy and reviewed-resolution KPIs.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { db } from "@/lib/platform/db/client";
import { loadKpiValues } from "@/lib/features/dashboard/load-dashboard";
import { signInAs } from "@/tests/support/session-mock";
import { seedUser, seedWorkspace } from "@/tests/support/factories";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { answerReviewItemAction, sampleReviewItemsAction, skipReviewItemAction } =
  await import("@/lib/features/reviews/actions");

type Ws = Awaited<ReturnType<typeof seedWorkspace>>;
let a: Ws;
let b: Ws;
let flowA: { id: string; versionId: string };
let flowA2: { id: string; versionId: string };
const production: string[] = [];
const excluded: Record<string, string> = {};

const now = Date.now();
const daysAgo = (n: number) => new Date(now - n * 86_400_000);

async function makeFlow(workspaceId: string, slug: string) {
  const graph = {
    schemaVersion: 1,
    nodes: [{ id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} }],
    edges: [],
  };
  const flow = await db().flow.create({ data: { workspaceId, slug, name: `Flow ${slug}`, draft: graph } });
  const version = await db().flowVersion.create({ data: { flowId: flow.id, number: 1, graph } });
  return { id: flow.id, versionId: version.id };
}

async function conversation(
  ws: string,
  flow: { id: string; versionId: string },
  o: {
    channel?: string;
    status: "active" | "escalated" | "resolved" | "abandoned" | "failed";
    endedDaysAgo?: number | null;
    evalRunId?: string;
  },
) {
  const ended = o.endedDaysAgo === undefined ? daysAgo(1) : o.endedDaysAgo === null ? null : daysAgo(o.endedDaysAgo);
  const c = await db().conversation.create({
    data: {
      workspaceId: ws,
      flowId: flow.id,
      flowVersionId: flow.versionId,
      channel: o.channel ?? "web",
      status: o.status,
      startedAt: ended ?? daysAgo(1),
      endedAt: ended,
      evalRunId: o.evalRunId,
    },
  });
  return c.id;
}

const memberOf = async (ws: Ws, role: Role) => {
  const user = role === "admin" ? ws.user : await seedUser({ workspaceId: ws.workspace.id, role });
  return signInAs({
    userId: user.id,
    email: user.email,
    name: user.name ?? "",
    workspaceId: ws.workspace.id,
    workspaceSlug: ws.workspace.slug,
    workspaceName: ws.workspace.name,
    role,
  });
};

beforeAll(async () => {
  a = await seedWorkspace();
  b = await seedWorkspace();
  flowA = await makeFlow(a.workspace.id, "rq-a");
  flowA2 = await makeFlow(a.workspace.id, "rq-a2");
  const flowB = await makeFlow(b.workspace.id, "rq-b");
  for (const status of ["resolved", "resolved", "abandoned", "failed"] as const)
    production.push(await conversation(a.workspace.id, flowA, { status }));
  production.push(
    await conversation(a.workspace.id, flowA, { status: "escalated", endedDaysAgo: null, channel: "api" }),
  );
  excluded.test = await conversation(a.workspace.id, flowA, { status: "resolved", channel: "test" });
  excluded.evalRun = await conversation(a.workspace.id, flowA, {
    status: "resolved",
    channel: "test",
    evalRunId: "run_x",
  });
  excluded.active = await conversation(a.workspace.id, flowA, { status: "active", endedDaysAgo: null });
  excluded.old = await conversation(a.workspace.id, flowA, { status: "resolved", endedDaysAgo: 20 });
  excluded.otherFlow = await conversation(a.workspace.id, flowA2, { status: "resolved" });
  excluded.otherWorkspace = await conversation(b.workspace.id, flowB, { status: "resolved" });
});

describe("sampling", () => {
  it("samples only recent, ended or escalated production conversations of the flow and workspace, each once", async () => {
    await memberOf(a, "operator");
    const first = await sampleReviewItemsAction({ count: 3, flowId: flowA.id });
    expect(first).toMatchObject({ ok: true, data: { sampled: 3 } });
    const second = await sampleReviewItemsAction({ count: 50, flowId: flowA.id });
    expect(second).toMatchObject({ ok: true, data: { sampled: 2 } });
    const third = await sampleReviewItemsAction({ count: 50, flowId: flowA.id });
    expect(third).toMatchObject({ ok: true, data: { sampled: 0 } });

    const items = await db().reviewItem.findMany({ where: { workspaceId: a.workspace.id } });
    expect(items.map((i) => i.conversationId).sort()).toEqual([...production].sort());
    expect(
      items.every((i) => i.status === "pending" && i.flowId === flowA.id && i.flowVersionId === flowA.versionId),
    ).toBe(true);
    expect(items.find((i) => i.conversationId === production[4])!.channel).toBe("api");
    expect(
      await db().reviewItem.count({
        where: { conversationId: { in: Object.values(excluded).filter((id) => id !== excluded.otherFlow) } },
      }),
    ).toBe(0);

    const audits = await db().auditLog.findMany({
      where: { workspaceId: a.workspace.id, action: "review_item.sampled" },
      orderBy: { at: "asc" },
    });
    expect(audits.map((e) => (e.metadata as { sampled: number }).sampled)).toEqual([3, 2, 0]);
  });

  it("without a flow filter, samples the other flows too (but never another workspace's)", async () => {
    await memberOf(a, "designer");
    expect(await sampleReviewItemsAction({ count: 10 })).toMatchObject({ ok: true, data: { sampled: 1 } });
    expect(await db().reviewItem.findUnique({ where: { conversationId: excluded.otherFlow } })).not.toBeNull();
    expect(await db().reviewItem.count({ where: { workspaceId: b.workspace.id } })).toBe(0);
  });

  it("refuses bad counts and auditors", async () => {
    await memberOf(a, "admin");
    expect(await sampleReviewItemsAction({ count: 0 })).toMatchObject({ ok: false, code: "VALIDATION" });
    await memberOf(a, "auditor");
    expect(await sampleReviewItemsAction({ count: 1 })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("answering", () => {
  it("records answers with an audit entry, and skips; another workspace's item is not found; auditors are refused", async () => {
    // In the order the conversations were made: the last one (api, escalated) stays pending.
    const rows = await db().reviewItem.findMany({ where: { workspaceId: a.workspace.id, flowId: flowA.id } });
    const items = production.map((id) => rows.find((r) => r.conversationId === id)!);
    const operator = await memberOf(a, "operator");
    // Three of the five answered: routes right, right, wrong; resolved yes, no, yes. One skipped.
    const answers = [
      { routeCorrect: true, resolved: true },
      { routeCorrect: true, resolved: false },
      { routeCorrect: false, resolved: true },
    ];
    for (const [i, answer] of answers.entries()) {
      const result = await answerReviewItemAction({
        itemId: items[i].id,
        ...answer,
        guardrailCorrect: true,
        note: i === 2 ? "should have gone to refunds" : undefined,
      });
      expect(result).toMatchObject({ ok: true });
    }
    expect(await skipReviewItemAction({ itemId: items[3].id })).toMatchObject({ ok: true });
    expect(await skipReviewItemAction({ itemId: items[3].id })).toMatchObject({ ok: false, code: "CONFLICT" });

    const answered = await db().reviewItem.findUniqueOrThrow({ where: { id: items[2].id } });
    expect(answered).toMatchObject({
      status: "done",
      routeCorrect: false,
      resolved: true,
      guardrailCorrect: true,
      note: "should have gone to refunds",
      reviewerId: operator.userId,
    });
    expect(answered.reviewedAt).toBeInstanceOf(Date);

    const entries = await db().auditLog.findMany({
      where: {
        workspaceId: a.workspace.id,
        resourceType: "review_item",
        action: { in: ["review_item.answered", "review_item.skipped"] },
      },
    });
    expect(entries.filter((e) => e.action === "review_item.answered")).toHaveLength(3);
    const skipped = entries.find((e) => e.action === "review_item.skipped")!;
    expect(skipped).toMatchObject({ resourceId: items[3].id, actorId: operator.userId });
    expect(skipped.after).toMatchObject({ status: "skipped" });

    await memberOf(b, "admin");
    expect(
      await answerReviewItemAction({ itemId: items[4].id, routeCorrect: true, resolved: true, guardrailCorrect: true }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await memberOf(a, "auditor");
    expect(
      await answerReviewItemAction({ itemId: items[4].id, routeCorrect: true, resolved: true, guardrailCorrect: true }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await skipReviewItemAction({ itemId: items[4].id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect((await db().reviewItem.findUniqueOrThrow({ where: { id: items[4].id } })).status).toBe("pending");
  });

  it("feeds routing accuracy and reviewed resolution, filtered like the other KPIs", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const range = { from: today, to: today, flowId: null, versionId: null, channel: null };
    const { values } = await loadKpiValues(a.workspace.id, range);
    expect(values.routing_reviewed).toEqual({ correct: 2, total: 3 });
    expect(values.routing_accuracy).toBeCloseTo(2 / 3);
    expect(values.reviewed_resolution_counts).toEqual({ resolved: 2, total: 3 });

    expect((await loadKpiValues(a.workspace.id, { ...range, flowId: flowA2.id })).values.routing_reviewed).toEqual({
      correct: 0,
      total: 0,
    });
    expect((await loadKpiValues(a.workspace.id, { ...range, channel: "api" })).values.routing_reviewed.total).toBe(0);
    expect((await loadKpiValues(b.workspace.id, range)).values.routing_reviewed.total).toBe(0);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(
      (await loadKpiValues(a.workspace.id, { ...range, from: yesterday, to: yesterday })).values.reviewed_resolution,
    ).toBeNull();
  });
});
