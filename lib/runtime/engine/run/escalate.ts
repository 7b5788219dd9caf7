// Hands a conversation to a person: the escalation row with its context, the SLA timer job, and the package for an
// external contact centre when the node names one.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { redactPii } from "@/lib/model/guardrails/redact-pii";
import { SLA_TASK } from "@/lib/runtime/engine/events";
import type { Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { handoffTarget, queueHandoffPackage } from "@/lib/runtime/handoff/hand-off-escalation";
import { emitEscalationEvent } from "@/lib/runtime/webhooks/emit-events";
import type { NodeRun } from "./run-node";
import { pendingNodeSpan } from "@/lib/platform/trace/node-span";
import { json, type WaveWriter } from "./wave-writer";

/** Creates an escalation with the full context a person needs, its SLA timer job, span and audit entry. */
export async function createEscalation(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  request: {
    queue: string;
    skills: string[];
    priority: number;
    slaMinutes: number;
    reason: string;
    message: string;
    trigger: string;
    handoff?: string;
  },
  run: NodeRun | null,
  state: Record<string, unknown>,
  failure?: { error?: string; attempts: number },
): Promise<string> {
  const slaDueAt = new Date(Date.now() + request.slaMinutes * 60_000);
  // An external contact centre takes it when the node names an active handoff endpoint; otherwise the inbox does.
  const handoff = request.handoff
    ? await handoffTarget(tx, {
        workspaceId: writer.event.workspaceId,
        name: request.handoff,
        channel: writer.conversation.channel,
      })
    : null;
  const external = handoff?.kind === "endpoint" ? handoff.endpoint : null;
  const context = {
    trigger: request.trigger,
    nodeId: run?.node.id ?? null,
    nodeLabel: run?.node.label ?? null,
    intent: state.intent ?? null,
    failure: failure ?? null,
    state: redactPii(state),
    flowVersionId: rt.frames[0]?.versionId ?? writer.conversation.flowVersionId,
    eventId: writer.event.id,
    handoff: handoff
      ? external
        ? { endpoint: external.name }
        : { endpoint: request.handoff, note: handoff.kind === "inbox" ? handoff.note : null }
      : null,
  };
  const escalation = await tx.escalation.create({
    data: {
      workspaceId: writer.event.workspaceId,
      conversationId: writer.event.conversationId,
      reason: request.reason,
      queue: request.queue,
      skills: request.skills,
      priority: request.priority,
      slaDueAt,
      context: json(context),
      // Nobody in the inbox can claim what the contact centre holds.
      ...(external ? { handoffEndpointId: external.id, status: "claimed" as const, claimedAt: new Date() } : {}),
    },
  });
  await tx.$executeRaw`SELECT graphile_worker.add_job(${SLA_TASK}, json_build_object('escalationId', ${escalation.id}::text), run_at => ${slaDueAt}, job_key => ${`sla:${escalation.id}`}, max_attempts => 5)`;
  const spanId = run ? `${run.stepId}:escalation` : `${writer.event.id}:escalation`;
  writer.span({
    id: spanId,
    parentId: run?.stepId ?? `${writer.event.id}:run`,
    stepId: run?.stepId ?? null,
    kind: "escalation",
    name: request.reason,
    status: "ok",
    startedAt: new Date(),
    durationMs: 0,
    output: json({
      escalationId: escalation.id,
      queue: request.queue,
      priority: request.priority,
      trigger: request.trigger,
    }),
  });
  writer.audits.push({
    workspaceId: writer.event.workspaceId,
    actor: run
      ? { type: "agent", id: writer.event.conversationId, label: run.node.label }
      : { type: "system", label: "engine" },
    action: "escalation.created",
    resourceType: "escalation",
    resourceId: escalation.id,
    after: {
      reason: escalation.reason,
      queue: escalation.queue,
      priority: escalation.priority,
      trigger: request.trigger,
    },
    metadata: { eventId: writer.event.id },
  });
  if (external) {
    const queued = await queueHandoffPackage(tx, {
      workspaceId: writer.event.workspaceId,
      endpointId: external.id,
      escalation: {
        id: escalation.id,
        reason: escalation.reason,
        queue: escalation.queue,
        priority: escalation.priority,
        skills: escalation.skills,
        slaDueAt,
        trigger: request.trigger,
      },
      conversationId: writer.event.conversationId,
      flowVersionId: context.flowVersionId,
      state: context.state as Record<string, unknown>,
      // The wave's steps stand for their node spans, as they do once written (node-span.ts).
      pending: { messages: writer.messages, spans: [...writer.spans, ...writer.steps.map(pendingNodeSpan)] },
    });
    writer.audits.push({
      workspaceId: writer.event.workspaceId,
      actor: { type: "system", label: "engine" },
      action: "escalation.handed_off",
      resourceType: "escalation",
      resourceId: escalation.id,
      after: { endpoint: external.name, deliveryId: queued.deliveryId },
      metadata: { eventId: writer.event.id },
    });
  } else if (handoff?.kind === "inbox" && handoff.cause !== "test") {
    writer.audits.push({
      workspaceId: writer.event.workspaceId,
      actor: { type: "system", label: "engine" },
      action: "escalation.handoff_unavailable",
      resourceType: "escalation",
      resourceId: escalation.id,
      after: { endpoint: request.handoff, cause: handoff.cause, routedTo: "inbox" },
      metadata: { eventId: writer.event.id },
    });
  }
  await emitEscalationEvent(tx, {
    workspaceId: writer.event.workspaceId,
    escalationId: escalation.id,
    type: "conversation.escalated",
    extra: { status: "escalated" },
  });
  rt.resume = null;
  rt.afterSwitch = null;
  // An open approval stays open: the person who takes the conversation sees it, and its decision still completes
  // the step that asked for it.
  return escalation.id;
}
