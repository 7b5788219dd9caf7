import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db } from "@/lib/platform/db/client";
import { verifyChatIdentityToken, type IdentityTokenRefusal } from "@/lib/runtime/identity/chat-identity-token";

/** What the host site's identity token says, read before the conversation starts. */
export async function readChatIdentity(
  workspaceId: string,
  token: string | undefined,
): Promise<{ customerId: string | null; refusal: IdentityTokenRefusal | null }> {
  if (!token) return { customerId: null, refusal: null };
  const result = await db().$transaction((tx) => verifyChatIdentityToken(tx, workspaceId, token));
  return result.ok ? { customerId: result.customerId, refusal: null } : { customerId: null, refusal: result.reason };
}

/**
 * A refused token leaves the visitor anonymous (they can still chat, and verify in the flow); the operator who set
 * up the host site finds why here. The token itself is never written anywhere.
 */
export async function auditRefusedIdentity(workspaceId: string, conversationId: string, reason: IdentityTokenRefusal) {
  await auditLog({
    workspaceId,
    actor: { type: "system", label: "web chat" },
    action: "customer.identity_refused",
    resourceType: "conversation",
    resourceId: conversationId,
    after: { reason },
  });
}
