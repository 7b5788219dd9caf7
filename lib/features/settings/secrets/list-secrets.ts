import "server-only";
import { db, type Tx } from "@/lib/platform/db/client";
import type { SecretView } from "./secret-schema";

/** Names and hints only; the values never leave the server. */
export async function listSecrets(workspaceId: string, client: Tx = db()): Promise<SecretView[]> {
  const rows = await client.workspaceSecret.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, hint: true, createdAt: true, updatedAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    hint: row.hint,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
