// A customer who writes again after the end is heard: within the workspace's window the conversation reopens (back in
// Live, the flow from its entry point, audited); after it, a new conversation continues, linked to the old one.
import { describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { setReopenWindowAction } = await import("@/lib/features/settings/conversations/actions");
const { signInAs } = await import("@/tests/support/session-mock");
import { db } from "@/lib/platform/db/client";
import { sendCustomerMessage } from "@/lib/runtime/engine/commands/send-customer-message";
import { demoWorkspace, memberOf, seedWorkspace } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";
import { openAsOwner } from "@/tests/support/customers";

const workspace = await demoWorkspace();
// The customer is the verified owner of A1001 and A1002 (named by server code, so a continuation keeps them verified).
const open = () => openAsOwner({ workspaceId: workspace.id, flowSlug: "retail-support", orderNumber: "A1001" });
const send = (conversationId: string, text: string) => sendTurn({ workspaceId: workspace.id, conversationId, text });
const said = (turn: { replies: { text: string }[] }) => turn.replies.map((r) => r.text).join(" ");
const DAY_MS = 24 * 60 * 60 * 1000;

async function endedConversation(daysAgo: number) {
  const conversation = await open();
  await send(conversation.id, "where is order A1001");
  await db().conversation.update({
    where: { id: conversation.id },
    data: { status: "resolved", waitingFor: null, endedAt: new Date(Date.now() - daysAgo * DAY_MS) },
  });
  return conversation;
}

describe("writing again after the end", () => {
  it("reopens a conversation that ended within the window, and says so in the audit trail", async () => {
    const conversation = await endedConversation(2);
    const turn = await send(conversation.id, "and where is order A1002?");
    expect(turn.conversation).toEqual({ id: conversation.id, status: "active" });
    expect(said(turn)).toMatch(/Order A1002/);
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(row).toMatchObject({ status: "active", endedAt: null, waitingFor: "customer" });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "conversation.reopened", resourceId: conversation.id },
    });
    expect(audit).toMatchObject({ actorType: "customer", before: { status: "resolved" }, after: { status: "active" } });
  });

  it("continues in a new conversation, linked to the old one, after the window", async () => {
    const conversation = await endedConversation(8);
    const turn = await send(conversation.id, "where is order A1002?");
    expect(turn.conversation.id).not.toBe(conversation.id);
    expect(said(turn)).toMatch(/Order A1002/);
    const next = await db().conversation.findUniqueOrThrow({ where: { id: turn.conversation.id } });
    expect(next).toMatchObject({ previousConversationId: conversation.id, flowId: expect.any(String), channel: "web" });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "resolved",
    });
  });

  it("follows the workspace's window", async () => {
    await db().workspace.update({ where: { id: workspace.id }, data: { reopenWindowDays: 30 } });
    try {
      const conversation = await endedConversation(8);
      const turn = await send(conversation.id, "hello again");
      expect(turn.conversation.id).toBe(conversation.id);
    } finally {
      await db().workspace.update({ where: { id: workspace.id }, data: { reopenWindowDays: 7 } });
    }
  });

  it("reopens a test conversation within the window (a suite can check a return), never after it", async () => {
    const recent = await endedConversation(0);
    await db().conversation.update({ where: { id: recent.id }, data: { channel: "test" } });
    const reopened = await sendCustomerMessage({
      workspaceId: workspace.id,
      conversationId: recent.id,
      text: "hello again",
      actor: { type: "customer", id: null, label: "test" },
    });
    expect(reopened.conversation).toEqual({ id: recent.id, status: "active" });
    expect(said(reopened)).toMatch(/Hi!/);
    const conversation = await endedConversation(8);
    await db().conversation.update({ where: { id: conversation.id }, data: { channel: "test" } });
    await expect(
      sendCustomerMessage({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        text: "still there?",
        actor: { type: "customer", id: null, label: "test" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is a workspace setting admins change through an audited action; bad input changes nothing", async () => {
    const { workspace: other, user } = await seedWorkspace({ role: "admin" });
    const member = (role: "admin" | "operator") => memberOf(user, other, role);
    signInAs(member("operator"));
    expect(await setReopenWindowAction({ days: 3 })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(member("admin"));
    expect(await setReopenWindowAction({ days: 91 })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await setReopenWindowAction({ days: "soon" as unknown as number })).toMatchObject({ ok: false });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: other.id } })).reopenWindowDays).toBe(7);
    expect(await setReopenWindowAction({ days: 3 })).toMatchObject({ ok: true, data: { days: 3, changed: true } });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: other.id } })).reopenWindowDays).toBe(3);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "workspace.reopen_window_changed", resourceId: other.id },
    });
    expect(audit).toMatchObject({ before: { days: 7 }, after: { days: 3 }, actorId: user.id });
    signInAs(null);
  });
});
