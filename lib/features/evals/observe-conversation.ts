// What a conversation actually did, read back from the engine's records in the shape expectations are matched
// against. A turn is one customer_message event: its router steps, the replies it sent and its exact-wording spans
// all carry the event's id.
import "server-only";
import { db } from "@/lib/platform/db/client";
import type { ObservedRun } from "./expectations";

type EventResult = { messageIds?: string[] } | null;

/**
 * The caller scopes the conversation to its workspace. `offlineReplies`: how many replies the offline stand-in wrote
 * (not an expectation: the report labels the case with it).
 */
export async function observeConversation(conversationId: string): Promise<ObservedRun & { offlineReplies: number }> {
  const reader = db();
  const [conversation, events, routerSteps, spans, escalations] = await Promise.all([
    reader.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { status: true } }),
    reader.conversationEvent.findMany({
      where: { conversationId, kind: "customer_message" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, result: true },
    }),
    reader.step.findMany({
      where: { conversationId, nodeKind: "router", status: "completed" },
      orderBy: [{ turn: "asc" }, { seq: "asc" }],
      select: { eventId: true, output: true },
    }),
    reader.span.findMany({
      where: { conversationId, kind: { in: ["tool", "guardrail"] } },
      orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      select: { eventId: true, kind: true, name: true, status: true, output: true },
    }),
    reader.escalation.count({ where: { conversationId } }),
  ]);

  const replyIds = events.flatMap((event) => (event.result as EventResult)?.messageIds ?? []);
  const replies = replyIds.length
    ? await reader.message.findMany({
        where: { id: { in: replyIds }, role: "agent" },
        select: { id: true, text: true, offline: true },
      })
    : [];
  const replyText = new Map(replies.map((message) => [message.id, message.text]));

  const turns = events.map((event) => {
    // The first routing decision of the turn is the one that picked the path (a sub-flow's router comes later).
    const router = routerSteps.find((step) => step.eventId === event.id);
    const chosen = (router?.output as { decision?: { chosen?: unknown } } | null)?.decision?.chosen;
    const exact = spans.filter(
      (span) => span.eventId === event.id && span.kind === "guardrail" && span.name === "exact_wording",
    );
    return {
      route: typeof chosen === "string" ? chosen : null,
      replies: ((event.result as EventResult)?.messageIds ?? []).flatMap((id) =>
        replyText.has(id) ? [replyText.get(id)!] : [],
      ),
      exactWording: exact.length > 0 && exact.every((span) => span.status === "ok"),
    };
  });

  const toolsCalled = unique(
    spans.filter((span) => span.kind === "tool" && span.status === "ok").map((span) => span.name),
  );
  const guardrailsTriggered = unique(
    spans
      .filter((span) => span.kind === "guardrail")
      .filter((span) => {
        const outcome = (span.output as { outcome?: unknown } | null)?.outcome;
        return typeof outcome === "string" ? outcome !== "pass" : span.status !== "ok";
      })
      .map((span) => span.name),
  );

  return {
    turns,
    toolsCalled,
    escalated: escalations > 0,
    finalStatus: conversation.status,
    guardrailsTriggered,
    offlineReplies: replies.filter((message) => message.offline).length,
  };
}

const unique = (values: string[]) => [...new Set(values)];
