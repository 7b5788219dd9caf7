import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { API_KEY_REVOKED_CHANNEL } from "./api-key-cache";

/** Revokes a key of this workspace. Revoking a revoked key changes nothing (and `changed` says so). */
export async function revokeApiKey(
  tx: Tx,
  options: { workspaceId: string; apiKeyId: string },
): Promise<{ apiKey: { id: string; name: string; prefix: string; revokedAt: Date }; changed: boolean }> {
  const key = await tx.apiKey.findFirst({ where: { id: options.apiKeyId, workspaceId: options.workspaceId } });
  if (!key) throw new AppError("NOT_FOUND", { userMessage: "That API key does not exist in this workspace." });
  if (key.revokedAt)
    return { apiKey: { id: key.id, name: key.name, prefix: key.prefix, revokedAt: key.revokedAt }, changed: false };
  const revoked = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  // Delivered at the commit: every process drops the key from its lookup cache (api-key-cache.ts).
  await tx.$executeRaw`SELECT pg_notify(${API_KEY_REVOKED_CHANNEL}, ${key.id})`;
  return {
    apiKey: { id: revoked.id, name: revoked.name, prefix: revoked.prefix, revokedAt: revoked.revokedAt! },
    changed: true,
  };
}
