// One transaction of an event: start it if it is new, run waves while they are quick, and when the frontier is empty
// release the outbox and settle the conversation's status.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { eventPayloads } from "@/lib/runtime/engine/events";
import { readRuntime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { recallCustomerMemory, rememberSummary } from "@/lib/runtime/memory/customer-memory";
import { summarizeConversation } from "@/lib/runtime/memory/summarize-conversation";
import { emitConversationEvent } from "@/lib/runtime/webhooks/emit-events";
import { releaseOutbox } from "./customer-outbox";
import { startNode } from "./load-graph";
import {
  graphOf,
  lastCustomerText,
  loadEvent,
  lockConversation,
  rootStateOf,
  type ConversationRow,
  type ConversationStatus,
  type EventRow,
} from "./load-conversation";
import { runFrontier } from "./run-frontier";
import { startEvent } from "./start-event";
import { flush, WaveWriter } from "./wave-writer";
import type { WrittenMessage } from "./write-rows";

/** Waves keep running in one transaction until this much time has passed; then the work so far commits. */
const SHARED_TX_BUDGET_MS = 100;

export type WaveOutcome = {
  finished: boolean;
  steps: number;
  execMs: number;
  /** What this call wrote and left the conversation at (a turn run where it was accepted answers from it). */
  written?: WrittenMessage[];
  status?: ConversationStatus;
  turn?: number;
};
const NOTHING_TO_DO: WaveOutcome = { finished: true, steps: 0, execMs: 0 };

/**
 * One transaction: start the event if it is new, run waves for up to `budgetMs`, write them. A turn run where it was
 * accepted passes a longer budget: nothing of it is durable before its commit anyway, so it writes once, at the end.
 */
export async function runWave(
  tx: Tx,
  eventId: string,
  budgetMs = SHARED_TX_BUDGET_MS,
  /** The event and its conversation, locked, when the caller has just written and locked them (run-where-accepted). */
  loaded?: { event: EventRow; conversation: ConversationRow },
): Promise<WaveOutcome> {
  const event = loaded?.event ?? (await loadEvent(tx, eventId));
  if (!event || event.status === "done" || event.status === "failed") return NOTHING_TO_DO;
  const conversation = loaded?.conversation ?? (await lockConversation(tx, event.conversationId));
  if (!conversation) return NOTHING_TO_DO;
  const writer = new WaveWriter(event, conversation);
  const rt = readRuntime(conversation.runtime);
  const rootState = rootStateOf(conversation);
  let status: ConversationStatus = conversation.status;
  let waitingFor: string | null = conversation.waitingFor;
  let failureReason: string | null = null;
  let execMs = 0;
  let text: string;

  if (rt.eventId !== event.id) {
    // A new event: nothing of it has committed yet.
    rt.eventId = event.id;
    rt.seq = 0;
    rt.frontier = [];
    rt.messageIds = [];
    rt.outbox = [];
    rt.startedAt = Date.now();
    if (rt.frames.length === 0) rt.frames = [{ versionId: conversation.flowVersionId, callerNodeId: null, state: {} }];
    const started = await startEvent(tx, writer, rt, { status, waitingFor });
    status = started.status;
    waitingFor = started.waitingFor;
    text = started.text;
    // Long-term memory is read fresh for every customer turn: erasure or expiry since the last one takes effect.
    if (conversation.customerId && event.kind === "customer_message" && rt.frontier.length > 0) {
      const recalled =
        conversation.memory ??
        (await recallCustomerMemory(tx, { workspaceId: event.workspaceId, customerId: conversation.customerId }));
      const memory = (rootState.memory && typeof rootState.memory === "object" ? rootState.memory : {}) as Record<
        string,
        unknown
      >;
      rootState.memory = {
        ...memory,
        customer: {
          facts: recalled.facts,
          summaries: recalled.summaries.map((s) => ({
            conversationId: s.conversationId,
            summary: s.summary,
            at: s.at.toISOString(),
          })),
        },
      };
    }
  } else {
    text =
      event.kind === "customer_message"
        ? eventPayloads.customer_message.parse(event.payload).text
        : await lastCustomerText(tx, conversation.id);
  }

  // Customers see the flow's sender name (or the workspace's assistant name) on its replies, never a node's label.
  const entry = startNode(await graphOf(tx, rt.frames[0]));
  if (entry.kind === "start" && entry.config.senderName) writer.sender = entry.config.senderName;

  // Consecutive waves share the transaction while they are quick: one commit for a typical turn instead of one per
  // node. A slow wave (a node waiting on a timeout, a retry backoff) commits at once, so what it did is durable.
  const began = performance.now();
  while (rt.frontier.length > 0 && status === "active" && waitingFor !== "approval") {
    const outcome = await runFrontier(tx, writer, rt, rootState, text);
    execMs += outcome.execMs ?? 0;
    if (outcome.status) status = outcome.status;
    if (outcome.waitingFor !== undefined) waitingFor = outcome.waitingFor;
    if (outcome.failureReason) failureReason = outcome.failureReason;
    if (performance.now() - began > budgetMs) break;
  }
  const finished = rt.frontier.length === 0;
  if (finished) {
    const held = await releaseOutbox(tx, writer, rt, rootState);
    if (held.escalated && status !== "resolved" && status !== "abandoned" && status !== "failed") {
      status = "escalated";
      waitingFor = "human";
    }
  }
  if (finished && status === "active" && event.kind === "approval_decision" && (await hasOpenEscalation(tx, event))) {
    // Decided while a person had the conversation: the approved step ran, and the person keeps the conversation.
    status = "escalated";
    waitingFor = "human";
  }
  // A message during an approval wait is answered, but the run still waits on the approval.
  if (finished && status === "active" && waitingFor !== "approval") waitingFor = rt.pending ? "approval" : "customer";
  if (status !== "active") rt.frontier = [];
  if (finished && conversation.customerId && status !== conversation.status && status !== "active") {
    await rememberConversation(tx, writer, status, rootState);
  }
  if (status === "resolved" && conversation.status !== "resolved") {
    const by =
      event.kind === "resolve"
        ? { resolvedBy: "person", actor: event.actorLabel }
        : { resolvedBy: "flow", actor: null };
    await emitConversationEvent(tx, {
      workspaceId: event.workspaceId,
      conversationId: conversation.id,
      type: "conversation.resolved",
      extra: { status, ...by },
    });
  }

  await flush(tx, writer, rt, {
    status,
    waitingFor: status === "resolved" || status === "abandoned" || status === "failed" ? null : waitingFor,
    failureReason,
    rootState,
    finished,
  });
  return {
    finished,
    steps: writer.steps.length,
    execMs,
    written: writer.written,
    status,
    turn: conversation.eventCount + 1,
  };
}

async function hasOpenEscalation(tx: Tx, event: { conversationId: string }): Promise<boolean> {
  const open = await tx.escalation.count({
    where: { conversationId: event.conversationId, status: { in: ["open", "claimed"] } },
  });
  return open > 0;
}

/** When a conversation ends or goes to a person, the customer's memory gets a summary of it (PII-redacted). */
async function rememberConversation(
  tx: Tx,
  writer: WaveWriter,
  status: ConversationStatus,
  rootState: Record<string, unknown>,
) {
  const earlier = await tx.message.findMany({
    where: { conversationId: writer.conversation.id },
    orderBy: { seq: "asc" },
    select: { role: true, text: true, author: true },
  });
  const messages = [...earlier, ...writer.messages];
  const intent = (rootState.intent as { id?: string } | undefined)?.id;
  const escalation = await tx.escalation.findFirst({
    where: { conversationId: writer.conversation.id },
    orderBy: { createdAt: "desc" },
    select: { queue: true },
  });
  const summary = summarizeConversation(messages, {
    status,
    intents: intent ? [intent] : [],
    escalationQueue: escalation?.queue ?? null,
  });
  await rememberSummary(tx, {
    workspaceId: writer.event.workspaceId,
    customerId: writer.conversation.customerId!,
    conversationId: writer.conversation.id,
    summary,
  });
}
