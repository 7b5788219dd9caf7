// The workspace's assistant name (Settings → Conversations) through its server action, session mocked and everything
// else real: admins change it, audited in the same transaction; anyone else is refused; bad input changes nothing; and
// the next reply carries the new name in the chat and in the API, while messages already sent keep theirs.
import { describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { setAssistantNameAction } = await import("@/lib/features/settings/conversations/actions");
const { signInAs } = await import("@/tests/support/session-mock");
import { GET as getConversation } from "@/app/api/v1/conversations/[id]/route";
import { loadChatMessages } from "@/lib/features/chat/public-chat";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace, memberOf, seedUser, seedWorkspace } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";
import { apiRequest, params, seedApiKey } from "@/tests/integration/interfaces/api/helpers";

const ACTION = "workspace.assistant_name_changed";
const nameOf = async (id: string) => (await db().workspace.findUniqueOrThrow({ where: { id } })).assistantName;
const audits = (workspaceId: string) => db().auditLog.findMany({ where: { workspaceId, action: ACTION } });

describe("the assistant name setting", () => {
  it("admins change it, audited with before and after; saving the same name again changes and audits nothing", async () => {
    const { workspace, user } = await seedWorkspace({ role: "admin" });
    signInAs(memberOf(user, workspace, "admin"));
    expect(await setAssistantNameAction({ name: "  Acme Helper  " })).toEqual({
      ok: true,
      data: { name: "Acme Helper", changed: true },
    });
    expect(await nameOf(workspace.id)).toBe("Acme Helper");
    const [entry, ...more] = await audits(workspace.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actorType: "user",
      actorId: user.id,
      resourceType: "workspace",
      resourceId: workspace.id,
      before: { name: "Assistant" },
      after: { name: "Acme Helper" },
    });

    expect(await setAssistantNameAction({ name: "Acme Helper" })).toEqual({
      ok: true,
      data: { name: "Acme Helper", changed: false },
    });
    expect(await audits(workspace.id)).toHaveLength(1);
    signInAs(null);
  });

  it("refuses operators, designers and auditors, and anyone signed out, without changing anything", async () => {
    const { workspace, user } = await seedWorkspace({ role: "admin" });
    for (const role of ["operator", "designer", "auditor"] as const) {
      signInAs(memberOf(user, workspace, role));
      expect(await setAssistantNameAction({ name: "Sneaky" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(null);
    expect(await setAssistantNameAction({ name: "Sneaky" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await nameOf(workspace.id)).toBe("Assistant");
    expect(await audits(workspace.id)).toEqual([]);
  });

  it("answers bad input with a field error and changes nothing", async () => {
    const { workspace, user } = await seedWorkspace({ role: "admin" });
    signInAs(memberOf(user, workspace, "admin"));
    for (const [name, message] of [
      ["", "Enter a name."],
      ["   ", "Enter a name."],
      ["x".repeat(61), "Use at most 60 characters."],
      [42, "Enter a name."],
    ] as const) {
      expect(await setAssistantNameAction({ name: name as string })).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { name: [message] },
      });
    }
    expect(await nameOf(workspace.id)).toBe("Assistant");
    expect(await audits(workspace.id)).toEqual([]);
    // 60 characters once trimmed is the longest name.
    const longest = "y".repeat(60);
    expect(await setAssistantNameAction({ name: ` ${longest} ` })).toMatchObject({ ok: true, data: { name: longest } });
    expect(await audits(workspace.id)).toHaveLength(1);
    signInAs(null);
  });

  it("names the next reply in the chat and the API; messages already sent keep the name they were sent with", async () => {
    const workspace = await demoWorkspace();
    const admin = await seedUser({ workspaceId: workspace.id, role: "admin" });
    const { key } = await seedApiKey({ workspaceId: workspace.id });
    const flow = await db().flow.findFirstOrThrow({ where: { workspaceId: workspace.id, slug: "retail-support" } });
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      channel: "web",
    });
    await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "Where is my order A1001?" });

    signInAs(memberOf(admin, workspace, "admin"));
    expect(await setAssistantNameAction({ name: "Acme Helper" })).toMatchObject({ ok: true });
    signInAs(null);
    const turn = await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "And where is order A1002?",
    });
    expect(turn.replies.map((r) => r.senderName)).toEqual(["Acme Helper"]);

    const chat = await loadChatMessages({
      workspaceId: workspace.id,
      flowId: flow.id,
      conversationId: conversation.id,
      sinceSeq: 0,
    });
    const expected = [
      ["agent", "Acme Assistant"],
      ["customer", null],
      ["agent", "Acme Assistant"],
      ["customer", null],
      ["agent", "Acme Helper"],
    ];
    expect(chat!.messages.map((m) => [m.role, m.author])).toEqual(expected);

    const read = await getConversation(
      apiRequest(`/api/v1/conversations/${conversation.id}`, { key }),
      params(conversation.id),
    );
    const api = (await read.json()) as { messages: { role: string; sender: string | null; author: string | null }[] };
    expect(api.messages.map((m) => [m.role, m.sender])).toEqual(expected);
    // The internal labels stay in `author`, for consoles.
    expect(api.messages.at(-1)!.author).not.toBe("Acme Helper");
    // A new conversation greets with the new name too.
    const next = await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });
    expect(next.messages.map((m) => m.senderName)).toEqual(["Acme Helper"]);
  });
});
