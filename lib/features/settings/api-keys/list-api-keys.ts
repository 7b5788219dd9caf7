import "server-only";
import { db } from "@/lib/platform/db/client";

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number;
};

/** Active keys first, newest first. Never the key or its hash. */
export async function listApiKeys(workspaceId: string): Promise<ApiKeyListItem[]> {
  const rows = await db().apiKey.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }],
    include: { createdBy: { select: { name: true, email: true } } },
  });
  return rows
    .map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdBy: row.createdBy ? row.createdBy.name || row.createdBy.email : null,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
      rateLimitPerMinute: row.rateLimitPerMinute,
    }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}
