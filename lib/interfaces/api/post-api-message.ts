import "server-only";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { consumeConversationLimit } from "@/lib/interfaces/api-keys/rate-limit";
import { db } from "@/lib/platform/db/client";
import {
  DEFAULT_TURN_WAIT_MS,
  sendCustomerMessage,
  turnResult,
  type TurnResult,
} from "@/lib/runtime/engine/commands/send-customer-message";
import { AppError } from "@/lib/model/errors";
import { apiMessage, type ApiMessage } from "./api-message";
import type { ApiResult } from "./handle-api-request";
import type { PostMessageBody } from "./schemas";

export type ApiMessageResult = { conversation: { id: string; status: string }; replies: ApiMessage[] };
export type ApiTurn = ApiMessageResult & { id: string; status: "processing" | "done" | "failed"; error: string | null };

const MAX_WAIT_MS = 60_000;

/** `Prefer: wait=5` (RFC 7240) shortens or lengthens how long this request waits for the turn, up to a minute. */
export function preferredWaitMs(request: Request): number {
  const match = /(?:^|[,;\s])wait=(\d+)/i.exec(request.headers.get("prefer") ?? "");
  return match ? Math.min(Number(match[1]) * 1000, MAX_WAIT_MS) : DEFAULT_TURN_WAIT_MS;
}

const turnPath = (conversationId: string, eventId: string) =>
  `/api/v1/conversations/${conversationId}/turns/${eventId}`;

function failedTurn(turn: TurnResult): never {
  // The event could not be processed (a designer's test conversation that ended while the message was queued).
  throw new AppError("CONFLICT", { userMessage: turn.error ?? "The message could not be processed." });
}

/**
 * A customer message through the engine's one command path. 200 with the replies once the flow suspends; 202 with
 * a Location to poll (`GET …/turns/{eventId}`) if it takes longer than the wait. A repeated idempotencyKey returns
 * the first message's turn instead of running another. Over the conversation's per-minute limit → 429.
 */
export async function postApiMessage(options: {
  key: ApiKeyPrincipal;
  conversationId: string;
  input: PostMessageBody;
  waitMs: number;
}): Promise<ApiResult<ApiMessageResult | ApiTurn>> {
  const { key, conversationId, input } = options;
  consumeConversationLimit(key.workspaceId, conversationId);
  const turn = await sendCustomerMessage({
    workspaceId: key.workspaceId,
    conversationId,
    text: input.text,
    idempotencyKey: input.idempotencyKey ?? null,
    actor: { type: "api_key", id: key.id, label: `API key ${key.name}` },
    waitMs: options.waitMs,
  });
  if (!turn.done) {
    return {
      status: 202,
      headers: { Location: turnPath(turn.conversation.id, turn.eventId) },
      body: { id: turn.eventId, status: "processing", error: null, conversation: turn.conversation, replies: [] },
    };
  }
  if (turn.error) failedTurn(turn);
  return { body: { conversation: turn.conversation, replies: turn.replies.map(apiMessage) } };
}

/** Where a slow turn can be polled. */
export async function getApiTurn(options: {
  workspaceId: string;
  conversationId: string;
  eventId: string;
}): Promise<ApiTurn> {
  const event = await db().conversationEvent.findFirst({
    where: {
      id: options.eventId,
      conversationId: options.conversationId,
      workspaceId: options.workspaceId,
      kind: "customer_message",
    },
    select: { id: true },
  });
  if (!event) throw new AppError("NOT_FOUND", { userMessage: "Turn not found." });
  const turn = await turnResult(options.conversationId, event.id, 0);
  return {
    id: turn.eventId,
    status: !turn.done ? "processing" : turn.error ? "failed" : "done",
    error: turn.error,
    conversation: turn.conversation,
    replies: turn.replies.map(apiMessage),
  };
}
