import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";

/** Deletes a secret; HTTP tools that refer to it then fail with a clear "unknown secret" error. */
export async function deleteSecret(
  tx: Tx,
  options: { workspaceId: string; id: string },
): Promise<{ id: string; before: { name: string; hint: string | null } }> {
  const existing = await tx.workspaceSecret.findFirst({
    where: { id: options.id, workspaceId: options.workspaceId },
    select: { id: true, name: true, hint: true },
  });
  if (!existing) throw new AppError("NOT_FOUND", { userMessage: "That secret does not exist in this workspace." });
  await tx.workspaceSecret.delete({ where: { id: existing.id } });
  return { id: existing.id, before: { name: existing.name, hint: existing.hint } };
}
