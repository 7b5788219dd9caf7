// Integration tests call code that reads and writes cookies (the public chat's actions and stream route) as one
// browser: `cookies()` and `headers()` from next/headers work on an in-memory jar. In a test file:
//   vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));
// then `switchBrowser(new CookieJar())` to switch browsers; every tab of one browser shares its jar, as in a real one.
// A jar's `address` is where its requests come from (X-Forwarded-For, as Next.js sets it), for the chat's rate limits.
export type StoredCookie = {
  name: string;
  value: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "lax" | "strict" | "none" | boolean;
  partitioned?: boolean;
  path?: string;
  maxAge?: number;
  expires?: Date | number;
};

export class CookieJar {
  private readonly stored = new Map<string, StoredCookie>();

  /** What the request came over: `https` makes the app's cookies Secure. */
  constructor(
    readonly protocol: "http" | "https" = "http",
    readonly address = "127.0.0.1",
  ) {}

  get(name: string): StoredCookie | undefined {
    return this.stored.get(name);
  }

  has(name: string): boolean {
    return this.stored.has(name);
  }

  getAll(): StoredCookie[] {
    return [...this.stored.values()];
  }

  /** As the browser stores a Set-Cookie: an expired one (Max-Age 0, Expires in the past) removes the cookie. */
  set(cookie: StoredCookie): void {
    const expires = cookie.expires === undefined ? null : new Date(cookie.expires).getTime();
    const expired = (cookie.maxAge !== undefined && cookie.maxAge <= 0) || (expires !== null && expires <= Date.now());
    if (expired) this.stored.delete(cookie.name);
    else this.stored.set(cookie.name, { ...cookie });
  }

  /** A cookie put there by hand (a tampered or stale one). */
  put(name: string, value: string): void {
    this.stored.set(name, { name, value, path: "/" });
  }
}

let current = new CookieJar();

/** Makes `jar` the browser the next calls come from. */
export function switchBrowser(jar: CookieJar): CookieJar {
  current = jar;
  return jar;
}

export const currentBrowser = (): CookieJar => current;

/** next/headers over the current jar: the part of `cookies()` and `headers()` the app uses. */
export async function nextHeadersModule() {
  const cookies = async () => {
    const jar = current;
    return {
      get: (name: string) => {
        const cookie = jar.get(name);
        return cookie ? { name, value: cookie.value } : undefined;
      },
      has: (name: string) => jar.has(name),
      getAll: () => jar.getAll().map(({ name, value }) => ({ name, value })),
      set: (...args: [string, string, Omit<StoredCookie, "name" | "value">?] | [StoredCookie]) => {
        if (typeof args[0] === "string") jar.set({ ...args[2], name: args[0], value: args[1] ?? "" });
        else jar.set(args[0]);
      },
      delete: (arg: string | Omit<StoredCookie, "value" | "expires">) => {
        const options = typeof arg === "string" ? { name: arg } : arg;
        jar.set({ ...options, value: "", expires: new Date(0) });
      },
    };
  };
  const headers = async () =>
    new Headers({ "x-forwarded-proto": current.protocol, "x-forwarded-for": current.address });
  return { cookies, headers };
}
