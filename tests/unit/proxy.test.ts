// proxy.ts called as Next.js calls it, with a NextRequest: every response gets the security headers, pages a fresh
// nonce that reaches Next.js's render through the request's CSP header, and an oversized server action body a 413.
// (Chat pages read their workspace's embedding origins from the database: tests/integration/proxy.test.ts.)
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { MESSAGE_TOO_LARGE } from "@/lib/model/limits";

const request = (path: string, init?: ConstructorParameters<typeof NextRequest>[1]) =>
  new NextRequest(`http://localhost:3000${path}`, init);

function nonceOf(csp: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
}

describe("proxy", () => {
  it("a console page: security headers, and the nonce handed to Next.js in the request's CSP", async () => {
    const response = await proxy(request("/flows"));
    const csp = response.headers.get("content-security-policy");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("'strict-dynamic'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
    expect(response.headers.get("x-middleware-next")).toBe("1");
    const nonce = nonceOf(csp);
    expect(nonce).toBeTruthy();
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(nonceOf((await proxy(request("/flows"))).headers.get("content-security-policy"))).not.toBe(nonce);
  });

  it("console API routes and static files get the headers too, without a nonce", async () => {
    for (const path of ["/api/health", "/api/flows/export", "/_next/static/chunks/main.js"]) {
      const response = await proxy(request(path));
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-middleware-request-x-nonce")).toBeNull();
    }
  });

  it("answers a server action body over the limit 413 before Next.js reads it", async () => {
    const response = await proxy(
      request("/chat/acme-retail/retail-support", {
        method: "POST",
        headers: { "next-action": "abc123", "content-length": String(5 * 1024 * 1024), "content-type": "text/plain" },
      }),
    );
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(response.headers.get("x-middleware-next")).toBeNull();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe(MESSAGE_TOO_LARGE);

    const small = await proxy(
      request("/flows", { method: "POST", headers: { "next-action": "abc123", "content-length": "120" } }),
    );
    expect(small.headers.get("x-middleware-next")).toBe("1");
  });

  it("adds HSTS only when the public origin is https", async () => {
    const previous = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = "https://switchboard.example";
      const secure = await proxy(request("/flows"));
      expect(secure.headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(secure.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
      process.env.NEXTAUTH_URL = "http://localhost:3000";
      expect((await proxy(request("/flows"))).headers.get("strict-transport-security")).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = previous;
    }
  });

  it("does not run for the public API, which sets its own headers (tests/integration/interfaces/api)", () => {
    // Next.js compiles `matcher` with path-to-regexp; a plain RegExp over the whole path reads the same here.
    const [matcher] = config.matcher;
    const runsFor = (path: string) => new RegExp(`^${matcher}$`).test(path);
    expect(runsFor("/api/v1/conversations")).toBe(false);
    expect(runsFor("/api/v1/conversations/abc/messages")).toBe(false);
    for (const path of ["/", "/flows", "/chat/acme-retail/retail-support", "/api/health", "/api/v1x"])
      expect(runsFor(path)).toBe(true);
  });
});
