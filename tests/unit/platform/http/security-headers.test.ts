import { describe, expect, it } from "vitest";
import {
  classifyPath,
  contentSecurityPolicy,
  frameAncestors,
  newNonce,
  securityHeaders,
} from "@/lib/platform/http/security-headers";

const http = { https: false, dev: false };
const https = { https: true, dev: false };

function directives(csp: string): Record<string, string> {
  return Object.fromEntries(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

describe("classifyPath", () => {
  it("tells console pages, public chat pages and everything without HTML apart", () => {
    expect(classifyPath("/")).toEqual({ kind: "console" });
    expect(classifyPath("/flows/abc/edit")).toEqual({ kind: "console" });
    expect(classifyPath("/sign-in")).toEqual({ kind: "console" });
    expect(classifyPath("/chat/acme-retail/retail-support")).toEqual({ kind: "chat", workspaceSlug: "acme-retail" });
    expect(classifyPath("/chat")).toEqual({ kind: "console" });
    expect(classifyPath("/chat/bad%20slug/x")).toEqual({ kind: "console" });
    expect(classifyPath("/api/v1/conversations")).toEqual({ kind: "resource" });
    expect(classifyPath("/api/chat/acme-retail/retail-support/c1/stream")).toEqual({ kind: "resource" });
    expect(classifyPath("/_next/static/chunks/app.js")).toEqual({ kind: "resource" });
  });
});

describe("security headers", () => {
  it("a console page: nonce CSP with strict-dynamic, never framed, no HSTS over http", () => {
    const headers = securityHeaders({ kind: "console", nonce: "abc123" }, http);
    const csp = directives(headers["Content-Security-Policy"]);
    expect(csp["script-src"]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp["object-src"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'none'");
    expect(csp["default-src"]).toBe("'self'");
    expect(csp).not.toHaveProperty("upgrade-insecure-requests");
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers["Permissions-Policy"]).toContain("microphone=()");
    expect(headers["Permissions-Policy"]).toContain("geolocation=()");
    expect(headers["Permissions-Policy"]).toContain("payment=()");
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
  });

  it("a chat page of a workspace with embedding origins may be framed by those origins only", () => {
    const headers = securityHeaders(
      { kind: "chat", nonce: "n1", embedOrigins: ["https://shop.example", "https://www.shop.example:8443"] },
      http,
    );
    const csp = directives(headers["Content-Security-Policy"]);
    expect(csp["frame-ancestors"]).toBe("https://shop.example https://www.shop.example:8443");
    expect(csp["script-src"]).toContain("'nonce-n1'");
    expect(headers).not.toHaveProperty("X-Frame-Options");
    expect(headers).not.toHaveProperty("Cross-Origin-Opener-Policy");
    // Not no-referrer: that would send "Origin: null" on the chat's own action POSTs, which Next.js refuses.
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("a chat page of a workspace without origins is not framable", () => {
    const headers = securityHeaders({ kind: "chat", nonce: "n1", embedOrigins: [] }, http);
    expect(directives(headers["Content-Security-Policy"])["frame-ancestors"]).toBe("'none'");
    expect(headers["X-Frame-Options"]).toBe("DENY");
  });

  it("lets nothing but a plain origin into frame-ancestors, whatever the database holds", () => {
    expect(
      frameAncestors(["https://ok.example", "https://evil.example; script-src *", "*", "https://a.example/path"]),
    ).toBe("https://ok.example");
    expect(frameAncestors(["https://ok.example\nX-Injected: 1", "'self'", "javascript:alert(1)"])).toBe("'none'");
    expect(frameAncestors(["HTTPS://Shop.Example", "https://shop.example"])).toBe("https://shop.example");
  });

  it("an https public origin adds HSTS and upgrade-insecure-requests", () => {
    const headers = securityHeaders({ kind: "console", nonce: "n" }, https);
    expect(headers["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(directives(headers["Content-Security-Policy"])).toHaveProperty("upgrade-insecure-requests");
    expect(securityHeaders({ kind: "resource" }, https)["Strict-Transport-Security"]).toBe("max-age=31536000");
  });

  it("API routes and static files: nothing may load or frame them", () => {
    const headers = securityHeaders({ kind: "resource" }, http);
    expect(headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff" });
  });

  it("allows eval only under next dev", () => {
    expect(contentSecurityPolicy({ kind: "console", nonce: "n" }, { https: false, dev: true })).toContain(
      "'strict-dynamic' 'unsafe-eval'",
    );
    expect(contentSecurityPolicy({ kind: "console", nonce: "n" }, http)).not.toContain("unsafe-eval");
  });

  it("makes a fresh base64 nonce each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});
