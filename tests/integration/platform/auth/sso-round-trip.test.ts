// The whole SSO sign-in against a real OpenID Connect provider (tests/support/oidc-test-provider.ts): next-auth's
// handler with Switchboard's auth options starts the sign-in, the provider logs the person in, and the callback
// verifies the code, ID token and userinfo, provisions the person and issues the session. The test plays the browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import NextAuth, { type AuthOptions } from "next-auth";
import { decode } from "next-auth/jwt";
import { db } from "@/lib/platform/db/client";
import { startOidcTestProvider, type OidcTestProvider } from "@/tests/support/oidc-test-provider";
import { demoWorkspace } from "@/tests/support/factories";

const APP = "http://localhost:3999";
type Jar = Map<string, string>;

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

/** Keeps what Set-Cookie headers set (and forgets what they expire), like a browser. */
function keepCookies(jar: Jar, lines: string[]) {
  for (const line of lines) {
    const [pair, ...attributes] = line.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    const expired = attributes.some(
      (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /^\s*expires=Thu, 01 Jan 1970/i.test(attribute),
    );
    if (expired) jar.delete(name);
    else jar.set(name, decodeURIComponent(pair.slice(at + 1)));
  }
}

/**
 * One request to next-auth's handler with Switchboard's options, as /api/auth/[...nextauth] receives it (through the
 * pages-style entry point, which needs no Next request context).
 */
async function auth(
  jar: Jar,
  request: {
    action: string;
    providerId?: string;
    method?: string;
    query?: Record<string, string>;
    body?: Record<string, string>;
  },
) {
  const out = { status: 200, headers: new Map<string, string | string[]>(), body: undefined as unknown };
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    getHeader: (name: string) => out.headers.get(name.toLowerCase()),
    setHeader(name: string, value: string | string[]) {
      out.headers.set(name.toLowerCase(), value);
      return res;
    },
    end: () => undefined,
    json: (body: unknown) => void (out.body = body),
    send: (body: unknown) => void (out.body = body),
  };
  const req = {
    method: request.method ?? "GET",
    query: { ...request.query, nextauth: [request.action, request.providerId].filter(Boolean) },
    body: request.body,
    cookies: Object.fromEntries(jar),
    headers: { host: new URL(APP).host },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: AuthOptions) => Promise<void>)(req, res, options);
  keepCookies(jar, [out.headers.get("set-cookie") ?? []].flat());
  const location = out.headers.get("location");
  return { status: out.status, redirect: typeof location === "string" ? location : undefined, body: out.body };
}

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
    await signInWithSso("dana");
    provider.people.dana.groups = ["sb-admins"];
    const { token } = await signInWithSso("dana");
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
