// Reviewing routing decisions from the conversation page, end to end through the server action (session mocked; the
// rest is real: defineAction, zod, the domain function, Postgres, the audit log), plus the page's loader and the
// console's span-detail and live-stream routes.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { reviewRoutingAction } = await import("@/lib/features/conversations/actions");
const { GET: getSpan } = await import("@/app/api/console/conversations/[id]/spans/[spanId]/route");
const { GET: getStep } = await import("@/app/api/console/conversations/[id]/steps/[stepId]/route");
const { GET: getStream } = await import("@/app/api/console/conversations/[id]/stream/route");
const { db } = await import("@/lib/platform/db/client");
const { getConversationTrace } = await import("@/lib/features/conversations/get-conversation-trace");
const { expandTrace } = await import("@/lib/features/conversations/prepare-trace");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { sendTurn } = await import("@/tests/support/engine");
const { demoWorkspace, memberOf, seedUser, seedWorkspace } = await import("@/tests/support/factories");

let workspace: { id: string; slug: string; name: string };
let conversationId: string;
let routerStep: { id: string; chosen: string; other: string };
let otherStepId: string;

/** A new member of `ws` with `role`, signed in. */
async function signIn(role: Role, ws = workspace) {
  const user = await seedUser({ workspaceId: ws.id, role });
  signInAs(memberOf(user, ws, role));
  return user;
}

const reviewAudits = (stepId: string) =>
  db().auditLog.findMany({ where: { action: "routing.reviewed", resourceId: stepId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  workspace = await demoWorkspace();
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: "retail-support",
    channel: "web",
  });
  conversationId = conversation.id;
  await sendTurn({ workspaceId: workspace.id, conversationId, text: "Where is my order A1001?" });
  const steps = await db().step.findMany({ where: { conversationId }, orderBy: [{ turn: "asc" }, { seq: "asc" }] });
  const router = steps.find((s) => s.nodeKind === "router")!;
  const decision = (router.output as { decision: { chosen: string; candidates: { intent: string }[] } }).decision;
  routerStep = {
    id: router.id,
    chosen: decision.chosen,
    other: decision.candidates.find((c) => c.intent !== decision.chosen)!.intent,
  };
  otherStepId = steps.find((s) => s.nodeKind !== "router")!.id;
});

