// The one command path for a customer's message, shared by the chat page, the designer's test panel and the public
// API: validate, record the event and its job in one transaction, then wait (up to a limit) for the engine's reply.
import "server-only";
import { sqlFor } from "@/lib/platform/db/client";
import { db, transactionWithSql, type Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";
import { newId } from "@/lib/platform/db/new-id";
import { awaitEvent } from "./await-event";
import { enqueueEvent, eventRecord, type EventActor } from "./enqueue-event";
import { mayRunWhereAccepted, runWhereAccepted, withQueuedRetry } from "./run-where-accepted";
import type { WaveOutcome } from "@/lib/runtime/engine/run/run-wave";
import { turnFinished } from "@/lib/runtime/engine/run/turn-finished";
import type { ConversationRow, EventRow } from "@/lib/runtime/engine/run/load-conversation";
import { claimMessageTarget, ENDED_STATUSES, type MessageTargetFields } from "./claim-message-target";
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
  // Fixed before the first attempt: a turn that fails where it was accepted is recorded again under the same id.
  const eventId = options.idempotencyKey ? undefined : newId();
  const inbound = { ...base(options, text), idempotencyKey: options.idempotencyKey ?? null, id: eventId };
  const attempt = (runHere: boolean) =>
    transactionWithSql(async (tx): Promise<AcceptedEvent> => {
      const record = runHere ? eventRecord(inbound) : null;
      // A caller that does not wait (`Prefer: wait=0`, a test queuing load) gets its answer at once: queued.
      const found = runHere ? await claimMessageTarget(tx, options.workspaceId, options.conversationId, record) : null;
      if (found?.recorded && record) {
        const ran = await runWhereAccepted(tx, acceptedEvent(record.id, options, text), found.row);
        return { id: record.id, duplicate: false, conversationId: options.conversationId, ran };
      }
      const conversation = found
        ? messageTarget(found.row, found.target)
        : await findConversation(tx, options.workspaceId, options.conversationId);
      if (!conversation) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
      if (options.idempotencyKey) {
        const existing = await tx.conversationEvent.findUnique({
          where: {
            conversationId_idempotencyKey: { conversationId: conversation.id, idempotencyKey: options.idempotencyKey },
          },
          select: { id: true },
        });
        if (existing) return { ...(await enqueueEvent(tx, inbound)), conversationId: conversation.id };
      }
      const target = ENDED_STATUSES.includes(conversation.status)
        ? await afterTheEnd(tx, options.workspaceId, conversation)
        : conversation.id;
      // Not found by the claim means held by another process: the queue. A message after the end may go to a new
      // conversation, which is claimed on its own.
      const claim =
        target === conversation.id ? found : runHere ? await claimMessageTarget(tx, options.workspaceId, target) : null;
      const claimed = claim && !claim.pending ? claim.row : null;
      const queued = await enqueueEvent(tx, { ...inbound, conversationId: target, withJob: !claimed });
      const ran =
        claimed && !queued.duplicate
          ? await runWhereAccepted(tx, acceptedEvent(queued.id, { ...options, conversationId: target }, text), claimed)
          : undefined;
      return { ...queued, conversationId: target, ran };
    }, RUN_TX);
  let event: AcceptedEvent;
  try {
    event = await withQueuedRetry(mayRunWhereAccepted(options.waitMs ?? DEFAULT_TURN_WAIT_MS), attempt);
  } catch (error) {
    // Two requests with one new key at once: the unique index lets one in; the other returns the winner's event.
    if (options.idempotencyKey && isUniqueViolation(error)) {
      event = {
        ...(await transactionWithSql((tx) => enqueueEvent(tx, inbound))),
        conversationId: options.conversationId,
      };
    } else {
      throw error;
    }
  }
  const ran = event.ran;
  if (ran?.finished && ran.status) {
    turnFinished(event.id);
    // Run here and committed: the replies are what it wrote, with no further reads.
    return {
      eventId: event.id,
      done: true,
      conversation: { id: event.conversationId, status: ran.status },
      turn: ran.turn ?? 0,
      replies: (ran.written ?? []).filter((m) => m.role !== "customer"),
      error: null,
    };
  }
  return turnResult(event.conversationId, event.id, options.waitMs ?? DEFAULT_TURN_WAIT_MS);
}

type AcceptedEvent = { id: string; duplicate: boolean; conversationId: string; ran?: WaveOutcome };

type MessageTarget = {
  id: string;
  status: string;
  endedAt: Date | null;
  channel: string;
  customerId: string | null;
  identityMethod: string | null;
  chatTokenHash: string | null;
  flow: { slug: string };
  workspace: { reopenWindowDays: number };
};

/** The conversation a message is for, in this workspace only; one query on every customer message. */
async function findConversation(tx: Tx, workspaceId: string, id: string): Promise<MessageTarget | null> {
  const [row] = await sqlFor(tx)<
    (Omit<MessageTarget, "flow" | "workspace"> & { slug: string; reopenWindowDays: number })[]
  >`
    SELECT c.id, c.status::text AS status, c."endedAt", c.channel, c."customerId", c."identityMethod", c."chatTokenHash",
           f.slug, w."reopenWindowDays"
    FROM "Conversation" c JOIN "Flow" f ON f.id = c."flowId" JOIN "Workspace" w ON w.id = c."workspaceId"
    WHERE c.id = ${id} AND c."workspaceId" = ${workspaceId}`;
  if (!row) return null;
  const { slug, reopenWindowDays, ...conversation } = row;
  return { ...conversation, flow: { slug }, workspace: { reopenWindowDays } };
}
function messageTarget(row: ConversationRow, target: MessageTargetFields): MessageTarget {
  return {
    id: row.id,
    status: row.status,
    endedAt: target.endedAt,
    channel: row.channel,
    customerId: row.customerId,
    identityMethod: row.identity.method,
    chatTokenHash: target.chatTokenHash,
    flow: { slug: target.flowSlug },
    workspace: { reopenWindowDays: target.reopenWindowDays },
  };
}

/** The transaction may run the turn (run-where-accepted.ts): the worker's limits, not a short request's. */
const RUN_TX = { timeout: 120_000, maxWait: 30_000 };
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A customer writing to an ended conversation is heard: within the workspace's reopen window the engine reopens it
 * (the message goes to it); after the window a new conversation on the flow's live version continues it, linked to
 * the old one. Designer tests and evaluation runs reopen within the window too, unless they failed (a suite can check a
 * customer coming back), but never continue in a new conversation.
 */
async function afterTheEnd(tx: Tx, workspaceId: string, conversation: MessageTarget): Promise<string> {
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

/** The event row just written, as the engine would load it. */
const acceptedEvent = (
  id: string,
  options: { workspaceId: string; conversationId: string; actor: EventActor },
  text: string,
): EventRow => ({
  id,
  workspaceId: options.workspaceId,
  conversationId: options.conversationId,
  kind: "customer_message",
  payload: { text },
  actorType: options.actor.type,
  actorId: options.actor.id,
  actorLabel: options.actor.label,
  status: "queued",
  startedAt: null,
});

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
        select: { id: true, role: true, author: true, senderName: true, text: true, offline: true, createdAt: true },
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
