import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/platform/http/client-address";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientAddress", () => {
  it("without a trusted proxy: the right-most X-Forwarded-For entry (the peer Next.js recorded)", () => {
    expect(clientAddress(h({ "x-forwarded-for": "203.0.113.7" }), 0)).toBe("203.0.113.7");
    expect(clientAddress(h({ "x-forwarded-for": "10.0.0.1, 203.0.113.7" }), 0)).toBe("203.0.113.7");
    expect(clientAddress(h({ "x-real-ip": "198.51.100.1" }), 0)).toBe("unknown");
    expect(clientAddress(h({}), 0)).toBe("unknown");
  });

  it("behind N proxies: the N-th entry from the right; what the client wrote further left is ignored", () => {
    const headers = h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
    expect(clientAddress(headers, 1)).toBe("10.0.0.2");
    expect(clientAddress(headers, 2)).toBe("203.0.113.7");
    expect(clientAddress(h({ "x-forwarded-for": "203.0.113.7" }), 2)).toBe("203.0.113.7");
  });

  it("one address however it is written", () => {
    expect(clientAddress(h({ "x-forwarded-for": "::ffff:203.0.113.7" }), 0)).toBe("203.0.113.7");
    expect(clientAddress(h({ "x-forwarded-for": "203.0.113.7:51234" }), 0)).toBe("203.0.113.7");
    expect(clientAddress(h({ "x-forwarded-for": "[2001:DB8::1]:443" }), 0)).toBe("2001:db8::1");
  });

  it("reads TRUST_PROXY when not told", () => {
    const previous = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = "1";
    try {
      expect(clientAddress(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    } finally {
      if (previous === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = previous;
    }
  });
});