describe("reviewing a routing decision", () => {
  it("records a verdict, replaces it on re-marking (one per decision) and audits before → after", async () => {
    const operator = await signIn("operator");
    const right = await reviewRoutingAction({ stepId: routerStep.id, verdict: "correct" });
    expect(right).toMatchObject({ ok: true, data: { verdict: "correct", expected: null } });

    const wrong = await reviewRoutingAction({
      stepId: routerStep.id,
      verdict: "incorrect",
      expected: routerStep.other,
      note: "  asked about a refund  ",
    });
    expect(wrong).toMatchObject({
      ok: true,
      data: { verdict: "incorrect", expected: routerStep.other, note: "asked about a refund" },
    });

    const rows = await db().routingReview.findMany({ where: { stepId: routerStep.id } });
    expect(rows).toHaveLength(1);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(rows[0]).toMatchObject({
      workspaceId: workspace.id,
      conversationId,
      predicted: routerStep.chosen,
      expected: routerStep.other,
      verdict: "incorrect",
      reviewerId: operator.id,
      flowId: conversation.flowId,
      flowVersionId: conversation.flowVersionId,
      channel: "web",
    });

    const audits = await reviewAudits(routerStep.id);
    expect(
      audits
        .slice(-2)
        .map((a) => [
          a.resourceType,
          a.actorId,
          (a.before as { verdict?: string } | null)?.verdict ?? null,
          (a.after as { verdict: string }).verdict,
        ]),
    ).toEqual([
      ["routing_review", operator.id, null, "correct"],
      ["routing_review", operator.id, "correct", "incorrect"],
    ]);

    // The page shows the current verdict and who gave it.
    const trace = await getConversationTrace(workspace.id, conversationId);
    const step = trace!.turns.flatMap((t) => t.steps).find((s) => s.id === routerStep.id)!;
    expect(step.review).toMatchObject({ verdict: "incorrect", expected: routerStep.other, reviewer: operator.name });
    expect(step.decision!.routes.map((r) => r.id)).toContain(routerStep.other);
  });

  it("refuses a wrong verdict without a valid expected route, and writes nothing", async () => {
    await signIn("designer");
    const before = (await reviewAudits(routerStep.id)).length;
    expect(await reviewRoutingAction({ stepId: routerStep.id, verdict: "incorrect" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { expected: expect.any(Array) },
    });
    expect(
      await reviewRoutingAction({ stepId: routerStep.id, verdict: "incorrect", expected: "no_such_route" }),
    ).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(
      await reviewRoutingAction({ stepId: routerStep.id, verdict: "incorrect", expected: routerStep.chosen }),
    ).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await reviewRoutingAction({ stepId: routerStep.id, verdict: "maybe" as "correct" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect((await reviewAudits(routerStep.id)).length).toBe(before);
  });

  it("refuses an auditor", async () => {
    await signIn("auditor");
    const before = await db().routingReview.findUnique({ where: { stepId: routerStep.id } });
    expect(await reviewRoutingAction({ stepId: routerStep.id, verdict: "correct" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await db().routingReview.findUnique({ where: { stepId: routerStep.id } })).toEqual(before);
  });

  it("answers not found for another workspace's decision and for a step that is not a router", async () => {
    const other = (await seedWorkspace()).workspace;
    await signIn("admin", other);
    expect(await reviewRoutingAction({ stepId: routerStep.id, verdict: "correct" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    await signIn("admin");
    expect(await reviewRoutingAction({ stepId: otherStepId, verdict: "correct" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await reviewRoutingAction({ stepId: "no-such-step", verdict: "correct" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await db().routingReview.findUnique({ where: { stepId: otherStepId } })).toBeNull();
  });
});

describe("the conversation page's trace data", () => {
  it("prepares the span tree per turn and serves one span's input and output to its workspace only", async () => {
    const trace = (await getConversationTrace(workspace.id, conversationId))!;
    // Span rows plus the steps, each of which is its node's span.
    const spanCount =
      (await db().span.count({ where: { conversationId } })) + (await db().step.count({ where: { conversationId } }));
    const spans = expandTrace(trace.spans);
    expect(spans.rows).toHaveLength(spanCount);
    expect(spans.rows.filter((r) => r.depth === 0).every((r) => r.kind === "run")).toBe(true);
    expect(trace.path!.nodes.filter((n) => n.visits > 0).length).toBeGreaterThan(2);
    expect(trace.path!.edges.some((e) => e.traversed)).toBe(true);

    const node = spans.rows.find((r) => r.kind === "node")!;
    await signIn("auditor");
    const params = { params: Promise.resolve({ id: conversationId, spanId: node.id }) };
    const ok = await getSpan(new Request("http://test/"), params);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toHaveProperty("input");

    await signIn("admin", (await seedWorkspace()).workspace);
    const missing = await getSpan(new Request("http://test/"), {
      params: Promise.resolve({ id: conversationId, spanId: node.id }),
    });
    expect(missing.status).toBe(404);
  });

  it("keeps steps' inputs and outputs off the page and serves one step's, with a router's every candidate, to its workspace only", async () => {
    const trace = (await getConversationTrace(workspace.id, conversationId))!;
    const step = trace.turns.flatMap((t) => t.steps).find((s) => s.id === routerStep.id)!;
    expect(step).not.toHaveProperty("output");
    expect(step.decision!.candidates.length).toBeLessThanOrEqual(3);
    expect(trace.turns.every((t) => t.conversationId === conversationId)).toBe(true);

    await signIn("auditor");
    const ok = await getStep(new Request("http://test/"), {
      params: Promise.resolve({ id: conversationId, stepId: routerStep.id }),
    });
    expect(ok.status).toBe(200);
    const detail = (await ok.json()) as {
      input: unknown;
      output: { decision: { candidates: unknown[] } };
      candidates: { intent: string; score: number }[];
    };
    expect(detail.output.decision.candidates.length).toBe(detail.candidates.length);
    expect(detail.candidates.map((c) => c.intent)).toContain(routerStep.other);
    expect(detail.candidates.map((c) => c.score)).toEqual(
      [...detail.candidates.map((c) => c.score)].sort((a, b) => b - a),
    );
    const other = (await (
      await getStep(new Request("http://test/"), {
        params: Promise.resolve({ id: conversationId, stepId: otherStepId }),
      })
    ).json()) as { candidates: unknown };
    expect(other.candidates).toBeNull();

    // The step must belong to the conversation in the URL, and the conversation to the member's workspace.
    expect(
      (
        await getStep(new Request("http://test/"), {
          params: Promise.resolve({ id: "another-conversation", stepId: routerStep.id }),
        })
      ).status,
    ).toBe(404);
    await signIn("admin", (await seedWorkspace()).workspace);
    expect(
      (
        await getStep(new Request("http://test/"), {
          params: Promise.resolve({ id: conversationId, stepId: routerStep.id }),
        })
      ).status,
    ).toBe(404);
    signInAs(null);
    expect(
      (
        await getStep(new Request("http://test/"), {
          params: Promise.resolve({ id: conversationId, stepId: routerStep.id }),
        })
      ).status,
    ).toBe(401);
  });

  it("streams a change event when the engine processes this conversation, and 404s for another workspace", async () => {
    await signIn("admin", (await seedWorkspace()).workspace);
    const refused = await getStream(new Request("http://test/"), { params: Promise.resolve({ id: conversationId }) });
    expect(refused.status).toBe(404);
    signInAs(null);
    expect(
      (await getStream(new Request("http://test/"), { params: Promise.resolve({ id: conversationId }) })).status,
    ).toBe(401);

    await signIn("auditor");
    const abort = new AbortController();
    const response = await getStream(new Request("http://test/", { signal: abort.signal }), {
      params: Promise.resolve({ id: conversationId }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    };
    await readUntil("event: ready");
    const { liveListener } = await import("@/lib/runtime/engine/live/live-listener");
    await liveListener().ready();
    await sendTurn({ workspaceId: workspace.id, conversationId, text: "thanks, and where is A1002?" });
    await readUntil("event: change");
    abort.abort();
  });
});
