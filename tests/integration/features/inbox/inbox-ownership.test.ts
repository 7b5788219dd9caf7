// Claim, release and assign an escalation: one owner at a time, enforced by the server. Through the server actions
// (session mocked; defineAction, zod, the engine commands, Postgres and the audit log are real), plus the race of two
// people claiming at the same moment through the engine command in two transactions.
import { describe, expect, it, vi } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { assignEscalationAction, claimEscalationAction, releaseEscalationAction, replyToCustomerAction } =
  await import("@/lib/features/inbox/actions");
const { db } = await import("@/lib/platform/db/client");
const { claimEscalation, resolveConversation } = await import("@/lib/runtime/engine/commands/operator-commands");
const { turnResult } = await import("@/lib/runtime/engine/commands/send-customer-message");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { sendTurn } = await import("@/tests/support/engine");
const { demoWorkspace, seedUser, seedWorkspace } = await import("@/tests/support/factories");

const workspace = await demoWorkspace();
const flow = await db().flow.findUniqueOrThrow({
  where: { workspaceId_slug: { workspaceId: workspace.id, slug: "retail-support" } },
});

async function member(role: Role, ws: { id: string; slug: string; name: string } = workspace): Promise<Member> {
  const user = await seedUser({ workspaceId: ws.id, role });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    workspaceName: ws.name,
    role,
  };
}
const as = (m: Member) => {
  signInAs(m);
  return m;
};

/** A conversation the demo Retail flow hands to a person when the customer asks for one. */
async function realEscalation() {
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: "retail-support",
    channel: "web",
  });
  const turn = await sendTurn({
    workspaceId: workspace.id,
    conversationId: conversation.id,
    text: "I want to talk to a human",
  });
  expect(turn.conversation.status).toBe("escalated");
  return db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
}

/** An open escalation row on a quiet conversation, for tests that only exercise ownership. */
async function openEscalation() {
  const conversation = await db().conversation.create({
    data: {
      workspaceId: workspace.id,
      flowId: flow.id,
      flowVersionId: flow.publishedVersionId!,
      status: "escalated",
      waitingFor: "human",
    },
  });
  return db().escalation.create({
    data: {
      workspaceId: workspace.id,
      conversationId: conversation.id,
      reason: "Test",
      slaDueAt: new Date(Date.now() + 15 * 60_000),
    },
  });
}

const audits = (escalationId: string) =>
  db().auditLog.findMany({
    where: {
      resourceType: "escalation",
      resourceId: escalationId,
      action: { in: ["escalation.claimed", "escalation.released", "escalation.assigned"] },
    },
    orderBy: { id: "asc" },
  });

