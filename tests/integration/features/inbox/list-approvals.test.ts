// The Inbox's approvals: a Retail demo refund above $100 waits as a pending Approval with only the fields a person
// needs, oldest first; once decided it moves to "recently decided" with who decided it and the note.
import { describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { listPendingApprovals, listRecentlyDecidedApprovals } from "@/lib/features/inbox/list-approvals";
import { db } from "@/lib/platform/db/client";
import { decideApproval } from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace, seedUser, seedWorkspace } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";

const workspace = await demoWorkspace();
const flow = await db().flow.findUniqueOrThrow({
  where: { workspaceId_slug: { workspaceId: workspace.id, slug: "retail-support" } },
});
const order = await db().order.findUniqueOrThrow({
  where: { workspaceId_number: { workspaceId: workspace.id, number: "A1004" } },
  include: { customer: true },
});

async function member(role: Member["role"]): Promise<Member> {
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

/**
 * A web conversation on the demo Retail flow that ends up holding a $288 refund for a person. The customer is A1004's
 * verified owner: only they can ask for its refund.
 */
async function heldRefund(customerId: string = order.customerId) {
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: "retail-support",
    channel: "web",
    customerId,
  });
  await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "Please refund order A1004" });
  const approval = await db().approval.findFirstOrThrow({ where: { conversationId: conversation.id } });
  return { conversation, approval };
}

describe("listPendingApprovals", () => {
  // Rejected first: approving (below) refunds A1004 in full, after which it cannot be held again.
  it("puts the oldest first, keeps other workspaces out, and shows the newest decision first", async () => {
    const first = await heldRefund();
    const second = await heldRefund();
    expect(first.conversation.id).not.toBe(second.conversation.id);

    const ids = (await listPendingApprovals(workspace.id)).map((r) => r.id);
    expect(ids.indexOf(first.approval.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.approval.id)).toBeLessThan(ids.indexOf(second.approval.id));

    const other = await seedWorkspace();
    expect(await listPendingApprovals(other.workspace.id)).toEqual([]);
    expect(await listRecentlyDecidedApprovals(other.workspace.id)).toEqual([]);

    const admin = await member("admin");
    for (const held of [second, first]) {
      const decided = await db().$transaction((tx) =>
        decideApproval(tx, admin, { approvalId: held.approval.id, approved: false, note: "duplicate request" }),
      );
      await turnResult(held.conversation.id, decided.eventId, 15_000);
    }
    const recent = await listRecentlyDecidedApprovals(workspace.id);
    expect(recent.slice(0, 2).map((r) => [r.id, r.status])).toEqual([
      [first.approval.id, "rejected"],
      [second.approval.id, "rejected"],
    ]);
    expect((await listPendingApprovals(workspace.id)).map((r) => r.id)).not.toContain(first.approval.id);
  });

  it("lists a held refund with only safe input fields, then moves it to recently decided once approved", async () => {
    const { conversation, approval } = await heldRefund();

    const pending = await listPendingApprovals(workspace.id);
    const row = pending.find((r) => r.id === approval.id);
    expect(row).toMatchObject({
      status: "pending",
      tool: "refund_order",
      amount: 288,
      threshold: 100,
      approverRole: "operator",
      currency: order.currency,
      reason: approval.reason,
      conversation: { id: conversation.id, flowName: flow.name, channel: "web", customerRef: order.customer.ref },
      lastCustomerMessage: { text: "Please refund order A1004" },
      decidedAt: null,
      decidedBy: null,
    });
    // Only orderNumber and amount leave the server, whatever else the call's input held.
    expect(Object.keys(row!.input).sort()).toEqual(["amount", "orderNumber"]);
    expect(row!.input.orderNumber).toBe("A1004");
    expect(await listRecentlyDecidedApprovals(workspace.id)).not.toContainEqual(
      expect.objectContaining({ id: approval.id }),
    );

    const operator = await member("operator");
    const decided = await db().$transaction((tx) =>
      decideApproval(tx, operator, { approvalId: approval.id, approved: true, note: "checked the return" }),
    );
    await turnResult(conversation.id, decided.eventId, 15_000);

    expect((await listPendingApprovals(workspace.id)).map((r) => r.id)).not.toContain(approval.id);
    const recent = await listRecentlyDecidedApprovals(workspace.id);
    expect(recent[0]).toMatchObject({
      id: approval.id,
      status: "approved",
      decidedBy: operator.name,
      note: "checked the return",
    });
    expect(recent[0].decidedAt).toBeInstanceOf(Date);
  });
});
