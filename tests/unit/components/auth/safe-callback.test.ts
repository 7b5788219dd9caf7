import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/components/auth/safe-callback";

describe("the sign-in callback URL", () => {
  it("follows same-site paths", () => {
    expect(safeCallbackUrl("/inbox?queue=refunds")).toBe("/inbox?queue=refunds");
    expect(safeCallbackUrl("http://localhost:3000/live#x")).toBe("/live#x");
  });

  it("never leaves the site or loops back to sign-in", () => {
    for (const raw of [
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "/sign-in?x=1",
      "/api/auth/signout",
    ]) {
      expect(safeCallbackUrl(raw)).toBe("/flows");
    }
    expect(safeCallbackUrl(undefined, "/live")).toBe("/live");
  });
});
