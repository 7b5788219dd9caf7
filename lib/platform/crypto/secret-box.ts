// Authenticated encryption of small secrets (model-provider API keys, workspace secrets) at rest: AES-256-GCM,
// stored as `v1:<iv>:<tag>:<ciphertext>` (base64url). The version prefix lets a later format or key rotation
// coexist with rows written today.
//
// Key: SWITCHBOARD_SECRETS_KEY (32 bytes, base64/base64url or hex) when set; otherwise derived with HKDF-SHA256 from
// NEXTAUTH_SECRET under its own info label, so the session-signing key itself is never used to encrypt.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { processEnv } from "@/lib/platform/config";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_INFO = "switchboard/secret-box/v1";
const HKDF_SALT = "switchboard-secret-box";

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

type Env = Record<string, string | undefined>;

/** Parses a 32-byte key given as 64 hex characters or as base64/base64url. */
export function parseKey(raw: string): Buffer {
  const value = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return bytes;
  }
  throw new SecretBoxError("SWITCHBOARD_SECRETS_KEY must be 32 bytes, written as 64 hex characters or as base64.");
}

/** The encryption key for this process's environment. Throws a clear error when neither variable is set. */
export function secretsKey(env: Env = processEnv()): Buffer {
  if (env.SWITCHBOARD_SECRETS_KEY) return parseKey(env.SWITCHBOARD_SECRETS_KEY);
  if (env.NEXTAUTH_SECRET) {
    return Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, HKDF_SALT, HKDF_INFO, 32));
  }
  throw new SecretBoxError(
    "No key to encrypt secrets: set SWITCHBOARD_SECRETS_KEY (32 bytes, hex or base64) or NEXTAUTH_SECRET (`npm start` sets it).",
  );
}

export function encryptSecret(plaintext: string, key: Buffer = secretsKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptSecret(boxed: string, key: Buffer = secretsKey()): string {
  const parts = boxed.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION)
    throw new SecretBoxError("Not a sealed secret (unknown format or version).");
  const [, ivText, tagText, dataText] = parts;
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
    throw new SecretBoxError("Not a sealed secret (bad IV or tag).");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // GCM authentication failed: the value was altered or sealed with another key. Never echo the value.
    throw new SecretBoxError(
      "A stored secret could not be decrypted: it was changed, or it was encrypted with a different key (SWITCHBOARD_SECRETS_KEY / NEXTAUTH_SECRET).",
    );
  }
}

/** The last four characters, so people can tell values apart without seeing them; nothing for very short values. */
export function secretHint(value: string): string | null {
  return value.length >= 12 ? value.slice(-4) : null;
}
