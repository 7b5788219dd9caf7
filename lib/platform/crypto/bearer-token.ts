// Random bearer tokens of which only a hash is stored (the web chat's resume token): a database leak gives no one
// access, and checking a presented token never reveals how much of it was right.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes (256 bits) as base64url: 43 characters, safe in a cookie or a URL as they are. */
export function generateBearerToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256, hex. A plain hash is enough (no salt, no stretching): the token is random, not chosen by a person. */
export function hashBearerToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether `token` hashes to `storedHash`, in constant time; false when there is no stored hash. */
export function bearerTokenMatches(token: string, storedHash: string | null | undefined): boolean {
  const presented = Buffer.from(hashBearerToken(token), "hex");
  // An absent or malformed hash is compared against anyway, so a refusal takes as long as a real check.
  const stored = Buffer.from(storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? storedHash : "0".repeat(64), "hex");
  return timingSafeEqual(presented, stored) && !!storedHash;
}
