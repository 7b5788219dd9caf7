// Saved Inbox views through the server actions (session mocked; defineAction, zod, Postgres and the audit log are
// real): saved normalised, private unless shared, deleted only by their owner.
import { describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { saveViewAction, deleteViewAction } = await import("@/lib/features/inbox/saved-view-actions");
const { listViews } = await import("@/lib/features/inbox/saved-views");
const { db } = await import("@/lib/platform/db/client");
const { demoWorkspace, memberOf, seedUser, seedWorkspace } = await import("@/tests/support/factories");

const workspace = await demoWorkspace();

async function signIn(role: Role) {
  const user = await seedUser({ workspaceId: workspace.id, role });
  const member = memberOf(user, workspace, role);
  signInAs(member);
  return member;
}

describe("saved views", () => {
  it("saves the queue's filters under a name, normalised, audited, and lists them for their owner", async () => {
    const member = await signIn("auditor");
    const result = await saveViewAction({
      name: "My urgent ones",
      query: "?priority=1&owner=mine&bogus=1&status=nonsense",
    });
    expect(result).toMatchObject({ ok: true, data: { name: "My urgent ones", query: "owner=mine&priority=1" } });
    if (!result.ok) return;

    expect(await listViews(workspace.id, member.userId)).toEqual([
      { id: result.data.id, name: "My urgent ones", query: "owner=mine&priority=1", shared: false, mine: true },
    ]);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceType: "inbox_view", resourceId: result.data.id },
    });
    expect(audit).toMatchObject({
      action: "inbox_view.created",
      actorId: member.userId,
      after: { name: "My urgent ones", query: "owner=mine&priority=1", shared: false },
    });
  });

  it("shows a shared view to colleagues, keeps a private one to its owner, and lets only the owner delete", async () => {
    const owner = await signIn("operator");
    const shared = await saveViewAction({ name: "Breached", query: "breached=yes", shared: true });
    const own = await saveViewAction({ name: "Mine", query: "owner=mine" });
    if (!shared.ok || !own.ok) throw new Error("saving failed");

    const colleague = await signIn("operator");
    const seen = await listViews(workspace.id, colleague.userId);
    expect(seen.map((v) => [v.name, v.mine])).toContainEqual(["Breached", false]);
    expect(seen.map((v) => v.id)).not.toContain(own.data.id);

    expect(await deleteViewAction({ id: shared.data.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await deleteViewAction({ id: own.data.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().inboxView.count({ where: { id: { in: [shared.data.id, own.data.id] } } })).toBe(2);

    signInAs(owner);
    expect(await deleteViewAction({ id: shared.data.id })).toMatchObject({ ok: true });
    expect(await db().inboxView.count({ where: { id: shared.data.id } })).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceType: "inbox_view", resourceId: shared.data.id, action: "inbox_view.deleted" },
    });
    expect(audit.before).toEqual({ name: "Breached", query: "breached=yes", shared: true });
  });

  it("refuses a view without filters, a duplicate name or an empty name, and another workspace's view", async () => {
    await signIn("operator");
    expect(await saveViewAction({ name: "Nothing", query: "bogus=1" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "Pick at least one filter before saving a view.",
    });
    expect((await saveViewAction({ name: "Refunds", query: "queue=refunds" })).ok).toBe(true);
    expect(await saveViewAction({ name: "refunds", query: "queue=billing" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await saveViewAction({ name: "  ", query: "queue=billing" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });

    const other = await seedWorkspace({ role: "admin" });
    const mine = await db().inboxView.findFirstOrThrow({ where: { workspaceId: workspace.id, name: "Refunds" } });
    signInAs(memberOf(other.user, other.workspace, "admin"));
    expect(await deleteViewAction({ id: mine.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await listViews(other.workspace.id, other.user.id)).toEqual([]);
  });
});
