import "server-only";
import { apiKeyActor } from "@/lib/interfaces/api-keys/api-key-actor";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { apiMessage, type ApiMessage } from "./api-message";
import type { CreateConversationBody } from "./schemas";

/**
 * Opens a conversation through the engine's own command, with an audit entry naming the API key written in its
 * statement (the engine's `conversation.started` entry names the customer channel). Unknown customer refs are a 422.
 */
export async function startApiConversation(options: {
  key: ApiKeyPrincipal;
  input: CreateConversationBody;
}): Promise<{ id: string; status: string; messages: ApiMessage[] }> {
  const { key, input } = options;
  const started = await startConversation({
    workspaceId: key.workspaceId,
    flowSlug: input.flow,
    channel: input.channel,
    customerRef: input.customer ?? undefined,
    alsoAudit: (conversationId) => [
      {
        workspaceId: key.workspaceId,
        actor: apiKeyActor(key),
        action: "conversation.started_via_api",
        resourceType: "conversation",
        resourceId: conversationId,
        after: { flow: input.flow, channel: input.channel, customer: input.customer ?? null },
        metadata: input.metadata ? { metadata: input.metadata } : undefined,
      },
    ],
  });
  return { id: started.id, status: started.status, messages: started.messages.map(apiMessage) };
}
