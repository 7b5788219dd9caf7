// A published flow as another agent calls it (A2A, MCP): the first message opens a conversation on the API channel,
// every message goes through the engine's one command path, and the caller gets what the turn produced.
import "server-only";
import { apiKeyActor } from "@/lib/interfaces/api-keys/api-key-actor";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { consumeConversationLimit } from "@/lib/interfaces/api-keys/rate-limit";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db, type Tx } from "@/lib/platform/db/client";
import { DEFAULT_TURN_WAIT_MS, sendCustomerMessage } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation, type TurnReply } from "@/lib/runtime/engine/commands/start-conversation";
import { AppError } from "@/lib/model/errors";

export type IntegrationProtocol = "a2a" | "mcp";

export type FlowTurnInput = {
  flowSlug: string;
  /** Continue this conversation; omitted or null opens a new one. */
  conversationId?: string | null;
  text: string;
  /** A customer ref in the workspace (Customer.ref), for a new conversation only. */
  customerRef?: string | null;
  idempotencyKey?: string | null;
  waitMs?: number;
  /**
   * For a new conversation, first thing in its opening transaction: serialise on the caller's own key (an A2A
   * context) and return the conversation a concurrent call opened meanwhile, which is then continued instead.
   */
  claim?: (tx: Tx) => Promise<string | null>;
  /** In the opening transaction, once the conversation exists: record the caller's link to it. */
  opened?: (tx: Tx, conversationId: string) => Promise<void>;
};

export type FlowTurn = {
  conversationId: string;
  /** The conversation's status after the turn: active | escalated | resolved | abandoned | failed. */
  status: string;
  /** What the run waits for next (customer | human | approval | timer), or null once it has ended. */
  waitingFor: string | null;
  /** False when the wait ran out: the turn goes on and its replies land in the conversation later. */
  done: boolean;
  /** The greeting (for a new conversation) followed by the turn's replies, in order. */
  replies: TurnReply[];
  error: string | null;
};

export async function runFlowTurn(
  key: ApiKeyPrincipal,
  protocol: IntegrationProtocol,
  input: FlowTurnInput,
): Promise<FlowTurn> {
  let conversationId = input.conversationId ?? null;
  let greeting: TurnReply[] = [];
  if (conversationId) {
    const existing = await db().conversation.findFirst({
      where: { id: conversationId, workspaceId: key.workspaceId, flow: { slug: input.flowSlug } },
      select: { id: true },
    });
    if (!existing)
      throw new AppError("NOT_FOUND", { userMessage: "No such conversation for this flow in this workspace." });
    consumeConversationLimit(key.workspaceId, conversationId);
  } else {
    const started = await db().$transaction(async (tx) => {
      const claimed = await input.claim?.(tx);
      if (claimed) return { id: claimed, messages: [] };
      let customerId: string | null = null;
      if (input.customerRef) {
        const customer = await tx.customer.findUnique({
          where: { workspaceId_ref: { workspaceId: key.workspaceId, ref: input.customerRef } },
          select: { id: true },
        });
        if (!customer)
          throw new AppError("VALIDATION", { userMessage: `No customer "${input.customerRef}" in this workspace.` });
        customerId = customer.id;
      }
      const conversation = await startConversation({
        workspaceId: key.workspaceId,
        flowSlug: input.flowSlug,
        channel: "api",
        customerId,
        tx,
      });
      await auditLog(
        {
          workspaceId: key.workspaceId,
          actor: apiKeyActor(key),
          action: `conversation.started_via_${protocol}`,
          resourceType: "conversation",
          resourceId: conversation.id,
          after: { flow: input.flowSlug, channel: "api", protocol, customer: input.customerRef ?? null },
        },
        tx,
      );
      await input.opened?.(tx, conversation.id);
      return conversation;
    });
    conversationId = started.id;
    greeting = started.messages;
  }
  const turn = await sendCustomerMessage({
    workspaceId: key.workspaceId,
    conversationId,
    text: input.text,
    actor: apiKeyActor(key),
    idempotencyKey: input.idempotencyKey ?? null,
    waitMs: input.waitMs ?? DEFAULT_TURN_WAIT_MS,
  });
  const after = await db().conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { status: true, waitingFor: true },
  });
  return {
    conversationId,
    status: after.status,
    waitingFor: after.waitingFor,
    done: turn.done,
    replies: [...greeting, ...turn.replies],
    error: turn.error,
  };
}
