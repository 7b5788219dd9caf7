// Replies are held in the runtime's outbox while the event runs and reach the transcript only when it is over, after
// approved texts are checked word for word.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { FlowNode } from "@/lib/model/flow/schema";
import { checkExactWording } from "@/lib/model/guardrails/exact-wording";
import type { GuardrailOutcome } from "@/lib/model/guardrails/guardrail-decision";
import type { ExactWording, Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { createEscalation } from "./escalate";
import { json, type WaveWriter } from "./wave-writer";

export const FAILURE_FALLBACK_REPLY =
  "Sorry, something went wrong on our side and I can't continue this conversation. Please start a new chat, or try again in a few minutes.";
export const HANDOVER_REPLY =
  "Sorry, something went wrong on my side, so I'm passing you to a colleague who can help. You'll get a reply here.";

/** One audit verb per guardrail outcome. */
export const GUARDRAIL_AUDIT_ACTION: Record<GuardrailOutcome, string> = {
  pass: "guardrail.passed",
  redact: "guardrail.redacted",
  block: "guardrail.blocked",
  escalate: "guardrail.escalated",
};

/** Queues a reply of this event; it is sent when the run is over (see releaseOutbox). */
export function say(
  rt: Runtime,
  node: FlowNode,
  text: string,
  stepId: string,
  exact?: ExactWording,
  offline?: boolean,
) {
  const own = (node.config as { senderName?: string }).senderName?.trim() || null;
  rt.outbox.push({
    role: "agent",
    author: node.label,
    senderName: own,
    text,
    nodeId: node.id,
    stepId,
    exact,
    ...(offline ? { offline } : {}),
  });
}

/**
 * Sends the event's held replies. An approved text (a Response node, a policy disclosure) goes out only if it still
 * equals its template rendered with the same variables — after any output guardrail changed it — otherwise it is
 * withheld and the turn escalates. Every verification is a guardrail span and audit entry.
 */
export async function releaseOutbox(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  rootState: Record<string, unknown>,
): Promise<{ escalated: boolean }> {
  let failed: { nodeId: string | null; reason: string } | null = null;
  for (const [index, message] of rt.outbox.entries()) {
    if (failed) break;
    if (message.exact) {
      const decision = checkExactWording(message.text, message.exact.template, message.exact.variables);
      writer.span({
        id: `${message.stepId ?? writer.event.id}:exact${index}`,
        parentId: message.stepId ?? `${writer.event.id}:run`,
        stepId: message.stepId,
        kind: "guardrail",
        name: "exact_wording",
        status: decision.outcome === "pass" ? "ok" : "error",
        startedAt: new Date(),
        durationMs: 0,
        output: json(decision),
        error: decision.outcome === "pass" ? undefined : decision.reason,
      });
      writer.audits.push({
        workspaceId: writer.event.workspaceId,
        actor: { type: "agent", id: writer.event.conversationId, label: message.author ?? "engine" },
        action: GUARDRAIL_AUDIT_ACTION[decision.outcome],
        resourceType: "guardrail",
        resourceId: message.stepId,
        after: { policy: "exact_wording", outcome: decision.outcome, reason: decision.reason },
        metadata: { eventId: writer.event.id, nodeId: message.nodeId },
      });
      if (decision.outcome !== "pass") {
        failed = { nodeId: message.nodeId, reason: decision.reason };
        continue;
      }
    }
    writer.messages.push({
      role: message.role,
      author: message.author,
      senderName: message.senderName ?? writer.sender,
      text: message.text,
      offline: message.offline ?? false,
    });
  }
  rt.outbox = [];
  if (!failed) return { escalated: false };
  writer.messages.push({ role: "agent", author: null, senderName: writer.sender, text: HANDOVER_REPLY });
  await createEscalation(
    tx,
    writer,
    rt,
    {
      queue: "general",
      skills: [],
      priority: 1,
      slaMinutes: 15,
      reason: "An approved text could not be sent exactly",
      message: "",
      trigger: "exact_wording",
    },
    null,
    rootState,
    { error: failed.reason, attempts: 1 },
  );
  return { escalated: true };
}
