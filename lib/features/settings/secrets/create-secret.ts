import "server-only";
import { encryptSecret, secretHint } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { CreateSecretInput } from "./secret-schema";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";

/** Stores a secret encrypted. Returns (and lets the caller audit) its name and hint, never the value. */
export async function createSecret(
  tx: Tx,
  options: { workspaceId: string; input: CreateSecretInput },
): Promise<{ id: string; name: string; hint: string | null }> {
  try {
    const row = await tx.workspaceSecret.create({
      data: {
        workspaceId: options.workspaceId,
        name: options.input.name,
        cipher: encryptSecret(options.input.value),
        hint: secretHint(options.input.value),
      },
      select: { id: true, name: true, hint: true },
    });
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", {
        message: `Secret name taken: ${options.input.name}`,
        userMessage: "A secret with that name already exists.",
        fieldErrors: { name: ["A secret with that name already exists. Replace its value instead."] },
      });
    }
    throw error;
  }
}
