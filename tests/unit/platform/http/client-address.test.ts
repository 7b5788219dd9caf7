import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress } from "@/lib/platform/http/client-address";

describe("client address", () => {
  it("takes the peer Next.js records when there is no proxy", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" }, 0)).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }), 0)).toBe("127.0.0.1");
    // Without a trusted proxy, X-Real-IP is just another header a client can write.
    expect(clientAddress({ "x-real-ip": "198.51.100.1" }, 0)).toBeNull();
    expect(clientAddress({}, 0)).toBeNull();
  });

  it("behind N trusted proxies, takes the entry the outermost one appended, not what the client wrote", () => {
    const forwarded = { "x-forwarded-for": "10.9.9.9, 203.0.113.7, 10.0.0.2" };
    expect(clientAddress(forwarded, 1)).toBe("10.0.0.2");
    expect(clientAddress(forwarded, 2)).toBe("203.0.113.7");
    expect(clientAddress({ "x-forwarded-for": ["1.1.1.1", "203.0.113.7"] }, 1)).toBe("203.0.113.7");
    expect(clientAddress({ "x-real-ip": "198.51.100.1" }, 1)).toBe("198.51.100.1");
  });

  it("normalises ports, brackets and IPv4-mapped addresses, and refuses anything else", () => {
    expect(normalizeAddress("203.0.113.7:5678")).toBe("203.0.113.7");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("203.0.113.7, evil")).toBeNull();
    expect(clientAddress({ "x-forwarded-for": "not-an-address" }, 0)).toBeNull();
  });
});
