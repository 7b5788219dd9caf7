// Collects what a wave produces (steps, spans, messages, audit entries) and writes it at the end of the wave's
// transaction, so a wave commits all of it or none.
import "server-only";
import type { AuditEntry } from "@/lib/platform/audit/audit-log";
import type { Tx } from "@/lib/platform/db/client";
import type { FlowNode } from "@/lib/model/flow/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { redactPii } from "@/lib/model/guardrails/redact-pii";
import type { ChildSpan } from "@/lib/runtime/engine/nodes/executors";
import type { Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { liveNotice } from "@/lib/runtime/engine/live/notify-live";
import { type ConversationRow, type ConversationStatus, type EventRow } from "./load-conversation";
import { newId } from "@/lib/platform/db/new-id";
import { writeWave, type MessageRow, type WrittenMessage } from "./write-rows";

type SpanFields = Omit<Prisma.SpanCreateManyInput, "workspaceId" | "conversationId" | "eventId">;

/** Everything one wave writes, flushed in one place at the end of its transaction. */
export class WaveWriter {
  steps: Prisma.StepCreateManyInput[] = [];
  spans: Prisma.SpanCreateManyInput[] = [];
  messages: MessageRow[] = [];
  /** The messages as written (ids, sequence numbers, times), once flushed. */
  written: WrittenMessage[] = [];
  /** Who customers see as the sender of the flow's replies (the flow's sender name, or the workspace's). */
  sender: string;
  audits: AuditEntry[] = [];
  /** A customer wrote to an ended conversation: it is active again, with no end time. */
  reopened = false;
  /** The wave's texts as redacted: the same message recurs in every step's input and in spans. */
  private readonly redactions = new Map<string, string>();
  constructor(
    readonly event: EventRow,
    readonly conversation: ConversationRow,
  ) {
    this.sender = conversation.assistantName;
  }

  /** A copy of `value` with every string's personal data redacted (redact-pii.ts). */
  redact<T>(value: T): T {
    return redactPii(value, { memo: this.redactions });
  }

  /** A span under one of the wave's steps (a node's own span is its step: node-span.ts), its input and output redacted. */
  span(span: SpanFields) {
    this.spans.push({
      ...span,
      input: span.input == null ? undefined : (this.redact(span.input) as Prisma.InputJsonValue),
      output: span.output == null ? undefined : (this.redact(span.output) as Prisma.InputJsonValue),
      workspaceId: this.event.workspaceId,
      conversationId: this.event.conversationId,
      eventId: this.event.id,
    });
  }
}

export const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

export function recordStep(
  writer: WaveWriter,
  step: {
    stepId: string;
    seq: number;
    node: FlowNode;
    branch: string | null;
    startedAt: Date;
    durationMs: number;
    attempts: number;
    status: "completed" | "failed";
    output?: unknown;
    error?: string;
    input?: unknown;
  },
) {
  // Redaction copies as it walks, so the step holds its own copy; writeWave turns it into JSON.
  const input = step.input === undefined ? undefined : (writer.redact(step.input) as Prisma.InputJsonValue);
  const output = step.output === undefined ? undefined : (writer.redact(step.output) as Prisma.InputJsonValue);
  writer.steps.push({
    id: step.stepId,
    conversationId: writer.event.conversationId,
    eventId: writer.event.id,
    turn: writer.conversation.eventCount + 1,
    seq: step.seq,
    nodeId: step.node.id,
    nodeKind: step.node.kind,
    // The step is also the node's span in traces (node-span.ts): no span row repeats it.
    nodeLabel: step.node.label,
    branch: step.branch,
    attempts: step.attempts,
    status: step.status,
    input,
    output,
    error: step.error,
    startedAt: step.startedAt,
    endedAt: new Date(step.startedAt.getTime() + step.durationMs),
  });
}

/** A span a node reported, under its node span (or under the failed attempt's span, `parentId`). */
export function recordChildSpan(
  writer: WaveWriter,
  run: { stepId: string; parentId?: string; startedAt: Date },
  span: ChildSpan,
  index: number,
) {
  const parentId = run.parentId ?? run.stepId;
  writer.span({
    id: `${parentId}:${index}`,
    parentId,
    stepId: run.stepId,
    kind: span.kind,
    name: span.name,
    status: span.status ?? "ok",
    startedAt: run.startedAt,
    durationMs: span.durationMs ?? 0,
    input: span.input === undefined ? undefined : json(span.input),
    output: span.output === undefined ? undefined : json(span.output),
    error: span.error,
    attributes: span.attributes ? json(span.attributes) : undefined,
    tokensIn: span.tokensIn,
    tokensOut: span.tokensOut,
    costUsd: span.costUsd,
  });
}

export function agentAudit(
  writer: WaveWriter,
  node: FlowNode,
  action: string,
  resourceType: AuditEntry["resourceType"],
  resourceId: string,
  after: unknown,
  metadata: Record<string, unknown>,
): AuditEntry {
  return {
    workspaceId: writer.event.workspaceId,
    actor: { type: "agent", id: writer.event.conversationId, label: node.label },
    action,
    resourceType,
    resourceId,
    after,
    metadata: { ...metadata, eventId: writer.event.id },
  };
}

/** Writes the wave: steps, spans, messages, state and cursor; on the event's last wave also its result and NOTIFY. */
export async function flush(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  outcome: {
    status: ConversationStatus;
    waitingFor: string | null;
    failureReason: string | null;
    rootState: Record<string, unknown>;
    finished: boolean;
  },
) {
  const { event, conversation } = writer;
  const ended = outcome.status === "resolved" || outcome.status === "abandoned" || outcome.status === "failed";
  if (outcome.finished) {
    writer.span({
      id: `${event.id}:run`,
      parentId: null,
      stepId: null,
      kind: "run",
      name: event.kind,
      status: outcome.status === "failed" ? "error" : "ok",
      startedAt: new Date(rt.startedAt ?? Date.now()),
      durationMs: Date.now() - (rt.startedAt ?? Date.now()),
      attributes: json({
        flowVersionId: rt.frames[0]?.versionId ?? conversation.flowVersionId,
        steps: rt.seq,
        status: outcome.status,
        waitingFor: outcome.waitingFor,
      }),
    });
  }
  // Message ids are made before the write, so the event's result can name them in the same statement.
  const finishedRuntime: Runtime = outcome.finished ? { ...rt, frontier: [], joins: ended ? {} : rt.joins } : rt;
  const messages = writer.messages.map((message) => ({ ...message, id: newId() }));
  rt.messageIds.push(...messages.map((m) => m.id));
  writer.written = await writeWave(tx, {
    conversationId: conversation.id,
    audits: writer.audits,
    messages,
    steps: writer.steps,
    spans: writer.spans,
    conversation: {
      status: outcome.status,
      waitingFor: outcome.waitingFor,
      currentNodeId: rt.resume?.nodeId ?? null,
      state: outcome.rootState,
      runtime: finishedRuntime,
      failureReason: outcome.failureReason,
      endedAt: endedAtUpdate(writer, ended),
    },
    finished: outcome.finished
      ? {
          eventId: event.id,
          startedAt: event.startedAt ?? new Date(rt.startedAt ?? Date.now()),
          result: {
            status: outcome.status,
            waitingFor: outcome.waitingFor,
            messageIds: rt.messageIds,
            turn: conversation.eventCount + 1,
          },
          payload: event.kind === "customer_message" ? writer.redact(event.payload) : undefined,
          notice: liveNotice({ w: event.workspaceId, c: conversation.id, e: event.id, s: outcome.status }),
        }
      : null,
  });
}

/** When the conversation ended: set as it ends, cleared when a customer reopens it, otherwise left alone. */
function endedAtUpdate(writer: WaveWriter, ended: boolean): Date | null | undefined {
  const wasEnded = ["resolved", "abandoned", "failed"].includes(writer.conversation.status);
  if (ended) return wasEnded && !writer.reopened ? undefined : new Date();
  return writer.reopened ? null : undefined;
}
