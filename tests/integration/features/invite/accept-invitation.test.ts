// The invitation link, from the person's side: a new account chooses a password the policy accepts; an existing
// account must be signed in as itself; a link works once, and an expired, revoked, used or unknown one gets the same
// answer. Session and cookies are the only things mocked.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/tests/support/session-mock";
import { CookieJar, switchBrowser } from "@/tests/support/cookie-jar";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { acceptInvitationAction, acceptWithNewAccountAction } = await import("@/lib/features/invite/actions");
const { findOpenInvitation } = await import("@/lib/features/invite/find-invitation");
const { INVALID_INVITATION_MESSAGE } = await import("@/lib/features/invite/invitation-token");
const { inviteMember } = await import("@/lib/features/settings/members/invite-member");
const { revokeInvitation } = await import("@/lib/features/settings/members/manage-invitations");
const { verifyPassword } = await import("@/lib/platform/crypto/password");
const { db } = await import("@/lib/platform/db/client");
const { memberOf, seedWorkspace } = await import("@/tests/support/factories");

type Role = import("@/lib/model/permissions").Role;

const STRONG = "violet-otter-compass-42";
/** Every column of audit rows as text (ids are BigInt). */
const auditText = (rows: unknown) => JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? v.toString() : v));
const invalid = { ok: false, code: "NOT_FOUND", message: INVALID_INVITATION_MESSAGE };

type Seeded = Awaited<ReturnType<typeof seedWorkspace>>;
let team: Seeded;
let jar: CookieJar;

beforeEach(async () => {
  team = await seedWorkspace({ role: "admin" });
  jar = switchBrowser(new CookieJar());
  signInAs(null);
});

async function invite(email: string, role: Role = "operator", now?: Date) {
  const { invitation } = await db().$transaction((tx) =>
    inviteMember(tx, { workspaceId: team.workspace.id, email, role, invitedById: team.user.id, now }),
  );
  return { ...invitation, token: invitation.path.split("/").pop()! };
}

const newAccount = (token: string, overrides: Record<string, string> = {}) => ({
  token,
  name: "Nia Newcomer",
  password: STRONG,
  confirmPassword: overrides.password ?? STRONG,
  ...overrides,
});

describe("accepting with a new account", () => {
  it("refuses a weak password, then creates the account and membership once with a strong one", async () => {
    const invitation = await invite("nia@example.test", "designer");
    expect(await findOpenInvitation(invitation.token)).toMatchObject({
      workspaceName: team.workspace.name,
      email: "nia@example.test",
      role: "designer",
      accountExists: false,
    });

    const weak = await acceptWithNewAccountAction(newAccount(invitation.token, { password: "password1234" }));
    expect(weak).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { password: [expect.any(String)] } });
    const personal = await acceptWithNewAccountAction(
      newAccount(invitation.token, { password: "nia-newcomer-otter-42" }),
    );
    expect(personal).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining("your name")] } });
    const short = await acceptWithNewAccountAction(newAccount(invitation.token, { password: "kX9mQ2vL8nR" }));
    expect(short).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { password: [expect.any(String)] } });
    const mismatch = await acceptWithNewAccountAction({ ...newAccount(invitation.token), confirmPassword: "other" });
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: [expect.any(String)] } });
    expect(await db().user.findUnique({ where: { email: "nia@example.test" } })).toBeNull();
    expect(await findOpenInvitation(invitation.token)).not.toBeNull();

    const accepted = await acceptWithNewAccountAction(newAccount(invitation.token));
    expect(accepted).toEqual({ ok: true, data: { workspaceName: team.workspace.name, email: "nia@example.test" } });
    const user = await db().user.findUniqueOrThrow({
      where: { email: "nia@example.test" },
      include: { memberships: true },
    });
    expect(user.name).toBe("Nia Newcomer");
    expect(user.passwordHash).not.toContain(STRONG);
    expect(await verifyPassword(STRONG, user.passwordHash)).toBe(true);
    expect(user.memberships).toEqual([expect.objectContaining({ workspaceId: team.workspace.id, role: "designer" })]);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: invitation.invitationId } });
    expect(stored.acceptedAt).not.toBeNull();

    // The link works once.
    expect(await findOpenInvitation(invitation.token)).toBeNull();
    expect(await acceptWithNewAccountAction(newAccount(invitation.token, { name: "Someone Else" }))).toEqual(invalid);
    expect(await db().membership.count({ where: { userId: user.id } })).toBe(1);

    const audit = await db().auditLog.findMany({
      where: { workspaceId: team.workspace.id, action: "invitation.accepted" },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorType: "user",
        actorId: user.id,
        resourceType: "invitation",
        resourceId: invitation.invitationId,
        after: { userId: user.id, email: "nia@example.test", role: "designer", newAccount: true },
      }),
    ]);
    expect(auditText(audit)).not.toContain(invitation.token);
    expect(auditText(audit)).not.toContain(STRONG);
  });

  it("lets only one of two tabs that submit the same link at once through", async () => {
    const invitation = await invite("twice@example.test");
    const results = await Promise.all([
      acceptWithNewAccountAction(newAccount(invitation.token)),
      acceptWithNewAccountAction(newAccount(invitation.token)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ ok: false })]);
    expect(await db().user.count({ where: { email: "twice@example.test" } })).toBe(1);
  });
});

