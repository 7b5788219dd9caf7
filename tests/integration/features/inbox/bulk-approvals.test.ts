// Bulk approve/reject through the server action (session mocked; defineAction, zod, decideApproval, Postgres and the
// audit log are real): one reason for the selection, all or nothing, one audit entry per decided request.
import { describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { bulkDecideApprovalsAction } = await import("@/lib/features/inbox/actions");
const { db } = await import("@/lib/platform/db/client");
const { demoWorkspace, memberOf, seedUser, seedWorkspace } = await import("@/tests/support/factories");

const workspace = await demoWorkspace();
const flow = await db().flow.findUniqueOrThrow({
  where: { workspaceId_slug: { workspaceId: workspace.id, slug: "retail-support" } },
});

async function signIn(role: Role) {
  const user = await seedUser({ workspaceId: workspace.id, role });
  const member = memberOf(user, workspace, role);
  signInAs(member);
  return member;
}

/** A held refund on a quiet conversation: decideApproval only needs the row (its event waits for a worker). */
async function heldCall(options: { approverRole?: Role; workspaceId?: string } = {}) {
  const workspaceId = options.workspaceId ?? workspace.id;
  const conversation = await db().conversation.create({
    data: {
      workspaceId,
      flowId: flow.id,
      flowVersionId: flow.publishedVersionId!,
      status: "active",
      waitingFor: "approval",
    },
  });
  return db().approval.create({
    data: {
      workspaceId,
      conversationId: conversation.id,
      nodeId: "refund",
      stepId: `step-${conversation.id}`,
      tool: "refund_order",
      input: { orderNumber: "A1004" },
      field: "amount",
      amount: 288,
      threshold: 100,
      approverRole: options.approverRole ?? "operator",
      reason: "Refunds above $100 need a person",
    },
  });
}

const statuses = async (ids: string[]) =>
  (await db().approval.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map((a) => a.status);
const audits = (ids: string[]) =>
  db().auditLog.findMany({ where: { resourceType: "tool_call", resourceId: { in: ids } }, orderBy: { id: "asc" } });

describe("bulkDecideApprovalsAction", () => {
  it("approves every selected request with the reason, each audited and each resuming its conversation", async () => {
    const member = await signIn("operator");
    const calls = [await heldCall(), await heldCall(), await heldCall()];
    const ids = calls.map((c) => c.id);

    const result = await bulkDecideApprovalsAction({ approvalIds: ids, approved: true, note: "Checked in the OMS" });
    expect(result.ok).toBe(true);

    const rows = await db().approval.findMany({ where: { id: { in: ids } } });
    expect(rows.map((r) => [r.status, r.note, r.decidedById])).toEqual(
      rows.map(() => ["approved", "Checked in the OMS", member.userId]),
    );
    const trail = await audits(ids);
    expect(trail).toHaveLength(3);
    expect(new Set(trail.map((a) => a.resourceId))).toEqual(new Set(ids));
    for (const entry of trail) {
      expect(entry.action).toBe("approval.approved");
      expect(entry.actorId).toBe(member.userId);
      expect(entry.after).toMatchObject({ status: "approved", tool: "refund_order", note: "Checked in the OMS" });
      expect(entry.metadata).toEqual({ bulk: true, count: 3 });
    }
    const events = await db().conversationEvent.findMany({
      where: { conversationId: { in: calls.map((c) => c.conversationId) }, kind: "approval_decision" },
    });
    expect(events).toHaveLength(3);
  });

  it("rejects the whole selection with one reason", async () => {
    await signIn("admin");
    const ids = [(await heldCall()).id, (await heldCall({ approverRole: "admin" })).id];
    const result = await bulkDecideApprovalsAction({ approvalIds: ids, approved: false, note: "Fraud pattern" });
    expect(result.ok).toBe(true);
    expect(await statuses(ids)).toEqual(["rejected", "rejected"]);
    expect((await audits(ids)).map((a) => a.action)).toEqual(["approval.rejected", "approval.rejected"]);
  });

  it("decides nothing when one request was already decided, and says which", async () => {
    await signIn("operator");
    const a = await heldCall();
    const decided = await heldCall();
    await db().approval.update({ where: { id: decided.id }, data: { status: "approved", decidedAt: new Date() } });
    const c = await heldCall();

    const result = await bulkDecideApprovalsAction({
      approvalIds: [a.id, decided.id, c.id],
      approved: true,
      note: "Looks fine",
    });
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!result.ok && result.message).toMatch(/^Nothing was decided: request 2 of 3 .*already approved/);
    expect(await statuses([a.id, c.id])).toEqual(["pending", "pending"]);
    expect(await audits([a.id, c.id])).toHaveLength(0);
    const events = await db().conversationEvent.count({
      where: { conversationId: { in: [a.conversationId, c.conversationId] } },
    });
    expect(events).toBe(0);
  });

  it("decides nothing when one request belongs to another workspace", async () => {
    await signIn("operator");
    const other = await seedWorkspace();
    const foreign = await heldCall({ workspaceId: other.workspace.id });
    const mine = await heldCall();

    const result = await bulkDecideApprovalsAction({
      approvalIds: [mine.id, foreign.id],
      approved: true,
      note: "Looks fine",
    });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await statuses([mine.id, foreign.id])).toEqual(["pending", "pending"]);
    expect(await audits([mine.id, foreign.id])).toHaveLength(0);
  });

  it("refuses an auditor, a request only an admin may decide, a missing reason and duplicates", async () => {
    const ids = [(await heldCall()).id, (await heldCall({ approverRole: "admin" })).id];

    await signIn("auditor");
    expect(await bulkDecideApprovalsAction({ approvalIds: ids, approved: true, note: "ok then" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });

    await signIn("operator");
    const forbidden = await bulkDecideApprovalsAction({ approvalIds: ids, approved: true, note: "ok then" });
    expect(forbidden).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(!forbidden.ok && forbidden.message).toMatch(/^Nothing was decided: request 2 of 2/);

    const noReason = await bulkDecideApprovalsAction({ approvalIds: [ids[0]], approved: true, note: " " });
    expect(noReason).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!noReason.ok && noReason.fieldErrors?.note).toBeTruthy();

    const twice = await bulkDecideApprovalsAction({ approvalIds: [ids[0], ids[0]], approved: true, note: "ok then" });
    expect(twice).toMatchObject({ ok: false, code: "VALIDATION" });

    expect(await statuses(ids)).toEqual(["pending", "pending"]);
    expect(await audits(ids)).toHaveLength(0);
  });
});
