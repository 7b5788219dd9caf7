// Settings → Members: adding someone is an invitation. What the admin sees is the same whether or not the e-mail has
// an account in another workspace, nothing is created for the person until they accept, and every step is audited
// without the link's token.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { inviteMemberAction, reissueInvitationAction, revokeInvitationAction } =
  await import("@/lib/features/settings/members/actions");
const { findOpenInvitation } = await import("@/lib/features/invite/find-invitation");
const { listInvitations } = await import("@/lib/features/settings/members/list-invitations");
const { db } = await import("@/lib/platform/db/client");
const { memberOf, seedUser, seedWorkspace } = await import("@/tests/support/factories");
const { auditRows, auditText } = await import("./settings-helpers");

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>["workspace"];
let workspace: Workspace;

beforeEach(async () => {
  const seeded = await seedWorkspace({ role: "admin" });
  workspace = seeded.workspace;
  signInAs(memberOf(seeded.user, workspace, "admin"));
});

const tokenOf = (path: string) => path.split("/").pop()!;

describe("inviting a member", () => {
  it("answers the same for an e-mail with an account elsewhere as for an unknown one, and adds no one", async () => {
    const elsewhere = await seedWorkspace();
    await db().user.update({ where: { id: elsewhere.user.id }, data: { name: "Known Person" } });
    const membershipsBefore = await db().membership.count();
    const usersBefore = await db().user.count();

    const known = await inviteMemberAction({ email: elsewhere.user.email.toUpperCase(), role: "operator" });
    const unknown = await inviteMemberAction({ email: "nobody-yet@example.test", role: "operator" });
    if (!known.ok || !unknown.ok) throw new Error(JSON.stringify({ known, unknown }));

    expect(Object.keys(known.data).sort()).toEqual(["email", "expiresAt", "invitationId", "path", "role"]);
    expect(Object.keys(unknown.data).sort()).toEqual(Object.keys(known.data).sort());
    expect(known.data).toMatchObject({ email: elsewhere.user.email, role: "operator" });
    expect(JSON.stringify(known.data)).not.toMatch(/Known Person|existingUser/);
    expect(known.data.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const lifetime = (data: { expiresAt: Date }) => new Date(data.expiresAt).getTime() - Date.now();
    expect(lifetime(known.data)).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(lifetime(known.data)).toBeLessThanOrEqual(7 * 24 * 3600_000);

    // Nothing exists for either person until they accept.
    expect(await db().membership.count()).toBe(membershipsBefore);
    expect(await db().user.count()).toBe(usersBefore);
    expect(await db().membership.count({ where: { workspaceId: workspace.id, userId: elsewhere.user.id } })).toBe(0);

    // The audit entries have the same shape too, and never hold a token or its hash.
    const entries = (await auditRows(workspace.id)).filter((row) => row.action === "member.invited");
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => Object.keys(e.after as object).sort())).toEqual([
      ["email", "expiresAt", "role"],
      ["email", "expiresAt", "role"],
    ]);
    expect(entries.every((e) => e.resourceType === "invitation")).toBe(true);
    const text = auditText(entries);
    for (const data of [known.data, unknown.data]) {
      expect(text).not.toContain(tokenOf(data.path));
      const stored = await db().invitation.findUniqueOrThrow({ where: { id: data.invitationId } });
      expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.tokenHash).not.toContain(tokenOf(data.path));
      expect(text).not.toContain(stored.tokenHash);
    }
    expect(text).not.toContain("Known Person");
  });

  it("refuses an e-mail that is already a member of this workspace, and writes nothing", async () => {
    const colleague = await seedUser({ workspaceId: workspace.id, role: "designer" });
    const result = await inviteMemberAction({ email: colleague.email, role: "operator" });
    expect(result).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { email: ["Already a member of this workspace."] },
    });
    expect(await db().invitation.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("only lets whoever may manage members invite, revoke or send a new link", async () => {
    const designer = await seedUser({ workspaceId: workspace.id, role: "designer" });
    const invited = await inviteMemberAction({ email: "pat@example.test", role: "auditor" });
    if (!invited.ok) throw new Error(invited.message);
    signInAs(memberOf(designer, workspace, "designer"));
    expect(await inviteMemberAction({ email: "x@example.test", role: "admin" })).toMatchObject({ code: "FORBIDDEN" });
    const id = { invitationId: invited.data.invitationId };
    expect(await revokeInvitationAction(id)).toMatchObject({ code: "FORBIDDEN" });
    expect(await reissueInvitationAction(id)).toMatchObject({ code: "FORBIDDEN" });
    expect(await findOpenInvitation(tokenOf(invited.data.path))).not.toBeNull();
  });

  it("inviting the same e-mail again replaces the pending invitation and its link", async () => {
    const first = await inviteMemberAction({ email: "sam@example.test", role: "operator" });
    const second = await inviteMemberAction({ email: "Sam@Example.test", role: "designer" });
    if (!first.ok || !second.ok) throw new Error("invite failed");
    expect(second.data.invitationId).toBe(first.data.invitationId);
    expect(await findOpenInvitation(tokenOf(first.data.path))).toBeNull();
    expect(await findOpenInvitation(tokenOf(second.data.path))).toMatchObject({ role: "designer" });
    expect(await listInvitations(workspace.id)).toEqual([
      expect.objectContaining({ email: "sam@example.test", role: "designer" }),
    ]);
  });

  it("revokes an invitation, or sends a new link that replaces the old one, audited", async () => {
    const a = await inviteMemberAction({ email: "a@example.test", role: "operator" });
    const b = await inviteMemberAction({ email: "b@example.test", role: "operator" });
    if (!a.ok || !b.ok) throw new Error("invite failed");

    expect(await revokeInvitationAction({ invitationId: a.data.invitationId })).toMatchObject({ ok: true });
    expect(await findOpenInvitation(tokenOf(a.data.path))).toBeNull();
    expect(await revokeInvitationAction({ invitationId: a.data.invitationId })).toMatchObject({ code: "NOT_FOUND" });
    expect(await reissueInvitationAction({ invitationId: a.data.invitationId })).toMatchObject({ code: "NOT_FOUND" });

    const again = await reissueInvitationAction({ invitationId: b.data.invitationId });
    if (!again.ok) throw new Error(again.message);
    expect(again.data.path).not.toBe(b.data.path);
    expect(await findOpenInvitation(tokenOf(b.data.path))).toBeNull();
    expect(await findOpenInvitation(tokenOf(again.data.path))).toMatchObject({ email: "b@example.test" });
    expect((await listInvitations(workspace.id)).map((i) => i.email)).toEqual(["b@example.test"]);

    const entries = await auditRows(workspace.id);
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["member.invited", "invitation.revoked", "invitation.reissued"]),
    );
    const text = auditText(entries);
    for (const path of [a.data.path, b.data.path, again.data.path]) expect(text).not.toContain(tokenOf(path));
  });

  it("cannot revoke or renew another workspace's invitation", async () => {
    const theirs = await seedWorkspace();
    const invited = await inviteMemberAction({ email: "c@example.test", role: "operator" });
    if (!invited.ok) throw new Error(invited.message);
    signInAs(memberOf(theirs.user, theirs.workspace, "admin"));
    const id = { invitationId: invited.data.invitationId };
    expect(await revokeInvitationAction(id)).toMatchObject({ code: "NOT_FOUND" });
    expect(await reissueInvitationAction(id)).toMatchObject({ code: "NOT_FOUND" });
    expect(await findOpenInvitation(tokenOf(invited.data.path))).not.toBeNull();
  });
});
