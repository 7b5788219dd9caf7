// API key format and hashing. Pure: shared by creation, authentication, the seed key and the unit tests.
import { createHash, randomInt } from "node:crypto";
import { z } from "zod";

export const API_KEY_PREFIX = "sb_live_";
export const API_KEY_RANDOM_LENGTH = 32;
/** How much of a key the UI shows: the fixed prefix plus 8 random characters, e.g. `sb_live_ab12cd34`. */
export const API_KEY_DISPLAY_LENGTH = API_KEY_PREFIX.length + 8;
export const MIN_SEED_KEY_LENGTH = 24;
export const MAX_KEY_LENGTH = 200;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `sb_live_` + 32 base62 characters (≈190 bits), drawn without modulo bias. */
export function generateApiKey(): string {
  let random = "";
  for (let i = 0; i < API_KEY_RANDOM_LENGTH; i++) random += BASE62[randomInt(BASE62.length)];
  return API_KEY_PREFIX + random;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * At most 8 random characters are ever shown: a seed key need not start with `sb_live_`, and slicing a fixed length
 * from such a key would show 16 of its own characters (most of a 24-character key).
 */
export function displayPrefix(key: string): string {
  if (key.startsWith(API_KEY_PREFIX)) return key.slice(0, API_KEY_DISPLAY_LENGTH);
  return key.slice(0, API_KEY_DISPLAY_LENGTH - API_KEY_PREFIX.length);
}

/** A key given from outside (SEED_API_KEY): long enough to be unguessable, and safe in an Authorization header. */
export const externalKeySchema = z
  .string()
  .min(MIN_SEED_KEY_LENGTH, `An API key must be at least ${MIN_SEED_KEY_LENGTH} characters`)
  .max(MAX_KEY_LENGTH, `An API key must be at most ${MAX_KEY_LENGTH} characters`)
  .regex(/^[A-Za-z0-9_\-.~]+$/, "An API key may contain only letters, digits and _ - . ~");

/** SEED_API_KEY from the environment: null when unset or empty; a malformed value throws naming the variable. */
export function readSeedApiKey(env: Record<string, string | undefined>): string | null {
  const raw = env.SEED_API_KEY;
  if (!raw) return null;
  const parsed = externalKeySchema.safeParse(raw);
  if (!parsed.success) throw new Error(`SEED_API_KEY: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}
