import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/platform/http/safe-redirect";

describe("safeRedirectPath", () => {
  it("follows same-site paths", () => {
    expect(safeRedirectPath("/inbox?queue=refunds")).toBe("/inbox?queue=refunds");
    expect(safeRedirectPath("http://localhost:3000/live#x")).toBe("/live#x");
    expect(safeRedirectPath(["/live", "/flows"])).toBe("/live");
  });

  it("keeps an absolute URL's path only, so another host is never reached", () => {
    expect(safeRedirectPath("https://evil.example/x")).toBe("/x");
    expect(safeRedirectPath("https://evil")).toBe("/");
  });

  it("refuses anything a browser would read as another host, or a scheme", () => {
    for (const raw of [
      "//evil.example/x",
      "//evil",
      "/\\evil.example",
      "/\\evil",
      "\\\\evil",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,x",
      "evil.example",
    ]) {
      expect(safeRedirectPath(raw), JSON.stringify(raw)).toBe("/flows");
    }
  });

  it("refuses tab, line-break and other control characters (the query string arrives decoded)", () => {
    // /sign-in?callbackUrl=/%09/evil.example reaches the page as "/\t/evil.example", which browsers read as //evil.example.
    for (const raw of [
      decodeURIComponent("/%09/evil.example"),
      "/\tevil",
      "/\t/evil.example",
      "/\n/evil.example",
      decodeURIComponent("/%0a"),
      "/\r\nSet-Cookie: x=1",
      "/\u0000",
      "/live\u007F",
    ]) {
      expect(safeRedirectPath(raw), JSON.stringify(raw)).toBe("/flows");
    }
  });

  it("never loops back to sign-in, and falls back when nothing is given", () => {
    expect(safeRedirectPath("/sign-in?x=1")).toBe("/flows");
    expect(safeRedirectPath("/api/auth/signout")).toBe("/flows");
    expect(safeRedirectPath(undefined, "/live")).toBe("/live");
    expect(safeRedirectPath("", "/live")).toBe("/live");
  });
});
