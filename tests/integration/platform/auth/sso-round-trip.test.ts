// The whole SSO sign-in against a real OpenID Connect provider (tests/support/oidc-test-provider.ts): next-auth's
// handler with Switchboard's auth options starts the sign-in, the provider logs the person in, and the callback
// verifies the code, ID token and userinfo, provisions the person and issues the session. The test plays the browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/platform/db/client";
import { startOidcTestProvider, type OidcTestProvider } from "@/tests/support/oidc-test-provider";
import { demoWorkspace } from "@/tests/support/factories";
import { authRequest, keepCookies, TEST_APP as APP, type Jar } from "@/tests/support/next-auth-handler";

let provider: OidcTestProvider;
let options: AuthOptions;

beforeAll(async () => {
  provider = await startOidcTestProvider({ redirectUris: [`${APP}/api/auth/callback/sso`] });
  Object.assign(process.env, {
    NEXTAUTH_URL: APP,
    SSO_OIDC_ISSUER: provider.issuer,
    SSO_OIDC_CLIENT_ID: provider.clientId,
    SSO_OIDC_CLIENT_SECRET: provider.clientSecret,
    SSO_OIDC_NAME: "Acme SSO",
    SSO_OIDC_SCOPES: "openid email profile groups",
    SSO_ROLE_MAP: "sb-admins=admin,sb-designers=designer,sb-ops=operator",
  });
  // Read at import: the options are built from the environment the app would start with.
  const { authOptions } = await import("@/lib/platform/auth/auth-options");
  options = { ...authOptions, secret: process.env.NEXTAUTH_SECRET };
});

afterAll(async () => {
  await provider?.close();
  for (const key of Object.keys(process.env)) if (key.startsWith("SSO_")) delete process.env[key];
});

const auth = (jar: Jar, request: Parameters<typeof authRequest>[2]) => authRequest(options, jar, request);

/** Follows the provider's redirects (its own cookies kept) until it sends the browser back to the app. */
async function atProvider(url: string, jar: Jar, init: RequestInit = {}): Promise<{ backToApp?: URL; html?: string }> {
  let next: string | undefined = url;
  let request = init;
  while (next) {
    const target: URL = new URL(next, provider.issuer);
    if (target.origin === APP) return { backToApp: target };
    const response: Response = await fetch(target, {
      ...request,
      redirect: "manual",
      headers: {
        ...(request.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
      },
    });
    keepCookies(jar, response.headers.getSetCookie());
    request = {};
    next = response.headers.get("location") ?? undefined;
    if (!next) return { html: await response.text() };
  }
  return {};
}

/** Clicks "Sign in with …", logs in at the provider as `login`, and lands on the app's callback. */
async function signInWithSso(login: string) {
  const app: Jar = new Map();
  const idp: Jar = new Map();
  const csrf = await auth(app, { action: "csrf" });
  const start = await auth(app, {
    action: "signin",
    providerId: "sso",
    method: "POST",
    body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, callbackUrl: `${APP}/inbox` },
  });
  expect(start.redirect).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
  const authorize = new URL(start.redirect!);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("scope")).toBe("openid email profile groups");

  const loginPage = await atProvider(start.redirect!, idp);
  const action = loginPage.html?.match(/<form[^>]*action="([^"]+)"/)?.[1];
  expect(action, "the provider's login form").toBeTruthy();
  const back = await atProvider(action!, idp, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ prompt: "login", login, password: "any password" }).toString(),
  });
  expect(back.backToApp?.pathname).toBe("/api/auth/callback/sso");
  const done = await auth(app, {
    action: "callback",
    providerId: "sso",
    query: Object.fromEntries(back.backToApp!.searchParams),
  });
  const sessionToken = app.get("next-auth.session-token");
  const token = sessionToken ? await decode({ token: sessionToken, secret: options.secret! }) : null;
  return { redirect: done.redirect, token, app };
}

describe("SSO round trip with a real OpenID Connect provider", () => {
  it("offers the provider by its configured name", async () => {
    const providers = await auth(new Map(), { action: "providers" });
    expect((providers.body as Record<string, { name: string; callbackUrl: string }>).sso).toMatchObject({
      name: "Acme SSO",
      callbackUrl: `${APP}/api/auth/callback/sso`,
    });
  });

  it("signs a person in as their mapped role, with Switchboard's user id in the session", async () => {
    const workspace = await demoWorkspace();
    const { redirect, token, app } = await signInWithSso("olivia");
    expect(redirect).toBe(`${APP}/inbox`);

    const user = await db().user.findUniqueOrThrow({ where: { email: "olivia.operator@acme.test" } });
    expect(user).toMatchObject({ ssoIssuer: provider.issuer, ssoSubject: "olivia", passwordHash: "" });
    // The JWT carries our user id (not the provider's subject), exactly as a password sign-in does.
    expect(token?.sub).toBe(user.id);
    // …and the person's session version, which every request compares (revocable sessions).
    expect(token?.sessionVersion).toBe(user.sessionVersion);
    const session = await auth(app, { action: "session" });
    expect((session.body as { user: { id: string } }).user.id).toBe(user.id);

    const membership = await db().membership.findUniqueOrThrow({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
    });
    expect(membership.role).toBe("operator");
    const signedIn = await db().auditLog.findFirstOrThrow({ where: { action: "session.signed_in", actorId: user.id } });
    expect(signedIn.metadata).toMatchObject({ method: "sso", issuer: provider.issuer });
  });

  it("applies a group change at the provider on the next sign-in", async () => {
    provider.people.dana.groups = ["sb-designers"];
    const first = await signInWithSso("dana");
    provider.people.dana.groups = ["sb-admins"];
    const { token } = await signInWithSso("dana");
    // The new role ended the session signed in under the old one.
    expect(token!.sessionVersion).toBe((first.token!.sessionVersion as number) + 1);
    const membership = await db().membership.findFirstOrThrow({ where: { userId: token!.sub! } });
    expect(membership.role).toBe("admin");
    const change = await db().auditLog.findFirstOrThrow({
      where: { action: "member.role_changed", resourceId: token!.sub! },
    });
    expect(change).toMatchObject({ actorLabel: "sso", before: { role: "designer" }, after: { role: "admin" } });
  });

  it("sends a person without a mapped group back to sign-in with a reason, and no session", async () => {
    const { redirect, token } = await signInWithSso("nora");
    expect(redirect).toBe("/sign-in?error=SsoNoRole");
    expect(token).toBeNull();
    expect(await db().user.count({ where: { email: "nora.nobody@acme.test" } })).toBe(0);
    const failed = await db().auditLog.findFirstOrThrow({
      where: { action: "session.sign_in_failed", actorLabel: "sso" },
      orderBy: { id: "desc" },
    });
    expect(failed.metadata).toMatchObject({ method: "sso", reason: "no_role", email: "nora.nobody@acme.test" });
  });

  it("refuses an address the provider has not verified", async () => {
    const { redirect, token } = await signInWithSso("uma");
    expect(redirect).toBe("/sign-in?error=SsoEmailUnverified");
    expect(token).toBeNull();
  });
});
