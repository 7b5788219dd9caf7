// Every public API request authenticates its key. The lookup is cached per process so a turn takes one pooled
// connection instead of two (bench:engine: the pool is where a turn waits). A revocation reaches every process at
// its commit (NOTIFY on this channel); an entry is trusted only while the process has been LISTENing on it without
// a break since the entry was read, and for at most TTL_MS in any case.
import "server-only";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";

export const API_KEY_REVOKED_CHANNEL = "switchboard_api_key_revoked";
const TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

export type CachedKey = {
  id: string;
  workspaceId: string;
  name: string;
  prefix: string;
  rateLimitPerMinute: number;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};
type Entry = { key: CachedKey; since: number; at: number };

const entries = new Map<string, Entry>();
let revocations = 0;
let subscribed = false;

function forget(keyId: string): void {
  revocations++;
  for (const [hash, entry] of entries) if (entry.key.id === keyId) entries.delete(hash);
}

/** The key with this hash: from the cache while it can be trusted, else from `read` (and cached if live). */
export async function cachedApiKey(
  hash: string,
  read: () => Promise<CachedKey | undefined>,
): Promise<CachedKey | undefined> {
  const live = liveListener();
  if (!subscribed) {
    subscribed = true;
    live.subscribeChannel(API_KEY_REVOKED_CHANNEL, forget);
  }
  const since = live.listeningSince(API_KEY_REVOKED_CHANNEL);
  const entry = entries.get(hash);
  if (entry && entry.since === since && Date.now() - entry.at < TTL_MS) return entry.key;
  entries.delete(hash);
  const seen = revocations;
  const key = await read();
  // Not cached: a revoked or unknown key, a read that a revocation may have overtaken, or no live LISTEN.
  if (key && !key.revokedAt && since !== null && live.listeningSince(API_KEY_REVOKED_CHANNEL) === since) {
    if (seen === revocations) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(hash, { key, since, at: Date.now() });
    }
  }
  return key;
}
