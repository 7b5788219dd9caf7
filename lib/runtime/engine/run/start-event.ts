// The first wave of an event applies what the event itself means (a customer message, an operator's reply or
// decision, a take over or hand back) before any node runs.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { redactPiiText } from "@/lib/model/guardrails/redact-pii";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { FALLBACK_OPERATOR_SENDER } from "@/lib/model/sender-name";
import { eventPayloads, type EventKind } from "@/lib/runtime/engine/events";
import { nonRetriable } from "@/lib/runtime/engine/turn/node-error";
import type { Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { forwardCustomerMessage } from "@/lib/runtime/handoff/hand-off-escalation";
import { emitEscalationEvent, emitEscalationsResolved } from "@/lib/runtime/webhooks/emit-events";
import type { InterruptionCheck } from "@/lib/runtime/engine/nodes/check-interruptions";
import { createEscalation } from "./escalate";
import { graphOf, lastCustomerText, rootStateOf, type ConversationStatus } from "./load-conversation";
import { startNode } from "./load-graph";
import type { WaveWriter } from "./wave-writer";

/**
 * Customers see an in-house operator by first name ("Dana"), never their full name or e-mail; a contact centre's
 * person as the contact centre signs them ("Acme CC · Jane").
 */
function operatorSender(event: { actorType: string; actorLabel: string | null }): string {
  if (event.actorType !== "user") return event.actorLabel || FALLBACK_OPERATOR_SENDER;
  const first = (event.actorLabel ?? "").trim().split(/[\s@]+/)[0];
  return first ? first.charAt(0).toUpperCase() + first.slice(1) : FALLBACK_OPERATOR_SENDER;
}

type Started = { status: ConversationStatus; waitingFor: string | null; text: string };

/** Back in Live with the flow from its entry point: nothing waits from before, and the trail says who reopened it. */
function reopen(writer: WaveWriter, rt: Runtime, from: ConversationStatus) {
  writer.reopened = true;
  rt.resume = null;
  rt.pending = null;
  rt.returnTo = null;
  rt.afterSwitch = null;
  rt.frames = rt.frames.slice(0, 1);
  rt.joins = {};
  writer.audits.push({
    workspaceId: writer.event.workspaceId,
    actor: { type: "customer", id: writer.conversation.customerId, label: writer.event.actorLabel || "customer" },
    action: "conversation.reopened",
    resourceType: "conversation",
    resourceId: writer.conversation.id,
    before: { status: from },
    after: { status: "active" },
    metadata: { eventId: writer.event.id },
  });
}

/** Applies what the event itself means (a message, a decision, a hand back) and sets where the run starts. */
export async function startEvent(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  current: { status: ConversationStatus; waitingFor: string | null },
): Promise<Started> {
  const { event, conversation } = writer;
  const kind = event.kind as EventKind;
  const ended = current.status === "resolved" || current.status === "abandoned" || current.status === "failed";
  const escalation = () =>
    tx.escalation.findFirst({
      where: { conversationId: conversation.id, status: { in: ["open", "claimed"] } },
      orderBy: { createdAt: "desc" },
    });

  switch (kind) {
    case "customer_message": {
      const { text } = eventPayloads.customer_message.parse(event.payload);
      if (ended) {
        // A customer writing again reopens the conversation (the send command already moved a message past the
        // workspace's reopen window to a new, linked conversation); a failed designer test or evaluation stays failed.
        if (conversation.channel === TEST_CHANNEL && current.status === "failed")
          throw nonRetriable(`This conversation has ended (${current.status}).`, "ENDED");
        reopen(writer, rt, current.status);
      }
      // The transcript keeps no card numbers, IBANs, e-mails, phone numbers or national ids; the engine reads the
      // event's own copy, which is scrubbed the same way once the event is done.
      const stored = redactPiiText(text);
      writer.messages.push({ role: "customer", author: null, text: stored });
      // A person has it: the message is theirs (a contact centre is sent it), and the trace says who holds it.
      if (current.status === "escalated") {
        const held = await escalation();
        await forwardCustomerMessage(tx, {
          workspaceId: event.workspaceId,
          conversationId: conversation.id,
          text: stored,
        });
        writer.span({
          id: `${event.id}:held`,
          parentId: `${event.id}:run`,
          kind: "escalation",
          name: "Held for a person",
          status: "ok",
          startedAt: new Date(),
          durationMs: 0,
          output: {
            escalationId: held?.id ?? null,
            status: held?.status ?? null,
            assigneeId: held?.assigneeId ?? null,
          },
        });
        return { ...current, text };
      }
      // Every other message enters at the start node, which checks interruptions before the node that was waiting
      // for it (or, from the top, the first step) sees it; while an approval is open no node may take it.
      const check: InterruptionCheck = { check: true, then: rt.resume, waiting: rt.pending ? "approval" : null };
      rt.frontier = [{ nodeId: startNode(await graphOf(tx, rt.frames[0])).id, frame: 0, branch: null, resume: check }];
      return { status: "active", waitingFor: null, text };
    }
    case "operator_reply": {
      const { text } = eventPayloads.operator_reply.parse(event.payload);
      writer.messages.push({
        role: "operator",
        author: event.actorLabel || "Operator",
        senderName: operatorSender(event),
        text,
      });
      const open = await escalation();
      if (open && !open.firstResponseAt)
        await tx.escalation.update({ where: { id: open.id }, data: { firstResponseAt: new Date() } });
      return { ...current, text: "" };
    }
    case "resolve": {
      const { note } = eventPayloads.resolve.parse(event.payload);
      const resolving = await tx.escalation.findMany({
        where: { conversationId: conversation.id, status: { in: ["open", "claimed"] } },
        select: { id: true },
      });
      await tx.escalation.updateMany({
        where: { conversationId: conversation.id, status: { in: ["open", "claimed"] } },
        data: { status: "resolved", resolvedAt: new Date() },
      });
      await emitEscalationsResolved(tx, {
        workspaceId: event.workspaceId,
        escalationIds: resolving.map((e) => e.id),
        extra: { resolution: "resolved", actor: event.actorLabel },
      });
      if (note)
        writer.messages.push({
          role: "operator",
          author: event.actorLabel || "Operator",
          senderName: operatorSender(event),
          text: note,
        });
      rt.resume = null;
      rt.pending = null;
      rt.afterSwitch = null;
      return { status: "resolved", waitingFor: null, text: "" };
    }
    case "take_over": {
      const { reason } = eventPayloads.take_over.parse(event.payload);
      if (current.status !== "escalated") {
        const created = await createEscalation(
          tx,
          writer,
          rt,
          {
            queue: "general",
            skills: [],
            priority: 2,
            slaMinutes: 15,
            reason,
            message: "",
            trigger: "take_over",
          },
          null,
          rootStateOf(conversation),
        );
        await tx.escalation.update({
          where: { id: created },
          data: { status: "claimed", assigneeId: event.actorId, claimedAt: new Date() },
        });
        await emitEscalationEvent(tx, {
          workspaceId: event.workspaceId,
          escalationId: created,
          type: "escalation.claimed",
          extra: { actor: event.actorLabel, tookOver: true },
        });
      }
      rt.pending = null;
      return { status: "escalated", waitingFor: "human", text: "" };
    }
    case "hand_back": {
      const { nodeId } = eventPayloads.hand_back.parse(event.payload);
      const graph = await graphOf(tx, rt.frames[0]);
      if (!graph.nodes.some((node) => node.id === nodeId))
        throw nonRetriable(`Node ${nodeId} is not in this flow version`, "BAD_NODE");
      const handingBack = await tx.escalation.findMany({
        where: { conversationId: conversation.id, status: { in: ["open", "claimed"] } },
        select: { id: true },
      });
      await tx.escalation.updateMany({
        where: { conversationId: conversation.id, status: { in: ["open", "claimed"] } },
        data: { status: "resolved", resolvedAt: new Date(), handedBackToNodeId: nodeId },
      });
      await emitEscalationsResolved(tx, {
        workspaceId: event.workspaceId,
        escalationIds: handingBack.map((e) => e.id),
        extra: { resolution: "handed_back", handedBackToNodeId: nodeId, actor: event.actorLabel },
      });
      rt.frames = rt.frames.slice(0, 1);
      rt.joins = {};
      rt.pending = null;
      rt.afterSwitch = null;
      rt.frontier = [{ nodeId, frame: 0, branch: null }];
      return { status: "active", waitingFor: null, text: await lastCustomerText(tx, conversation.id) };
    }
    case "approval_decision": {
      const { approvalId, approved, note } = eventPayloads.approval_decision.parse(event.payload);
      if (!rt.pending || rt.pending.approvalId !== approvalId) return { ...current, text: "" };
      rt.frontier = [{ ...rt.pending.cursor, resume: { approved, note, approvalId } }];
      rt.pending = null;
      // The decision finishes the waiting step even when the customer has since been passed to a person (run-wave
      // puts the conversation back with them once the step is done).
      return { status: "active", waitingFor: null, text: await lastCustomerText(tx, conversation.id) };
    }
    default:
      throw nonRetriable(`Unknown event kind ${event.kind}`);
  }
}