describe("accepting with an existing account", () => {
  it("requires being signed in as that account", async () => {
    const elsewhere = await seedWorkspace();
    const invitee = elsewhere.user;
    const invitation = await invite(invitee.email, "auditor");
    expect(await findOpenInvitation(invitation.token)).toMatchObject({ accountExists: true });

    // Not by creating a second account or replacing its password.
    const create = await acceptWithNewAccountAction(newAccount(invitation.token));
    expect(create).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(
      await verifyPassword(
        "correct-horse-battery",
        (await db().user.findUniqueOrThrow({ where: { id: invitee.id } })).passwordHash,
      ),
    ).toBe(true);

    // Not signed in, or signed in as someone else.
    expect(await acceptInvitationAction({ token: invitation.token })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
    const stranger = await seedWorkspace();
    signInAs(memberOf(stranger.user, stranger.workspace, "admin"));
    const wrong = await acceptInvitationAction({ token: invitation.token });
    expect(wrong).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringContaining(invitee.email) });
    expect(
      await db().membership.count({
        where: { workspaceId: team.workspace.id, userId: { in: [invitee.id, stranger.user.id] } },
      }),
    ).toBe(0);

    signInAs(memberOf(invitee, elsewhere.workspace, "admin"));
    const accepted = await acceptInvitationAction({ token: invitation.token });
    expect(accepted).toEqual({ ok: true, data: { workspaceName: team.workspace.name, email: invitee.email } });
    expect(
      await db().membership.findUnique({
        where: { workspaceId_userId: { workspaceId: team.workspace.id, userId: invitee.id } },
      }),
    ).toMatchObject({ role: "auditor" });
    // The console opens the workspace just joined.
    expect(jar.get("sb_workspace")?.value).toBe(team.workspace.id);
    expect(await acceptInvitationAction({ token: invitation.token })).toEqual(invalid);

    const audit = await db().auditLog.findFirstOrThrow({
      where: { workspaceId: team.workspace.id, action: "invitation.accepted" },
    });
    expect(audit).toMatchObject({ actorId: invitee.id, after: expect.objectContaining({ newAccount: false }) });
  });
});

describe("links that do not open an invitation", () => {
  it("refuses expired, revoked and unknown tokens with the same answer, and creates nothing", async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    const expired = await invite("late@example.test", "operator", eightDaysAgo);
    const revoked = await invite("gone@example.test");
    await db().$transaction((tx) =>
      revokeInvitation(tx, { workspaceId: team.workspace.id, invitationId: revoked.invitationId }),
    );
    const unknown = "A".repeat(43);
    const malformed = "not-a-token";

    for (const token of [expired.token, revoked.token, unknown, malformed]) {
      expect(await findOpenInvitation(token)).toBeNull();
      expect(await acceptWithNewAccountAction(newAccount(token))).toEqual(invalid);
    }
    signInAs(memberOf(team.user, team.workspace, "admin"));
    for (const token of [expired.token, revoked.token, unknown]) {
      expect(await acceptInvitationAction({ token })).toEqual(invalid);
    }
    expect(await db().user.count({ where: { email: { in: ["late@example.test", "gone@example.test"] } } })).toBe(0);
    expect(
      await db().auditLog.count({ where: { workspaceId: team.workspace.id, action: "invitation.accepted" } }),
    ).toBe(0);
  });
});
