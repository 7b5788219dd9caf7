// SEED_API_KEY: a known API key in the demo workspace from the first start, for scripts and demos. Idempotent: a key
// with that value that already exists (even revoked) is left alone.
import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import type { Db } from "@/lib/platform/db/client";
import { createApiKey } from "./create-api-key";
import { displayPrefix, hashApiKey, readSeedApiKey } from "@/lib/platform/crypto/api-key-format";
import { processEnv } from "@/lib/platform/config";

export async function ensureSeedApiKey(
  client: Db,
  workspaceId: string,
  env: Record<string, string | undefined> = processEnv(),
): Promise<{ created: boolean; prefix: string } | null> {
  const value = readSeedApiKey(env);
  if (!value) return null;
  const existing = await client.apiKey.findUnique({ where: { hash: hashApiKey(value) } });
  if (existing) {
    // A seed key stored before displayPrefix was bounded may carry too long a prefix: shorten it on the next start.
    const prefix = displayPrefix(value);
    if (existing.prefix !== prefix) await client.apiKey.update({ where: { id: existing.id }, data: { prefix } });
    return { created: false, prefix };
  }
  const admin = await client.membership.findFirst({
    where: { workspaceId, role: "admin" },
    orderBy: { createdAt: "asc" },
  });
  return client.$transaction(async (tx) => {
    const { apiKey } = await createApiKey(tx, {
      workspaceId,
      name: "Seed key",
      createdById: admin?.userId ?? null,
      key: value,
    });
    await auditLog(
      {
        workspaceId,
        actor: { type: "system", label: "first start" },
        action: "api_key.created",
        resourceType: "api_key",
        resourceId: apiKey.id,
        after: {
          name: apiKey.name,
          prefix: apiKey.prefix,
          rateLimitPerMinute: apiKey.rateLimitPerMinute,
          source: "SEED_API_KEY",
        },
      },
      tx,
    );
    return { created: true, prefix: apiKey.prefix };
  });
}
