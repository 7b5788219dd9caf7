// Integration tests play the browser against next-auth's real handler with Switchboard's auth options, through the
// pages-style entry point (it needs no Next request context): cookies are kept in a Map as a browser keeps them.
import NextAuth, { type AuthOptions } from "next-auth";

export const TEST_APP = "http://localhost:3999";
export const SESSION_COOKIE = "next-auth.session-token";

export type Jar = Map<string, string>;

/** Keeps what Set-Cookie headers set (and forgets what they expire), like a browser. */
export function keepCookies(jar: Jar, lines: string[]) {
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

/** One request to next-auth's handler with `options`, as /api/auth/[...nextauth] receives it. */
export async function authRequest(
  options: AuthOptions,
  jar: Jar,
  request: {
    action: string;
    providerId?: string;
    method?: string;
    query?: Record<string, string>;
    body?: Record<string, string>;
    headers?: Record<string, string>;
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
    headers: { host: new URL(TEST_APP).host, ...request.headers },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: AuthOptions) => Promise<void>)(req, res, options);
  keepCookies(jar, [out.headers.get("set-cookie") ?? []].flat());
  const location = out.headers.get("location");
  return { status: out.status, redirect: typeof location === "string" ? location : undefined, body: out.body };
}

async function csrfToken(options: AuthOptions, jar: Jar): Promise<string> {
  const csrf = await authRequest(options, jar, { action: "csrf" });
  return (csrf.body as { csrfToken: string }).csrfToken;
}

/** The sign-in form's POST: where next-auth sends the browser, and the jar with the session cookie on success. */
export async function signInWithPassword(
  options: AuthOptions,
  jar: Jar,
  credentials: { email: string; password: string },
  headers?: Record<string, string>,
) {
  return authRequest(options, jar, {
    action: "callback",
    providerId: "credentials",
    method: "POST",
    body: { ...credentials, csrfToken: await csrfToken(options, jar), callbackUrl: `${TEST_APP}/flows` },
    headers,
  });
}

/** The sidebar's "Sign out". */
export async function signOutWithCookie(options: AuthOptions, jar: Jar) {
  return authRequest(options, jar, {
    action: "signout",
    method: "POST",
    body: { csrfToken: await csrfToken(options, jar), callbackUrl: `${TEST_APP}/sign-in` },
  });
}
