import { describe, expect, it } from "vitest";
import { displayPrefix, externalKeySchema, generateApiKey, hashApiKey } from "@/lib/platform/crypto/api-key-format";

describe("API key format", () => {
  it("generates sb_live_ + 32 base62 characters, all different", () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) expect(key).toMatch(/^sb_live_[0-9A-Za-z]{32}$/);
  });

  it("hashes with sha-256 and shows the prefix plus 8 characters", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(displayPrefix("sb_live_ab12cd34efgh")).toBe("sb_live_ab12cd34");
  });

  it("shows at most 8 characters of a key without the sb_live_ prefix", () => {
    expect(displayPrefix("abcdefghijklmnopqrstuvwxyz")).toBe("abcdefgh");
    const generated = generateApiKey();
    expect(displayPrefix(generated)).toBe(generated.slice(0, 16));
  });

  it("accepts only long, header-safe external keys", () => {
    expect(externalKeySchema.safeParse("sb_live_" + "a".repeat(16)).success).toBe(true);
    expect(externalKeySchema.safeParse("short-key").success).toBe(false);
    expect(externalKeySchema.safeParse("has spaces in it but is long enough").success).toBe(false);
  });
});
