import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseKey, secretHint, secretsKey } from "@/lib/platform/crypto/secret-box";

const key = randomBytes(32);

describe("secret box", () => {
  it("round-trips text, including unicode, with a fresh IV each time", () => {
    const value = "sk-live-ÄÖÜ-🔑-1234";
    const a = encryptSecret(value, key);
    const b = encryptSecret(value, key);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-live");
    expect(decryptSecret(a, key)).toBe(value);
    expect(decryptSecret(b, key)).toBe(value);
    expect(decryptSecret(encryptSecret("", key), key)).toBe("");
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const sealed = encryptSecret("a secret value", key);
    const [version, iv, tag, data] = sealed.split(":");
    const flip = (text: string) => {
      const bytes = Buffer.from(text, "base64url");
      bytes[0] ^= 1;
      return bytes.toString("base64url");
    };
    for (const tampered of [
      [version, iv, tag, flip(data)],
      [version, iv, flip(tag), data],
      [version, flip(iv), tag, data],
    ]) {
      expect(() => decryptSecret(tampered.join(":"), key)).toThrow(/could not be decrypted/);
    }
    expect(() => decryptSecret(["v2", iv, tag, data].join(":"), key)).toThrow(/unknown format or version/);
    expect(() => decryptSecret("plain text", key)).toThrow(/unknown format/);
  });

  it("refuses a value sealed with another key, without echoing it", () => {
    const sealed = encryptSecret("top-secret-value", key);
    let message = "";
    try {
      decryptSecret(sealed, randomBytes(32));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/different key/);
    expect(message).not.toContain("top-secret-value");
  });

  it("takes SWITCHBOARD_SECRETS_KEY as hex or base64, else derives from NEXTAUTH_SECRET, else explains", () => {
    const raw = randomBytes(32);
    expect(secretsKey({ SWITCHBOARD_SECRETS_KEY: raw.toString("hex") }).equals(raw)).toBe(true);
    expect(secretsKey({ SWITCHBOARD_SECRETS_KEY: raw.toString("base64") }).equals(raw)).toBe(true);
    expect(
      secretsKey({
        SWITCHBOARD_SECRETS_KEY: raw.toString("base64url"),
        NEXTAUTH_SECRET: "ignored-when-a-key-is-set",
      }).equals(raw),
    ).toBe(true);
    expect(() => parseKey("too-short")).toThrow(/32 bytes/);

    const derived = secretsKey({ NEXTAUTH_SECRET: "a-session-secret-of-some-length" });
    expect(derived).toHaveLength(32);
    // Deterministic, distinct per secret, and never the session secret itself.
    expect(secretsKey({ NEXTAUTH_SECRET: "a-session-secret-of-some-length" }).equals(derived)).toBe(true);
    expect(secretsKey({ NEXTAUTH_SECRET: "another-session-secret-value" }).equals(derived)).toBe(false);
    expect(derived.toString("utf8")).not.toContain("a-session-secret");
    const sealed = encryptSecret("x", derived);
    expect(decryptSecret(sealed, secretsKey({ NEXTAUTH_SECRET: "a-session-secret-of-some-length" }))).toBe("x");

    expect(() => secretsKey({})).toThrow(/SWITCHBOARD_SECRETS_KEY.*NEXTAUTH_SECRET/);
  });

  it("hints at the last four characters of long values only", () => {
    expect(secretHint("sk-proj-abcdefgh1234")).toBe("1234");
    expect(secretHint("short")).toBeNull();
  });
});
