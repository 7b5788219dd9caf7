import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/platform/db/client";
import { encryptSecret } from "@/lib/platform/crypto/secret-box";

export const chatIdentitySecretSchema = z.object({ enabled: z.boolean() });

/**
 * A new secret for the host site to sign shoppers' identity tokens with (returned once, stored encrypted), or none:
 * then every token is refused and web visitors verify in the flow. Replacing it invalidates tokens signed before.
 */
export async function setChatIdentitySecret(tx: Tx, workspaceId: string, enabled: boolean) {
  const before = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { chatIdentitySecret: true },
  });
  const secret = enabled ? `sbid_${randomBytes(32).toString("base64url")}` : null;
  await tx.workspace.update({
    where: { id: workspaceId },
    data: { chatIdentitySecret: secret ? encryptSecret(secret) : null },
  });
  return { secret, before: { configured: Boolean(before.chatIdentitySecret) }, after: { configured: enabled } };
}
