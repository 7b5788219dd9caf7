// The sites that may frame a workspace's public chat, as proxy.ts reads them for every /chat/ request: from a short
// in-process cache, so a busy chat costs one query per workspace every 30 s rather than one per request. Unknown
// workspaces are cached too (as "no site"), and the cache is bounded. Saving the setting clears its entry at once; any
// other process sees the change within the TTL.
import "server-only";
import { db } from "@/lib/platform/db/client";

const TTL_MS = 30_000;
const MAX_ENTRIES = 1000;
const SLUG = /^[A-Za-z0-9_-]{1,100}$/;

type Entry = { origins: string[]; until: number };

// On globalThis: proxy.ts and the settings action are bundled apart but run in one server process.
const store = globalThis as unknown as { switchboardChatEmbedOrigins?: Map<string, Entry> };
const cache = (): Map<string, Entry> => (store.switchboardChatEmbedOrigins ??= new Map());

export async function chatEmbedOrigins(workspaceSlug: string, now = Date.now()): Promise<string[]> {
  if (!SLUG.test(workspaceSlug)) return [];
  const entries = cache();
  const hit = entries.get(workspaceSlug);
  if (hit && hit.until > now) return hit.origins;
  let origins: string[];
  try {
    const workspace = await db().workspace.findUnique({
      where: { slug: workspaceSlug },
      select: { chatEmbedOrigins: true },
    });
    origins = workspace?.chatEmbedOrigins ?? [];
  } catch (error) {
    // Not framable while the database is away (the page cannot render then either); not cached, so it comes back.
    console.error("[chat-embed-origins]", error instanceof Error ? error.message : error);
    return [];
  }
  entries.delete(workspaceSlug);
  if (entries.size >= MAX_ENTRIES) {
    for (const [slug, entry] of entries) if (entry.until <= now) entries.delete(slug);
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  entries.set(workspaceSlug, { origins, until: now + TTL_MS });
  return origins;
}

/** After the setting changed: this process frames by the new list from the next request on. */
export function forgetChatEmbedOrigins(workspaceSlug: string): void {
  cache().delete(workspaceSlug);
}
