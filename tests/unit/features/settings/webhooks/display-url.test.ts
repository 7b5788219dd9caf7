import { describe, expect, it } from "vitest";
import { maskedUrl } from "@/lib/features/settings/webhooks/display-url";

describe("maskedUrl", () => {
  it("keeps the origin and hides path and query", () => {
    expect(maskedUrl("https://hooks.example.com/services/T000/B000/XXXX?token=abc")).toBe(
      "https://hooks.example.com/…",
    );
    expect(maskedUrl("https://example.com:8443/")).toBe("https://example.com:8443/");
    expect(maskedUrl("http://user:pw@example.com/x")).toBe("http://example.com/…");
    expect(maskedUrl("not a url")).toBe("…");
  });
});
