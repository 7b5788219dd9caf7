// The contact centre's side of a handed-off escalation, behind the public API: read it (with the messages since a
// cursor), reply to the customer and resolve it. Replies and resolution go through the engine's one command path —
// the same operator_reply and resolve events the inbox enqueues — so the customer sees them exactly like an
// operator's, and every change is audited with the API key as the actor in the transaction that makes it.
import "server-only";
import { apiKeyActor } from "@/lib/interfaces/api-keys/api-key-actor";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db, type Tx } from "@/lib/platform/db/client";
import { awaitEvent } from "@/lib/runtime/engine/commands/await-event";
import { enqueueEvent, type EventActor } from "@/lib/runtime/engine/commands/enqueue-event";
import { DEFAULT_TURN_WAIT_MS } from "@/lib/runtime/engine/commands/send-customer-message";
import { AppError } from "@/lib/model/errors";
import type { ExternalReplyBody, ExternalResolveBody } from "./api-schemas";
import { externalAuthor } from "@/lib/runtime/handoff/external-author";

const MESSAGES_PER_PAGE = 200;
const ENDED = ["resolved", "abandoned", "failed"];

const notFound = () => new AppError("NOT_FOUND", { userMessage: "Escalation not found." });

const messageView = (m: {
  seq: number;
  id: string;
  role: string;
  author: string | null;
  text: string;
  createdAt: Date;
}) => ({
  seq: m.seq,
  id: m.id,
  role: m.role,
  author: m.author,
  text: m.text,
  createdAt: m.createdAt,
});

/** The escalation of the key's workspace, if it was handed to a contact centre; an inbox escalation is refused. */
async function handedOff(client: Tx | ReturnType<typeof db>, key: ApiKeyPrincipal, escalationId: string) {
  const escalation = await client.escalation.findFirst({
    where: { id: escalationId, workspaceId: key.workspaceId },
    include: {
      handoffEndpoint: { select: { name: true } },
      conversation: { select: { id: true, status: true, channel: true } },
    },
  });
  if (!escalation) throw notFound();
  if (!escalation.handoffEndpointId) {
    throw new AppError("NOT_FOUND", {
      message: `escalation ${escalation.id} is not handed off`,
      userMessage:
        "This escalation is handled in Switchboard's inbox, not by an external contact centre, so it is not available here.",
    });
  }
  return escalation;
}

export async function getHandedOffEscalation(key: ApiKeyPrincipal, escalationId: string, after: number) {
  const escalation = await handedOff(db(), key, escalationId);
  const messages = await db().message.findMany({
    where: { conversationId: escalation.conversationId, seq: { gt: after } },
    orderBy: { seq: "asc" },
    take: MESSAGES_PER_PAGE,
    select: { seq: true, id: true, role: true, author: true, text: true, createdAt: true },
  });
  return {
    id: escalation.id,
    status: escalation.status,
    reason: escalation.reason,
    queue: escalation.queue,
    priority: escalation.priority,
    skills: escalation.skills,
    externalRef: escalation.externalRef,
    handoff: { endpoint: escalation.handoffEndpoint?.name ?? null },
    createdAt: escalation.createdAt,
    slaDueAt: escalation.slaDueAt,
    firstResponseAt: escalation.firstResponseAt,
    resolvedAt: escalation.resolvedAt,
    conversation: escalation.conversation,
    messages: messages.map(messageView),
    cursor: messages.at(-1)?.seq ?? after,
  };
}

/** Locks the conversation, then checks the escalation may still be acted on: not resolved, conversation not ended. */
async function actionable(tx: Tx, key: ApiKeyPrincipal, escalationId: string) {
  const first = await handedOff(tx, key, escalationId);
  await tx.$queryRaw`SELECT id FROM "Conversation" WHERE id = ${first.conversationId} FOR UPDATE`;
  const escalation = await handedOff(tx, key, escalationId);
  if (escalation.status === "resolved")
    throw new AppError("CONFLICT", { userMessage: "This escalation has already been resolved." });
  if (ENDED.includes(escalation.conversation.status)) {
    throw new AppError("CONFLICT", { userMessage: `This conversation has ended (${escalation.conversation.status}).` });
  }
  const resolving = await tx.conversationEvent.count({
    where: { conversationId: escalation.conversationId, kind: "resolve", status: { notIn: ["done", "failed"] } },
  });
  if (resolving) throw new AppError("CONFLICT", { userMessage: "This escalation is being resolved." });
  return escalation;
}

type Actionable = Awaited<ReturnType<typeof actionable>>;

