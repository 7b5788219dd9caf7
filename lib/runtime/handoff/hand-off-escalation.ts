// The engine's side of an external handoff: which handoff endpoint an escalate node's `handoff` name means at run
// time, and the context package queued for it in the transaction that creates the escalation (the Webhooks outbox
// signs, sends, retries and logs it).
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { HANDOFF_MESSAGE_EVENT } from "@/lib/runtime/webhooks/event-types";
import { enqueueDelivery, enqueueHandoff, envelope } from "@/lib/runtime/webhooks/enqueue";
import {
  buildHandoffPackage,
  escalationCallbacks,
  type HandoffMessage,
  type HandoffPackage,
  type HandoffToolCall,
} from "./context-package";
import { publicOrigin } from "@/lib/platform/http/public-origin";
import { NODE_SPAN_STEP_COLUMNS, withNodeSpans } from "@/lib/platform/trace/node-span";

export type HandoffTarget =
  | { kind: "endpoint"; endpoint: { id: string; name: string } }
  /** The node named an endpoint, but the escalation stays in the inbox; `note` says why, for the person who picks it up. */
  | { kind: "inbox"; note: string; cause: "missing" | "inactive" | "test" };

/** Which endpoint takes an escalation whose node names `name`. Publishing checks the name exists; this re-checks. */
export async function handoffTarget(
  tx: Tx,
  options: { workspaceId: string; name: string; channel: string },
): Promise<HandoffTarget> {
  // Designer test chats and evaluation runs never reach a real contact centre.
  if (options.channel === TEST_CHANNEL) {
    return { kind: "inbox", cause: "test", note: `Test conversation: not handed off to "${options.name}".` };
  }
  const endpoint = await tx.webhookEndpoint.findFirst({
    where: { workspaceId: options.workspaceId, kind: "handoff", name: options.name },
    select: { id: true, name: true, active: true },
  });
  if (!endpoint) {
    return {
      kind: "inbox",
      cause: "missing",
      note: `The handoff endpoint "${options.name}" does not exist in this workspace, so this escalation came to the inbox.`,
    };
  }
  if (!endpoint.active) {
    return {
      kind: "inbox",
      cause: "inactive",
      note: `The handoff endpoint "${options.name}" is switched off, so this escalation came to the inbox.`,
    };
  }
  return { kind: "endpoint", endpoint: { id: endpoint.id, name: endpoint.name } };
}

type PendingSpan = {
  id?: string;
  stepId?: string | null;
  kind: string;
  name: string;
  status?: string;
  output?: unknown;
  error?: string | null;
};

/**
 * Builds the escalation's context package from what is stored plus what the current wave has not flushed yet
 * (`pending`), and queues its delivery to the endpoint. Returns the package and the delivery id.
 */
export async function queueHandoffPackage(
  tx: Tx,
  options: {
    workspaceId: string;
    endpointId: string;
    escalation: {
      id: string;
      reason: string;
      queue: string;
      priority: number;
      skills: string[];
      slaDueAt: Date;
      trigger: string;
    };
    conversationId: string;
    flowVersionId: string;
    state: Record<string, unknown>;
    pending: { messages: { role: string; author: string | null; text: string }[]; spans: PendingSpan[] };
  },
): Promise<{ deliveryId: string; package: HandoffPackage }> {
  // One after another: a transaction is one connection, and pg warns about (and will refuse) overlapping queries.
  const conversation = await tx.conversation.findUniqueOrThrow({
    where: { id: options.conversationId },
    select: { id: true, channel: true, startedAt: true, customer: { select: { ref: true, name: true, email: true } } },
  });
  const version = await tx.flowVersion.findUniqueOrThrow({
    where: { id: options.flowVersionId },
    select: { number: true, flow: { select: { slug: true, name: true } } },
  });
  const messages = await tx.message.findMany({
    where: { conversationId: options.conversationId },
    orderBy: { seq: "asc" },
    select: { role: true, author: true, text: true, createdAt: true },
  });
  const spans = await tx.span.findMany({
    where: { conversationId: options.conversationId, kind: { in: ["node", "tool"] } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      stepId: true,
      kind: true,
      name: true,
      status: true,
      output: true,
      error: true,
      startedAt: true,
    },
  });
  const steps = await tx.step.findMany({
    where: { conversationId: options.conversationId },
    select: NODE_SPAN_STEP_COLUMNS,
  });
  const now = new Date();
  const allSpans: PendingSpan[] = [...withNodeSpans(spans, steps, (span) => span), ...options.pending.spans];
  // A node span has its step's id; failed attempts are node spans under it and are not a step of the route.
  const path = allSpans.filter((s) => s.kind === "node" && s.id === s.stepId).map((s) => s.name);
  const toolCalls: HandoffToolCall[] = allSpans
    .filter((s) => s.kind === "tool")
    .map((s) => ({ name: s.name, status: s.status ?? "ok", output: s.output ?? null, error: s.error ?? null }));
  const transcript: HandoffMessage[] = [
    ...messages,
    ...options.pending.messages.map((m) => ({ role: m.role, author: m.author, text: m.text, createdAt: now })),
  ];
  const handoffPackage = buildHandoffPackage({
    escalation: options.escalation,
    conversation: {
      id: conversation.id,
      channel: conversation.channel,
      startedAt: conversation.startedAt,
      flow: { slug: version.flow.slug, name: version.flow.name, version: version.number },
    },
    customer: conversation.customer,
    messages: transcript,
    path,
    toolCalls,
    state: options.state,
    origin: publicOrigin(),
  });
  const delivery = await enqueueHandoff(tx, {
    workspaceId: options.workspaceId,
    endpointId: options.endpointId,
    data: handoffPackage as unknown as Record<string, unknown>,
  });
  return { deliveryId: delivery.id, package: handoffPackage };
}

/**
 * A customer message on a conversation an external contact centre holds: forwarded to that endpoint in the
 * message's own transaction, so the external agent need not poll. Returns the delivery id, or null when no open
 * escalation of the conversation is handed off.
 */
export async function forwardCustomerMessage(
  tx: Tx,
  options: { workspaceId: string; conversationId: string; text: string },
): Promise<string | null> {
  const escalation = await tx.escalation.findFirst({
    where: {
      conversationId: options.conversationId,
      status: { in: ["open", "claimed"] },
      handoffEndpointId: { not: null },
      handoffEndpoint: { active: true },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, handoffEndpointId: true, externalRef: true },
  });
  if (!escalation?.handoffEndpointId) return null;
  const data = {
    escalation: { id: escalation.id, externalRef: escalation.externalRef },
    conversation: { id: options.conversationId },
    message: { role: "customer", text: options.text, createdAt: new Date().toISOString() },
    callbacks: escalationCallbacks(publicOrigin(), escalation.id),
  };
  const delivery = await enqueueDelivery(tx, {
    workspaceId: options.workspaceId,
    endpointId: escalation.handoffEndpointId,
    event: HANDOFF_MESSAGE_EVENT,
    payload: envelope(options.workspaceId, HANDOFF_MESSAGE_EVENT, data),
  });
  return delivery.id;
}
