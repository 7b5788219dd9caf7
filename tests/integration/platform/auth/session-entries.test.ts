// Sign-ins, failed sign-ins and sign-outs (with the end of the person's sessions) are in the audit trail, in the
// person's workspace.
import { describe, expect, it } from "vitest";
import type { Awaitable, User } from "next-auth";

const { authOptions } = await import("@/lib/platform/auth/auth-options");
const { db } = await import("@/lib/platform/db/client");
const { seedWorkspace } = await import("@/tests/support/factories");

type Authorize = (credentials: Record<string, string>, request: unknown) => Awaitable<User | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

const entries = (workspaceId: string) =>
  db().auditLog.findMany({ where: { workspaceId, resourceType: "session" }, orderBy: { id: "asc" } });

describe("session audit entries", () => {
  it("records a sign-in, a failed sign-in and a sign-out", async () => {
    const { workspace, user } = await seedWorkspace({ role: "operator" });
    expect(await authorize({ email: user.email, password: "wrong password" }, {})).toBeNull();
    const signedIn = await authorize({ email: user.email, password: "correct-horse-battery" }, {});
    expect(signedIn).toMatchObject({ id: user.id });
    await authOptions.events!.signOut!({ token: { sub: user.id }, session: null as never });

    const rows = await entries(workspace.id);
    expect(rows.map((r) => r.action)).toEqual([
      "session.sign_in_failed",
      "session.signed_in",
      "session.signed_out",
      "session.revoked",
    ]);
    expect(rows[2]).toMatchObject({ actorType: "user", actorId: user.id, actorLabel: user.email, resourceId: user.id });
    // Signing out ends the person's sessions (the cookie may have been copied): the entry says why.
    expect(rows[3]).toMatchObject({ actorId: user.id, resourceId: user.id, metadata: { reason: "signed_out" } });
    expect(JSON.stringify(rows.map((r) => [r.before, r.after, r.metadata]))).not.toContain("correct-horse-battery");
  });

  it("records nothing for a sign-out without a known person", async () => {
    const before = await db().auditLog.count({ where: { action: "session.signed_out" } });
    await authOptions.events!.signOut!({ token: {}, session: null as never });
    await authOptions.events!.signOut!({ token: { sub: "no-such-user" }, session: null as never });
    expect(await db().auditLog.count({ where: { action: "session.signed_out" } })).toBe(before);
  });
});