async function recordExternalRef(
  tx: Tx,
  escalation: Actionable,
  externalRef: string | undefined,
): Promise<string | null> {
  if (!externalRef || externalRef === escalation.externalRef) return escalation.externalRef;
  await tx.escalation.update({ where: { id: escalation.id }, data: { externalRef } });
  return externalRef;
}

/** Waits for the engine to apply the command (as the message API does), then reports what it added. */
async function commandResult(eventId: string, escalationId: string, conversationId: string, waitMs: number) {
  const outcome = await awaitEvent(eventId, conversationId, waitMs);
  const [escalation, conversation, messages] = await Promise.all([
    db().escalation.findUniqueOrThrow({
      where: { id: escalationId },
      select: { id: true, status: true, externalRef: true },
    }),
    db().conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { id: true, status: true } }),
    db().message.findMany({
      where: { id: { in: outcome.result?.messageIds ?? [] } },
      orderBy: { seq: "asc" },
      select: { seq: true, id: true, role: true, author: true, text: true, createdAt: true },
    }),
  ]);
  const status =
    outcome.status === "done"
      ? ("done" as const)
      : outcome.status === "failed"
        ? ("failed" as const)
        : ("processing" as const);
  return {
    httpStatus: status === "processing" ? 202 : 200,
    body: { id: eventId, status, escalation, conversation, messages: messages.map(messageView) },
  };
}

export async function replyExternally(
  key: ApiKeyPrincipal,
  escalationId: string,
  input: ExternalReplyBody,
  waitMs = DEFAULT_TURN_WAIT_MS,
) {
  const accepted = await db().$transaction(async (tx) => {
    const escalation = await actionable(tx, key, escalationId);
    const author = externalAuthor(escalation.handoffEndpoint?.name ?? "Contact centre", input.author);
    const actor: EventActor = { type: "api_key", id: key.id, label: author };
    const event = await enqueueEvent(tx, {
      workspaceId: key.workspaceId,
      conversationId: escalation.conversationId,
      kind: "operator_reply",
      payload: { text: input.text, escalationId: escalation.id },
      actor,
      // Its own namespace, so a contact centre's keys never collide with the customer's message keys.
      idempotencyKey: input.idempotencyKey ? `handoff:${escalation.id}:${input.idempotencyKey}` : null,
    });
    if (event.duplicate) return { eventId: event.id, conversationId: escalation.conversationId };
    const externalRef = await recordExternalRef(tx, escalation, input.externalRef);
    await auditLog(
      {
        workspaceId: key.workspaceId,
        actor: apiKeyActor(key),
        action: "escalation.replied",
        resourceType: "escalation",
        resourceId: escalation.id,
        after: { conversationId: escalation.conversationId, author, length: input.text.length, externalRef },
        metadata: { eventId: event.id, endpoint: escalation.handoffEndpoint?.name ?? null },
      },
      tx,
    );
    return { eventId: event.id, conversationId: escalation.conversationId };
  });
  return commandResult(accepted.eventId, escalationId, accepted.conversationId, waitMs);
}

export async function resolveExternally(
  key: ApiKeyPrincipal,
  escalationId: string,
  input: ExternalResolveBody,
  waitMs = DEFAULT_TURN_WAIT_MS,
) {
  const accepted = await db().$transaction(async (tx) => {
    const escalation = await actionable(tx, key, escalationId);
    const author = externalAuthor(escalation.handoffEndpoint?.name ?? "Contact centre", undefined);
    const event = await enqueueEvent(tx, {
      workspaceId: key.workspaceId,
      conversationId: escalation.conversationId,
      kind: "resolve",
      payload: { note: input.note ?? "" },
      actor: { type: "api_key", id: key.id, label: author },
    });
    const externalRef = await recordExternalRef(tx, escalation, input.externalRef);
    await auditLog(
      {
        workspaceId: key.workspaceId,
        actor: apiKeyActor(key),
        action: "escalation.resolved",
        resourceType: "escalation",
        resourceId: escalation.id,
        before: { status: escalation.status },
        after: {
          status: "resolved",
          conversationId: escalation.conversationId,
          note: input.note ? { length: input.note.length } : null,
          externalRef,
        },
        metadata: { eventId: event.id, endpoint: escalation.handoffEndpoint?.name ?? null },
      },
      tx,
    );
    return { eventId: event.id, conversationId: escalation.conversationId };
  });
  return commandResult(accepted.eventId, escalationId, accepted.conversationId, waitMs);
}
