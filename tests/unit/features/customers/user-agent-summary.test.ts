import { describe, expect, it } from "vitest";
import { summarizeUserAgent } from "@/lib/features/customers/user-agent-summary";
import { maskPhone } from "@/lib/features/customers/mask-phone";

describe("summarizeUserAgent", () => {
  it("names the browser and system, and says when it is a phone", () => {
    expect(
      summarizeUserAgent(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      ),
    ).toBe("Chrome on Android (mobile)");
    expect(
      summarizeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iOS (mobile)");
    expect(
      summarizeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      ),
    ).toBe("Edge on Windows");
    expect(
      summarizeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0"),
    ).toBe("Firefox on macOS");
  });

  it("is honest about what it cannot tell", () => {
    expect(summarizeUserAgent(null)).toBeNull();
    expect(summarizeUserAgent("curl/8.5.0")).toBe("An unrecognised browser or program");
  });
});

describe("maskPhone", () => {
  it("keeps the last four digits only", () => {
    expect(maskPhone("+1 555 0142")).toBe("••• 0142");
    expect(maskPhone("12")).toBe("•••");
    expect(maskPhone(null)).toBeNull();
  });
});
