import { describe, expect, it } from "vitest";
import { bearerTokenMatches, generateBearerToken, hashBearerToken } from "@/lib/platform/crypto/bearer-token";

describe("bearer tokens", () => {
  it("are 32 random bytes in base64url, all different", () => {
    const tokens = new Set(Array.from({ length: 200 }, generateBearerToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("are stored as their sha-256 and match only that", () => {
    expect(hashBearerToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = generateBearerToken();
    const hash = hashBearerToken(token);
    expect(bearerTokenMatches(token, hash)).toBe(true);
    expect(bearerTokenMatches(generateBearerToken(), hash)).toBe(false);
    expect(bearerTokenMatches(token, hash.toUpperCase())).toBe(false);
  });

  it("match nothing when there is no stored hash, or a malformed one", () => {
    const token = generateBearerToken();
    expect(bearerTokenMatches(token, null)).toBe(false);
    expect(bearerTokenMatches(token, undefined)).toBe(false);
    expect(bearerTokenMatches(token, "")).toBe(false);
    expect(bearerTokenMatches(token, "0".repeat(64))).toBe(false);
    expect(bearerTokenMatches(token, "not a hash")).toBe(false);
  });
});