describe("claim and release", () => {
  it("claims an open escalation once, refuses someone else's claim and reply, and releases it back to the queue", async () => {
    const escalation = await realEscalation();
    const alice = await member("operator");
    const bob = await member("operator");

    as(alice);
    expect(await claimEscalationAction({ escalationId: escalation.id })).toMatchObject({
      ok: true,
      data: { changed: true, after: { id: alice.userId } },
    });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "claimed",
      assigneeId: alice.userId,
      claimedAt: expect.any(Date),
    });
    // Claiming what you own is a no-op and leaves no second audit entry.
    expect(await claimEscalationAction({ escalationId: escalation.id })).toMatchObject({
      ok: true,
      data: { changed: false },
    });

    as(bob);
    const refused = await claimEscalationAction({ escalationId: escalation.id });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(refused.ok ? "" : refused.message).toContain(`${alice.name} has already claimed`);
    // The reply path shares the claim check.
    expect(await replyToCustomerAction({ conversationId: escalation.conversationId, text: "me too" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await releaseEscalationAction({ escalationId: escalation.id })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });

    as(alice);
    expect(await releaseEscalationAction({ escalationId: escalation.id })).toMatchObject({
      ok: true,
      data: { before: { id: alice.userId }, after: null },
    });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "open",
      assigneeId: null,
      claimedAt: null,
    });
    expect(await releaseEscalationAction({ escalationId: escalation.id })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });

    // Now Bob may; replying works for the owner and reaches the transcript.
    as(bob);
    expect(await claimEscalationAction({ escalationId: escalation.id })).toMatchObject({ ok: true });
    const reply = await replyToCustomerAction({ conversationId: escalation.conversationId, text: "Hi, Bob here." });
    expect(reply.ok).toBe(true);
    if (reply.ok) await turnResult(escalation.conversationId, reply.data.eventId, 30_000);
    expect(
      await db().message.findFirst({ where: { conversationId: escalation.conversationId, role: "operator" } }),
    ).toMatchObject({ text: "Hi, Bob here." });

    const trail = await audits(escalation.id);
    expect(trail.map((a) => [a.action, a.actorId, a.before, a.after])).toEqual([
      [
        "escalation.claimed",
        alice.userId,
        { assigneeId: null, assignee: null },
        { assigneeId: alice.userId, assignee: alice.name },
      ],
      [
        "escalation.released",
        alice.userId,
        { assigneeId: alice.userId, assignee: alice.name },
        { assigneeId: null, assignee: null },
      ],
      [
        "escalation.claimed",
        bob.userId,
        { assigneeId: null, assignee: null },
        { assigneeId: bob.userId, assignee: bob.name },
      ],
    ]);
  });

  it("lets exactly one of two simultaneous claims win; the other gets a clear CONFLICT", async () => {
    for (let round = 0; round < 3; round++) {
      const escalation = await openEscalation();
      const [alice, bob] = [await member("operator"), await member("admin")];
      const results = await Promise.allSettled(
        [alice, bob].map((m) => db().$transaction((tx) => claimEscalation(tx, m, { escalationId: escalation.id }))),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toMatchObject({
        code: "CONFLICT",
        userMessage: expect.stringContaining("has already claimed this escalation"),
      });
      const winner = (won[0] as PromiseFulfilledResult<{ after: { id: string } }>).value.after.id;
      expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
        status: "claimed",
        assigneeId: winner,
      });
    }
  });

  it("refuses to claim a resolved escalation, one from another workspace, or for an auditor", async () => {
    const escalation = await realEscalation();
    const alice = as(await member("operator"));
    const resolved = await db().$transaction((tx) =>
      resolveConversation(tx, alice, { conversationId: escalation.conversationId, note: "" }),
    );
    await turnResult(escalation.conversationId, resolved.eventId, 30_000);
    expect(await claimEscalationAction({ escalationId: escalation.id })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "This escalation has already been resolved.",
    });

    const other = await seedWorkspace();
    as(await member("admin", other.workspace));
    const mine = await openEscalation();
    expect(await claimEscalationAction({ escalationId: mine.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });

    as(await member("auditor"));
    expect(await claimEscalationAction({ escalationId: mine.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({
      status: "open",
      assigneeId: null,
    });
  });

  it("frees a claim whose owner's account was removed", async () => {
    const escalation = await openEscalation();
    const gone = await member("operator");
    await db().escalation.update({
      where: { id: escalation.id },
      data: { status: "claimed", assigneeId: gone.userId, claimedAt: new Date() },
    });
    await db().user.delete({ where: { id: gone.userId } });
    const alice = as(await member("operator"));
    expect(await claimEscalationAction({ escalationId: escalation.id })).toMatchObject({
      ok: true,
      data: { after: { id: alice.userId } },
    });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "claimed",
      assigneeId: alice.userId,
    });
  });
});

describe("assign", () => {
  it("assigns to a member who handles escalations, with before/after in the audit; only an admin takes it from its owner", async () => {
    const escalation = await openEscalation();
    const alice = await member("operator");
    const bob = await member("operator");
    const admin = await member("admin");
    const designer = await member("designer");
    const stranger = (await seedWorkspace()).user;

    as(alice);
    expect(await assignEscalationAction({ escalationId: escalation.id, assigneeId: designer.userId })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { assigneeId: expect.any(Array) },
    });
    expect(await assignEscalationAction({ escalationId: escalation.id, assigneeId: stranger.id })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await assignEscalationAction({ escalationId: escalation.id, assigneeId: bob.userId })).toMatchObject({
      ok: true,
      data: { before: null, after: { id: bob.userId } },
    });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "claimed",
      assigneeId: bob.userId,
    });

    // Bob owns it now: Alice cannot take it, an admin can.
    expect(await assignEscalationAction({ escalationId: escalation.id, assigneeId: alice.userId })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    as(admin);
    expect(await assignEscalationAction({ escalationId: escalation.id, assigneeId: alice.userId })).toMatchObject({
      ok: true,
    });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "claimed",
      assigneeId: alice.userId,
    });

    const trail = await audits(escalation.id);
    expect(trail.map((a) => [a.action, a.actorId, a.before, a.after])).toEqual([
      [
        "escalation.assigned",
        alice.userId,
        { assigneeId: null, assignee: null },
        { assigneeId: bob.userId, assignee: bob.name },
      ],
      [
        "escalation.assigned",
        admin.userId,
        { assigneeId: bob.userId, assignee: bob.name },
        { assigneeId: alice.userId, assignee: alice.name },
      ],
    ]);
  });
});
