// Internal notes through the server action (session mocked; defineAction, zod, Postgres and the audit log are real),
// and the promise that matters most: a note never reaches what the customer or another machine reads.
import { describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { addNoteAction } = await import("@/lib/features/inbox/note-actions");
const { listNotes } = await import("@/lib/features/inbox/notes");
const { db } = await import("@/lib/platform/db/client");
const { getApiConversation, getApiConversationTrace } = await import("@/lib/interfaces/api/get-api-conversation");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { sendTurn } = await import("@/tests/support/engine");
const { demoWorkspace, memberOf, seedUser, seedWorkspace } = await import("@/tests/support/factories");

const workspace = await demoWorkspace();

async function signIn(role: Role) {
  const user = await seedUser({ workspaceId: workspace.id, role });
  const member = memberOf(user, workspace, role);
  signInAs(member);
  return member;
}

async function escalatedConversation() {
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: "retail-support",
    channel: "web",
  });
  await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "I want to talk to a human" });
  return conversation;
}

describe("addNoteAction", () => {
  it("adds a note the console lists with its author, audited without its text", async () => {
    const member = await signIn("operator");
    const conversation = await escalatedConversation();

    const result = await addNoteAction({
      conversationId: conversation.id,
      body: "  Called the warehouse: ships Monday ",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const notes = await listNotes(workspace.id, conversation.id);
    expect(notes).toEqual([
      {
        id: result.data.id,
        body: "Called the warehouse: ships Monday",
        createdAt: expect.any(Date),
        author: member.name,
      },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceType: "conversation_note", resourceId: result.data.id },
    });
    expect(audit).toMatchObject({
      action: "conversation_note.created",
      actorId: member.userId,
      after: { conversationId: conversation.id, length: 34 },
    });
    expect(JSON.stringify([audit.before, audit.after, audit.metadata])).not.toContain("warehouse");
  });

  it("refuses an empty or too long note, an auditor and another workspace's conversation, changing nothing", async () => {
    const conversation = await escalatedConversation();
    await signIn("operator");
    const empty = await addNoteAction({ conversationId: conversation.id, body: "   " });
    expect(empty).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!empty.ok && empty.fieldErrors?.body).toEqual(["Write the note first."]);
    expect(await addNoteAction({ conversationId: conversation.id, body: "x".repeat(4001) })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect((await addNoteAction({ conversationId: conversation.id, body: "x".repeat(4000) })).ok).toBe(true);

    await signIn("auditor");
    expect(await addNoteAction({ conversationId: conversation.id, body: "hello" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });

    const other = await seedWorkspace({ role: "admin" });
    signInAs(memberOf(other.user, other.workspace, "admin"));
    expect(await addNoteAction({ conversationId: conversation.id, body: "hello" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await listNotes(other.workspace.id, conversation.id)).toEqual([]);

    const bodies = (await listNotes(workspace.id, conversation.id)).map((n) => n.body.length);
    expect(bodies).toEqual([4000]);
  });

  it("never shows up in the API's transcript or trace, the customer's messages, or webhook deliveries", async () => {
    await signIn("operator");
    const conversation = await escalatedConversation();
    const secret = "INTERNAL-ONLY customer seemed angry, offer voucher";
    expect((await addNoteAction({ conversationId: conversation.id, body: secret })).ok).toBe(true);

    const api = await getApiConversation({ workspaceId: workspace.id, conversationId: conversation.id });
    expect(api.messages.length).toBeGreaterThan(0);
    expect(JSON.stringify(api)).not.toContain("INTERNAL-ONLY");
    const trace = await getApiConversationTrace({ workspaceId: workspace.id, conversationId: conversation.id });
    expect(JSON.stringify(trace)).not.toContain("INTERNAL-ONLY");

    const messages = await db().message.findMany({ where: { conversationId: conversation.id } });
    expect(messages.some((m) => m.text.includes("INTERNAL-ONLY"))).toBe(false);
    const deliveries = await db().webhookDelivery.findMany({ where: { workspaceId: workspace.id } });
    expect(JSON.stringify(deliveries)).not.toContain("INTERNAL-ONLY");
  });
});
