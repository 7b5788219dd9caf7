// The one place a conversation's identity changes once it is running (the Verify customer node); at the start the API
// and the chat's signed identity set it in start-conversation.ts.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { ConversationIdentity, IdentityMethod } from "@/lib/model/identity";

/** Verified: the conversation's customer from now on, for tools, memory and the console. */
export async function markVerified(
  tx: Tx,
  identity: ConversationIdentity,
  target: { conversationId: string; customerId: string; method: IdentityMethod },
) {
  await tx.conversation.update({
    where: { id: target.conversationId },
    data: {
      identityLevel: "verified",
      identityMethod: target.method,
      identifiedAt: new Date(),
      customerId: target.customerId,
    },
  });
  identity.level = "verified";
  identity.method = target.method;
  identity.customerId = target.customerId;
}

/**
 * Identified: the customer named an account we have (a code went to its e-mail) but has not proved it yet. The
 * conversation does not take that customer on: nothing of theirs is reachable until the proof.
 */
export async function markIdentified(tx: Tx, identity: ConversationIdentity, conversationId: string, method: string) {
  if (identity.level === "verified") return;
  await tx.conversation.update({
    where: { id: conversationId },
    data: { identityLevel: "identified", identityMethod: method, identifiedAt: new Date() },
  });
  identity.level = "identified";
  identity.method = method;
}
