// The one command path for a customer's message, shared by the chat page, the designer's test panel and the public
// API: validate, record the event and its job in one transaction, then wait (up to a limit) for the engine's reply.
import "server-only";
import { db, type Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { awaitEvent } from "./await-event";
import { enqueueEvent, type EventActor } from "./enqueue-event";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { config } from "@/lib/platform/config";
import { CUSTOMER_CHANNELS } from "@/lib/model/flow/channels";
import { startConversation, type TurnReply } from "./start-conversation";

/** How long a caller waits for the turn before getting "accepted, still running" (the API answers 202). */
export const DEFAULT_TURN_WAIT_MS = config().ENGINE_TURN_WAIT_MS;

export type TurnResult = {
  eventId: string;
  /** False when the wait ran out before the engine finished: the turn continues and its replies arrive later. */
  done: boolean;
  conversation: { id: string; status: string };
  /** The customer-turn number the steps of this turn carry (0 when the flow did not run). */
  turn: number;
  replies: TurnReply[];
  /** Why the event could not be processed, when it failed. */
  error: string | null;
};

export async function sendCustomerMessage(options: {
  workspaceId: string;
  conversationId: string;
  text: string;
  actor: EventActor;
  idempotencyKey?: string | null;
  waitMs?: number;
}): Promise<TurnResult> {
  const text = options.text.trim();
  if (!text) throw new AppError("VALIDATION", { userMessage: "The message is empty." });
  if (text.length > MAX_MESSAGE_LENGTH) {
    throw new AppError("VALIDATION", { userMessage: `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.` });
  }
  let event: { id: string; duplicate: boolean; conversationId: string };
  try {
    event = await db().$transaction(async (tx) => {
      const conversation = await tx.conversation.findFirst({
        where: { id: options.conversationId, workspaceId: options.workspaceId },
        select: {
          id: true,
          status: true,
          endedAt: true,
          channel: true,
          customerId: true,
          chatTokenHash: true,
          identityMethod: true,
          flow: { select: { slug: true } },
          workspace: { select: { reopenWindowDays: true } },
        },
      });
      if (!conversation) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
      if (options.idempotencyKey) {
        const existing = await tx.conversationEvent.findUnique({
          where: {
            conversationId_idempotencyKey: { conversationId: conversation.id, idempotencyKey: options.idempotencyKey },
          },
          select: { id: true },
        });
        if (existing) {
          const again = await enqueueEvent(tx, { ...base(options, text), idempotencyKey: options.idempotencyKey });
          return { ...again, conversationId: conversation.id };
        }
      }
      const target = ENDED.has(conversation.status)
        ? await afterTheEnd(tx, options.workspaceId, conversation)
        : conversation.id;
      const queued = await enqueueEvent(tx, {
        ...base({ ...options, conversationId: target }, text),
        idempotencyKey: options.idempotencyKey ?? null,
      });
      return { ...queued, conversationId: target };
    });
  } catch (error) {
    // Two requests with one new key at once: the unique index lets one in; the other returns the winner's event.
    if (options.idempotencyKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      event = {
        ...(await db().$transaction((tx) =>
          enqueueEvent(tx, { ...base(options, text), idempotencyKey: options.idempotencyKey }),
        )),
        conversationId: options.conversationId,
      };
    } else {
      throw error;
    }
  }
  return turnResult(event.conversationId, event.id, options.waitMs ?? DEFAULT_TURN_WAIT_MS);
}

const ENDED = new Set(["resolved", "abandoned", "failed"]);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A customer writing to an ended conversation is heard: within the workspace's reopen window the engine reopens it
 * (the message goes to it); after the window a new conversation on the flow's live version continues it, linked to
 * the old one. Designer tests and evaluation runs reopen within the window too, unless they failed (a suite can check a
 * customer coming back), but never continue in a new conversation.
 */
async function afterTheEnd(
  tx: Tx,
  workspaceId: string,
  conversation: {
    id: string;
    status: string;
    endedAt: Date | null;
    channel: string;
    customerId: string | null;
    identityMethod: string | null;
    chatTokenHash: string | null;
    flow: { slug: string };
    workspace: { reopenWindowDays: number };
  },
): Promise<string> {
  const channel = CUSTOMER_CHANNELS.find((c) => c === conversation.channel);
  const endedAt = conversation.endedAt?.getTime() ?? Date.now();
  const inWindow = Date.now() - endedAt <= conversation.workspace.reopenWindowDays * DAY_MS;
  // A failed test stays failed: its designer fixes the flow and starts another.
  if (inWindow && (channel || conversation.status !== "failed")) return conversation.id;
  if (!channel)
    throw new AppError("CONFLICT", { userMessage: `This conversation has ended (${conversation.status}).` });
  const next = await startConversation({
    workspaceId,
    flowSlug: conversation.flow.slug,
    channel,
    // Only an integration's naming of the customer carries over: a visitor who proved who they were days ago in the
    // chat proves it again (the browser may not be theirs any more).
    customerId: conversation.identityMethod === "api" ? conversation.customerId : null,
    // The web chat's resume token carries over, so the browser that wrote keeps reading the conversation it continues.
    chatTokenHash: conversation.chatTokenHash,
    tx,
  });
  await tx.conversation.update({ where: { id: next.id }, data: { previousConversationId: conversation.id } });
  return next.id;
}

const base = (options: { workspaceId: string; conversationId: string; actor: EventActor }, text: string) => ({
  workspaceId: options.workspaceId,
  conversationId: options.conversationId,
  kind: "customer_message" as const,
  payload: { text },
  actor: options.actor,
});

/** Waits for an event and reports what it produced. */
export async function turnResult(conversationId: string, eventId: string, waitMs: number): Promise<TurnResult> {
  const outcome = await awaitEvent(eventId, conversationId, waitMs);
  const conversation = await db().conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { id: true, status: true },
  });
  const ids = outcome.result?.messageIds ?? [];
  const replies = ids.length
    ? await db().message.findMany({
        where: { id: { in: ids }, role: { not: "customer" } },
        orderBy: { seq: "asc" },
        select: { id: true, role: true, author: true, senderName: true, text: true, createdAt: true },
      })
    : [];
  return {
    eventId,
    done: outcome.status === "done" || outcome.status === "failed",
    conversation,
    turn: outcome.result?.turn ?? 0,
    replies,
    error: outcome.status === "failed" ? outcome.error : null,
  };
}
