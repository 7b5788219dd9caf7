// Revocable sessions: a session cookie carries the person's session version, and the signed-in member (pages, server
// actions, console routes) is only recognised while it is the current one. Sign-ins and sign-outs go through
// next-auth's real handler; the member is read by the real current-member over the test's cookie jar.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { AuthOptions } from "next-auth";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));
vi.mock("next-auth", async (importOriginal) => {
  const real = await importOriginal<typeof import("next-auth")>();
  const { currentBrowser } = await import("@/tests/support/cookie-jar");
  return {
    ...real,
    // The app-router form reads next/headers through require(), out of a mock's reach: hand it the jar's request.
    getServerSession: (options: AuthOptions) =>
      real.getServerSession(
        {
          headers: { host: "localhost:3999" },
          cookies: Object.fromEntries(
            currentBrowser()
              .getAll()
              .map((c) => [c.name, c.value]),
          ),
        } as never,
        { getHeader: () => undefined, setCookie: () => undefined, setHeader: () => undefined } as never,
        options,
      ),
  };
});

const { encode } = await import("next-auth/jwt");
const { CookieJar, switchBrowser } = await import("@/tests/support/cookie-jar");
const { SESSION_COOKIE, signInWithPassword, signOutWithCookie, TEST_APP } =
  await import("@/tests/support/next-auth-handler");
const { currentMember } = await import("@/lib/platform/auth/current-member");
const { consoleRoute } = await import("@/lib/features/console-route");
const { endSessions } = await import("@/lib/platform/auth/session-version");
const actions = await import("@/lib/features/settings/members/actions");
const { db } = await import("@/lib/platform/db/client");
const { seedUser, seedWorkspace } = await import("@/tests/support/factories");

const PASSWORD = "correct-horse-battery";
let options: AuthOptions;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = TEST_APP;
  const { authOptions } = await import("@/lib/platform/auth/auth-options");
  options = { ...authOptions, secret: process.env.NEXTAUTH_SECRET };
});

/** Signs in through next-auth as a browser would; returns that browser's cookies and its session cookie's value. */
async function signIn(email: string, password = PASSWORD) {
  const jar = new Map<string, string>();
  await signInWithPassword(options, jar, { email, password });
  const cookie = jar.get(SESSION_COOKIE);
  expect(cookie, `a session for ${email}`).toBeTruthy();
  return { jar, cookie: cookie! };
}

/** The next calls come from a browser holding this session cookie (a copy of it, say). */
function useCookie(cookie: string) {
  switchBrowser(new CookieJar()).put(SESSION_COOKIE, cookie);
}

async function memberWith(cookie: string) {
  useCookie(cookie);
  return currentMember();
}

async function routeStatusWith(cookie: string) {
  useCookie(cookie);
  return (await consoleRoute("conversation.read", "test", async () => new Response("ok"))).status;
}

const revoked = (userId: string, reason: string) =>
  db().auditLog.findMany({
    where: { action: "session.revoked", resourceId: userId, metadata: { path: ["reason"], equals: reason } },
  });

