import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/platform/crypto/password";
import { db, type Tx } from "@/lib/platform/db/client";
import { changeMemberRole } from "@/lib/platform/auth/change-member-role";
import { changeOwnPassword } from "@/lib/features/settings/members/change-own-password";
import { removeMember } from "@/lib/features/settings/members/remove-member";
import { seedUser, seedWorkspace } from "@/tests/support/factories";

// Adding members is an invitation now: tests/integration/features/settings/invite-members.test.ts and
// tests/integration/features/invite/accept-invitation.test.ts.

const tx = <T>(fn: (t: Tx) => Promise<T>) => db().$transaction(fn);

describe("managing members", () => {
  it("always keeps one admin", async () => {
    const { workspace, user: admin } = await seedWorkspace({ role: "admin" });
    await expect(
      tx((t) => changeMemberRole(t, { workspaceId: workspace.id, userId: admin.id, role: "operator" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await seedUser({ workspaceId: workspace.id, role: "designer" });
    await tx((t) => changeMemberRole(t, { workspaceId: workspace.id, userId: second.id, role: "admin" }));
    await tx((t) => changeMemberRole(t, { workspaceId: workspace.id, userId: admin.id, role: "auditor" }));
    await expect(
      tx((t) => removeMember(t, { workspaceId: workspace.id, userId: second.id, actorUserId: admin.id })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("removes a member (not yourself), deleting an account that has no other workspace", async () => {
    const { workspace, user: admin } = await seedWorkspace();
    const operator = await seedUser({ workspaceId: workspace.id, role: "operator" });
    await expect(
      tx((t) => removeMember(t, { workspaceId: workspace.id, userId: admin.id, actorUserId: admin.id })),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const result = await tx((t) =>
      removeMember(t, { workspaceId: workspace.id, userId: operator.id, actorUserId: admin.id }),
    );
    expect(result.after.accountDeleted).toBe(true);
    expect(await db().user.findUnique({ where: { id: operator.id } })).toBeNull();
  });

  it("cannot touch another workspace's members", async () => {
    const mine = await seedWorkspace();
    const theirs = await seedWorkspace();
    await expect(
      tx((t) => changeMemberRole(t, { workspaceId: mine.workspace.id, userId: theirs.user.id, role: "auditor" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("changes your own password only with the current one", async () => {
    const { user } = await seedWorkspace();
    await expect(
      tx((t) =>
        changeOwnPassword(t, {
          userId: user.id,
          currentPassword: "wrong-password",
          newPassword: "a-brand-new-password",
        }),
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { currentPassword: expect.any(Array) } });
    // A refused change ends no session; a done one ends them all.
    const version = async () => (await db().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    expect(await version()).toBe(0);
    await tx((t) =>
      changeOwnPassword(t, {
        userId: user.id,
        currentPassword: "correct-horse-battery",
        newPassword: "a-brand-new-password",
      }),
    );
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("a-brand-new-password", passwordHash)).toBe(true);
    expect(await verifyPassword("correct-horse-battery", passwordHash)).toBe(false);
    expect(await version()).toBe(1);
  });

  it("refuses a new password the policy refuses: short, common, or containing your name or e-mail", async () => {
    const { user } = await seedWorkspace();
    const change = (newPassword: string) =>
      tx((t) => changeOwnPassword(t, { userId: user.id, currentPassword: "correct-horse-battery", newPassword }));
    const localPart = user.email.split("@")[0];
    for (const weak of ["kX9mQ2vL8nR", "password1234", "qwertyuiop123", `${localPart}-otter-compass`]) {
      await expect(change(weak), weak).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { newPassword: [expect.any(String)] },
      });
    }
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("correct-horse-battery", passwordHash)).toBe(true);
  });
});
