// Take over (from Live or the conversation page) through the server action (session mocked; defineAction, the engine, Postgres and the audit log
// are real): the operator lands on the escalation the engine opened for them, audited; an auditor changes nothing.
import { describe, expect, it, vi } from "vitest";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { takeOverAction } = await import("@/lib/features/inbox/actions");
const { db } = await import("@/lib/platform/db/client");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { demoWorkspace, memberOf, seedUser } = await import("@/tests/support/factories");

const workspace = await demoWorkspace();
const operatorUser = await seedUser({ workspaceId: workspace.id, role: "operator" });
const auditorUser = await seedUser({ workspaceId: workspace.id, role: "auditor" });
const operator = memberOf(operatorUser, workspace, "operator");
const auditor = memberOf(auditorUser, workspace, "auditor");

const start = () => startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });

describe("takeOverAction", () => {
  it("claims the conversation for the operator and answers with its ticket, where they reply", async () => {
    const conversation = await start();
    signInAs(operator);
    const result = await takeOverAction({ conversationId: conversation.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ticket = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(result.data).toEqual({ escalationId: ticket.id, href: `/inbox/${ticket.id}` });
    expect(ticket).toMatchObject({ status: "claimed", assigneeId: operator.userId });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "escalated",
      waitingFor: "human",
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "conversation.taken_over", resourceId: conversation.id },
    });
    expect(audit).toMatchObject({ actorId: operator.userId, metadata: { escalationId: ticket.id } });

    // Taking it over again is refused with a reason, and opens nothing new.
    expect(await takeOverAction({ conversationId: conversation.id })).toMatchObject({
      ok: false,
      message: "A person already has this conversation.",
    });
    expect(await db().escalation.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it("refuses an auditor and changes nothing", async () => {
    const conversation = await start();
    signInAs(auditor);
    expect(await takeOverAction({ conversationId: conversation.id })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await db().conversationEvent.count({ where: { conversationId: conversation.id, kind: "take_over" } })).toBe(
      0,
    );
    expect(await db().escalation.count({ where: { conversationId: conversation.id } })).toBe(0);
  });
});
