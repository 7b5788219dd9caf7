// The seven webhook events, emitted where their change happens (the engine, the inbox commands, publishing), in the
// change's transaction. Each call is one line at its place; what goes in the data is decided here, once: ids and the
// facts the console shows (flow, version, channel, customer ref, escalation queue…), never a transcript. Test-channel
// conversations (the designer's test chat, evaluation runs) never emit anything.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { emitWebhookEvent } from "./enqueue";
import type { WebhookEvent } from "./event-types";

type Extra = Record<string, unknown>;

/** A conversation's reportable facts, or null when its events are not reported (test channel, evaluation runs). */
async function conversationFacts(tx: Tx, conversationId: string): Promise<Extra | null> {
  const conversation = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      channel: true,
      status: true,
      evalRunId: true,
      startedAt: true,
      flow: { select: { id: true, slug: true } },
      flowVersion: { select: { number: true } },
      customer: { select: { ref: true } },
    },
  });
  if (!conversation || conversation.channel === TEST_CHANNEL || conversation.evalRunId) return null;
  return {
    conversationId: conversation.id,
    flowId: conversation.flow.id,
    flow: conversation.flow.slug,
    flowVersion: conversation.flowVersion.number,
    channel: conversation.channel,
    customerRef: conversation.customer?.ref ?? null,
    status: conversation.status,
    startedAt: conversation.startedAt.toISOString(),
  };
}

/**
 * conversation.started / conversation.resolved / approval.requested…: the conversation's facts plus `extra` (which
 * wins, e.g. the status the transaction is about to write).
 */
export async function emitConversationEvent(
  tx: Tx,
  event: { workspaceId: string; conversationId: string; type: WebhookEvent; extra?: Extra; subscribers?: string[] },
): Promise<number> {
  return emitWebhookEvent(tx, {
    workspaceId: event.workspaceId,
    type: event.type,
    subscribers: event.subscribers,
    data: async () => {
      const facts = await conversationFacts(tx, event.conversationId);
      return facts && { ...facts, ...event.extra };
    },
  });
}

/** conversation.escalated / escalation.claimed / escalation.resolved: the escalation as it is now in `tx`, plus `extra`. */
export async function emitEscalationEvent(
  tx: Tx,
  event: { workspaceId: string; escalationId: string; type: WebhookEvent; extra?: Extra },
): Promise<number> {
  return emitWebhookEvent(tx, {
    workspaceId: event.workspaceId,
    type: event.type,
    data: async () => {
      const escalation = await tx.escalation.findFirst({
        where: { id: event.escalationId, workspaceId: event.workspaceId },
        select: {
          id: true,
          conversationId: true,
          status: true,
          reason: true,
          queue: true,
          priority: true,
          slaDueAt: true,
          handoffEndpointId: true,
          context: true,
          assignee: { select: { name: true, email: true } },
        },
      });
      if (!escalation) return null;
      const facts = await conversationFacts(tx, escalation.conversationId);
      if (!facts) return null;
      const trigger = (escalation.context as { trigger?: unknown } | null)?.trigger;
      return {
        ...facts,
        escalation: {
          id: escalation.id,
          status: escalation.status,
          reason: escalation.reason,
          queue: escalation.queue,
          priority: escalation.priority,
          trigger: typeof trigger === "string" ? trigger : null,
          slaDueAt: escalation.slaDueAt.toISOString(),
          assignee: escalation.assignee ? escalation.assignee.name || escalation.assignee.email : null,
          external: escalation.handoffEndpointId !== null,
        },
        ...event.extra,
      };
    },
  });
}

/** escalation.resolved for each of `escalationIds` (the ones a resolve or a hand back just closed). */
export async function emitEscalationsResolved(
  tx: Tx,
  event: { workspaceId: string; escalationIds: string[]; extra?: Extra },
): Promise<void> {
  for (const escalationId of event.escalationIds) {
    await emitEscalationEvent(tx, {
      workspaceId: event.workspaceId,
      escalationId,
      type: "escalation.resolved",
      extra: event.extra,
    });
  }
}

/** flow.published: a version went live, published from the draft or rolled back to (`rollback: true`). */
export async function emitFlowPublished(
  tx: Tx,
  event: {
    workspaceId: string;
    flowId: string;
    versionId: string;
    number: number;
    previousNumber: number | null;
    note: string;
    /** Who published: a label, or the user id to look it up. */
    actor: { label: string } | { userId: string | null };
    rollback?: { fromNumber: number };
  },
): Promise<number> {
  return emitWebhookEvent(tx, {
    workspaceId: event.workspaceId,
    type: "flow.published",
    data: async () => {
      const flow = await tx.flow.findUnique({ where: { id: event.flowId }, select: { slug: true, name: true } });
      if (!flow) return null;
      let actor: string | null = "label" in event.actor ? event.actor.label : null;
      if ("userId" in event.actor && event.actor.userId) {
        const user = await tx.user.findUnique({
          where: { id: event.actor.userId },
          select: { name: true, email: true },
        });
        actor = user ? user.name || user.email : null;
      }
      return {
        flowId: event.flowId,
        flow: flow.slug,
        flowName: flow.name,
        versionId: event.versionId,
        version: event.number,
        previousVersion: event.previousNumber,
        note: event.note,
        rollback: Boolean(event.rollback),
        ...(event.rollback ? { rolledBackTo: event.rollback.fromNumber } : {}),
        actor,
      };
    },
  });
}
