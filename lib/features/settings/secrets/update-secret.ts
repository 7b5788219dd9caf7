import "server-only";
import { encryptSecret, secretHint } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { UpdateSecretInput } from "./secret-schema";

/** Replaces a secret's value. `before`/`after` carry the hints only. */
export async function updateSecret(
  tx: Tx,
  options: { workspaceId: string; input: UpdateSecretInput },
): Promise<{ id: string; name: string; before: { hint: string | null }; after: { hint: string | null } }> {
  const existing = await tx.workspaceSecret.findFirst({
    where: { id: options.input.id, workspaceId: options.workspaceId },
    select: { id: true, name: true, hint: true },
  });
  if (!existing) throw new AppError("NOT_FOUND", { userMessage: "That secret does not exist in this workspace." });
  const hint = secretHint(options.input.value);
  await tx.workspaceSecret.update({
    where: { id: existing.id },
    data: { cipher: encryptSecret(options.input.value), hint },
  });
  return { id: existing.id, name: existing.name, before: { hint: existing.hint }, after: { hint } };
}