describe("revocable sessions", () => {
  it("a copied session cookie stops working once its owner signs out", async () => {
    const { user } = await seedWorkspace({ role: "operator" });
    const { jar, cookie: copy } = await signIn(user.email);
    expect(await memberWith(copy)).toMatchObject({ userId: user.id });

    await signOutWithCookie(options, jar);
    expect(jar.has(SESSION_COOKIE)).toBe(false);
    expect(await memberWith(copy)).toBeNull();
    expect(await routeStatusWith(copy)).toBe(401);
    expect(await revoked(user.id, "signed_out")).toHaveLength(1);

    // Signing out with the dead copy does not end the session signed in since.
    const fresh = await signIn(user.email);
    await signOutWithCookie(options, new Map([[SESSION_COOKIE, copy]]));
    expect(await memberWith(fresh.cookie)).toMatchObject({ userId: user.id });
  });

  it("a password change ends every session; the new password signs in afresh", async () => {
    const { user } = await seedWorkspace({ role: "designer" });
    const here = await signIn(user.email);
    const elsewhere = await signIn(user.email);
    useCookie(here.cookie);
    const result = await actions.changeOwnPasswordAction({
      currentPassword: PASSWORD,
      newPassword: "a-brand-new-password",
    });
    expect(result).toEqual({ ok: true, data: { email: user.email } });
    expect(await memberWith(elsewhere.cookie)).toBeNull();
    expect(await memberWith(here.cookie)).toBeNull();
    expect(await routeStatusWith(elsewhere.cookie)).toBe(401);
    const again = await signIn(user.email, "a-brand-new-password");
    expect(await memberWith(again.cookie)).toMatchObject({ userId: user.id });
    expect(await revoked(user.id, "password_changed")).toMatchObject([{ actorId: user.id }]);
  });

  it("a role change ends the person's sessions, not the admin's", async () => {
    const { workspace, user: admin } = await seedWorkspace({ role: "admin" });
    const operator = await seedUser({ workspaceId: workspace.id, role: "operator" });
    const adminSession = await signIn(admin.email);
    const operatorSession = await signIn(operator.email);
    useCookie(adminSession.cookie);
    const result = await actions.changeMemberRoleAction({ userId: operator.id, role: "auditor" });
    expect(result.ok).toBe(true);
    expect(await memberWith(operatorSession.cookie)).toBeNull();
    expect(await memberWith(adminSession.cookie)).toMatchObject({ userId: admin.id, role: "admin" });
    expect(await revoked(operator.id, "role_changed")).toMatchObject([
      { actorId: admin.id, workspaceId: workspace.id },
    ]);
  });

  it("removal from a workspace ends the person's sessions, even while they belong to another one", async () => {
    const { workspace, user: admin } = await seedWorkspace({ role: "admin" });
    const { workspace: other } = await seedWorkspace({ role: "admin" });
    const operator = await seedUser({ workspaceId: workspace.id, role: "operator" });
    await db().membership.create({ data: { workspaceId: other.id, userId: operator.id, role: "operator" } });
    const operatorSession = await signIn(operator.email);
    const adminSession = await signIn(admin.email);
    useCookie(adminSession.cookie);
    expect((await actions.removeMemberAction({ userId: operator.id })).ok).toBe(true);
    expect(await memberWith(operatorSession.cookie)).toBeNull();
    expect(await revoked(operator.id, "removed_from_workspace")).toHaveLength(1);
  });

  it("'Sign out everywhere' ends every session of the person, this one included", async () => {
    const { user } = await seedWorkspace({ role: "auditor" });
    const here = await signIn(user.email);
    const elsewhere = await signIn(user.email);
    useCookie(here.cookie);
    expect(await actions.signOutEverywhereAction({})).toEqual({ ok: true, data: { ended: true } });
    expect(await memberWith(here.cookie)).toBeNull();
    expect(await memberWith(elsewhere.cookie)).toBeNull();
    expect(await revoked(user.id, "signed_out_everywhere")).toMatchObject([
      { actorId: user.id, actorLabel: user.email },
    ]);
    // Without a session there is nothing to end.
    useCookie(here.cookie);
    expect(await actions.signOutEverywhereAction({})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("a session issued before versions existed counts as version 0", async () => {
    const { user } = await seedWorkspace({ role: "operator" });
    const old = await encode({ token: { sub: user.id }, secret: process.env.NEXTAUTH_SECRET! });
    expect(await memberWith(old)).toMatchObject({ userId: user.id });
    await db().$transaction((tx) => endSessions(tx, user.id, "signed_out_everywhere"));
    expect(await memberWith(old)).toBeNull();
  });

  it("an open console event stream closes once its session has been ended", async () => {
    const { user } = await seedWorkspace({ role: "operator" });
    const { cookie } = await signIn(user.email);
    useCookie(cookie);
    // A stream that never ends by itself, like the Live page's.
    const response = await consoleRoute(
      "conversation.read",
      "test-stream",
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode("event: ready\n\n")) }),
          { headers: { "content-type": "text/event-stream" } },
        ),
      { streamSessionCheckMs: 25 },
    );
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("ready");
    await db().$transaction((tx) => endSessions(tx, user.id, "signed_out_everywhere"));
    expect(await reader.read()).toMatchObject({ done: true });
  });
});
