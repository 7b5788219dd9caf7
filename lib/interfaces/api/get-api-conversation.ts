import "server-only";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { apiMessage, apiMessageSelect } from "./api-message";

/** A conversation as the API shows it: transcript, status, where it waits, its flow version and open escalation. */
export async function getApiConversation(options: { workspaceId: string; conversationId: string }) {
  const c = await db().conversation.findFirst({
    where: { id: options.conversationId, workspaceId: options.workspaceId },
    include: {
      flow: { select: { slug: true } },
      flowVersion: { select: { number: true } },
      customer: { select: { ref: true } },
      messages: { orderBy: { seq: "asc" }, select: apiMessageSelect },
      escalations: { where: { status: { in: ["open", "claimed"] } }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  if (!c) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
  const escalation = c.escalations[0];
  return {
    id: c.id,
    status: c.status,
    channel: c.channel,
    customer: c.customer?.ref ?? null,
    currentNodeId: c.currentNodeId,
    waitingFor: c.waitingFor,
    flow: { slug: c.flow.slug, version: c.flowVersion.number },
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    escalation: escalation
      ? { id: escalation.id, status: escalation.status, queue: escalation.queue, reason: escalation.reason }
      : null,
    messages: c.messages.map(apiMessage),
  };
}

/** The steps the engine recorded for a conversation, in execution order. */
export async function getApiConversationTrace(options: { workspaceId: string; conversationId: string }) {
  const c = await db().conversation.findFirst({
    where: { id: options.conversationId, workspaceId: options.workspaceId },
    select: {
      id: true,
      steps: { orderBy: [{ turn: "asc" }, { seq: "asc" }] },
      spans: { orderBy: [{ startedAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!c) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
  return {
    conversationId: c.id,
    steps: c.steps.map((s) => ({
      nodeId: s.nodeId,
      nodeKind: s.nodeKind,
      turn: s.turn,
      seq: s.seq,
      status: s.status,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      durationMs: s.endedAt ? s.endedAt.getTime() - s.startedAt.getTime() : null,
      input: s.input,
      output: s.output,
      error: s.error,
    })),
    spans: c.spans.map((s) => ({
      id: s.id,
      parentId: s.parentId,
      kind: s.kind,
      name: s.name,
      status: s.status,
      startedAt: s.startedAt,
      durationMs: s.durationMs,
      input: s.input,
      output: s.output,
      error: s.error,
      attributes: s.attributes,
      tokensIn: s.tokensIn,
      tokensOut: s.tokensOut,
      costUsd: s.costUsd,
    })),
  };
}
