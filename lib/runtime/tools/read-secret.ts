import "server-only";
import { decryptSecret } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";

/**
 * The decrypted value of a workspace secret, for the engine's HTTP tools ({{secret.NAME}}); null when there is no such
 * secret. Keep the value out of logs, spans and audit entries.
 */
export async function readSecret(tx: Tx, workspaceId: string, name: string): Promise<string | null> {
  const row = await tx.workspaceSecret.findUnique({
    where: { workspaceId_name: { workspaceId, name } },
    select: { cipher: true },
  });
  if (!row) return null;
  try {
    return decryptSecret(row.cipher);
  } catch (error) {
    throw new AppError("INTERNAL", {
      message: `Workspace secret ${name} cannot be decrypted: ${error instanceof Error ? error.message : String(error)}`,
      userMessage: `The secret ${name} cannot be read; an admin needs to enter its value again in Settings.`,
      cause: error,
    });
  }
}
