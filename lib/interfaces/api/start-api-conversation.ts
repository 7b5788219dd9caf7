import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { apiKeyActor } from "@/lib/interfaces/api-keys/api-key-actor";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { sqlFor, transactionWithSql } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { AppError } from "@/lib/model/errors";
import { apiMessage, type ApiMessage } from "./api-message";
import type { CreateConversationBody } from "./schemas";

/**
 * Opens a conversation through the engine's own command, in one transaction with an audit entry naming the API key
 * (the engine's `conversation.started` entry names the customer channel). Unknown customer refs are a 422.
 */
export async function startApiConversation(options: {
  key: ApiKeyPrincipal;
  input: CreateConversationBody;
}): Promise<{ id: string; status: string; messages: ApiMessage[] }> {
  const { key, input } = options;
  return transactionWithSql(async (tx) => {
    let customerId: string | null = null;
    if (input.customer) {
      const [customer] = await sqlFor(tx)<{ id: string }[]>`
        SELECT id FROM "Customer" WHERE "workspaceId" = ${key.workspaceId} AND ref = ${input.customer}`;
      if (!customer) {
        const message = `No customer "${input.customer}" in this workspace.`;
        throw new AppError("VALIDATION", { userMessage: message, fieldErrors: { customer: [message] } });
      }
      customerId = customer.id;
    }
    const started = await startConversation({
      workspaceId: key.workspaceId,
      flowSlug: input.flow,
      channel: input.channel,
      customerId,
      tx,
    });
    await auditLog(
      {
        workspaceId: key.workspaceId,
        actor: apiKeyActor(key),
        action: "conversation.started_via_api",
        resourceType: "conversation",
        resourceId: started.id,
        after: { flow: input.flow, channel: input.channel, customer: input.customer ?? null },
        metadata: input.metadata ? { metadata: input.metadata } : undefined,
      },
      tx,
    );
    return { id: started.id, status: started.status, messages: started.messages.map(apiMessage) };
  });
}
