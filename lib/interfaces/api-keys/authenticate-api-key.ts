import "server-only";
import { cachedApiKey, type CachedKey } from "@/lib/features/settings/api-keys/api-key-cache";
import { db, sqlFor } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { hashApiKey, MAX_KEY_LENGTH } from "@/lib/platform/crypto/api-key-format";

export type ApiKeyPrincipal = {
  id: string;
  workspaceId: string;
  name: string;
  prefix: string;
  rateLimitPerMinute: number;
};

const LAST_USED_RESOLUTION_MS = 60_000;

function unauthenticated(message: string): AppError {
  return new AppError("UNAUTHENTICATED", {
    message,
    userMessage: "A valid API key is required: send it as `Authorization: Bearer <key>`.",
  });
}

/** `Authorization: Bearer <key>` → the key's workspace. Unknown, malformed or revoked keys are 401 and write nothing. */
export async function authenticateApiKey(options: { authorization: string | null }): Promise<ApiKeyPrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? "");
  if (!match) throw unauthenticated("missing or malformed Authorization header");
  const token = match[1];
  if (token.length > MAX_KEY_LENGTH) throw unauthenticated("key too long");
  const hash = hashApiKey(token);
  const key = await cachedApiKey(hash, async () => {
    const [row] = await sqlFor(db())<CachedKey[]>`
      SELECT id, "workspaceId", name, prefix, "rateLimitPerMinute", "revokedAt", "lastUsedAt" FROM "ApiKey" WHERE hash = ${hash}`;
    return row;
  });
  if (!key) throw unauthenticated("unknown API key");
  if (key.revokedAt) throw unauthenticated(`revoked API key ${key.id}`);

  // At most one write a minute per key; the condition makes concurrent requests agree on who writes.
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db().apiKey.updateMany({
      where: {
        id: key.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
    key.lastUsedAt = now; // the cached entry too: one write a minute
  }
  return {
    id: key.id,
    workspaceId: key.workspaceId,
    name: key.name,
    prefix: key.prefix,
    rateLimitPerMinute: key.rateLimitPerMinute,
  };
}
