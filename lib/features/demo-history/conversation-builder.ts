// Writes one history conversation turn by turn into HistoryRows, keeping what the engine keeps: message seqs in
// order, step ids `<eventId>:<seq>` with span ids derived from them, every timestamp after the one before it, the
// audit entries of a turn stamped when its wave committed. Ids come from the caller's seeded PRNG.
import type { AuditActor, AuditEntry } from "@/lib/platform/audit/audit-log";
import type { ConversationRow, HistoryRows } from "./history-rows";

export type FlowRef = { slug: string; flowId: string; versionId: string; labels: Record<string, string> };

/** A child span of a node: route, guardrail, tool or escalation. */
export type ChildSpan = {
  suffix: string;
  kind: string;
  name: string;
  input?: unknown;
  output?: unknown;
  attributes?: unknown;
  status?: "ok" | "error";
  ms?: number;
};

export type AuditRecord = Omit<AuditEntry, "workspaceId" | "actor"> & { actor?: AuditActor };

/** One node executed in a turn: its step, its node span, its children, the replies it sent, what it audited. */
export type NodeRun = {
  nodeId: string;
  kind: string;
  input?: unknown;
  output: unknown;
  ms: number;
  children?: ChildSpan[];
  replies?: string[];
  audit?: (ids: { stepId: string; eventId: string; conversationId: string }) => AuditRecord[];
};

export type Turn = { eventId: string; stepIds: string[]; at: Date; endedAt: Date };

export class ConversationBuilder {
  readonly id: string;
  private t: number;
  private seq = 0;
  private turns = 0;

  constructor(
    private readonly rows: HistoryRows,
    private readonly newId: (at: number) => string,
    readonly base: {
      workspaceId: string;
      flow: FlowRef;
      channel: string;
      customerId: string | null;
      assistantName: string;
      startedAt: Date;
    },
  ) {
    this.t = base.startedAt.getTime();
    this.id = newId(this.t);
  }

  get now(): number {
    return this.t;
  }

  label(nodeId: string): string {
    return this.base.flow.labels[nodeId] ?? nodeId;
  }

  /** Moves the clock on (a customer reading and typing, an operator getting to it). */
  wait(ms: number): void {
    this.t += Math.max(0, Math.round(ms));
  }

  private agent(label: string): AuditActor {
    return { type: "agent", id: this.id, label };
  }

  audit(at: number, actor: AuditActor, record: Omit<AuditEntry, "workspaceId" | "actor">): void {
    this.rows.audit.push({ ...record, workspaceId: this.base.workspaceId, actor, at: new Date(at) });
  }

  message(role: "customer" | "agent" | "operator", text: string, author: string | null, senderName: string | null) {
    const id = this.newId(this.t);
    this.rows.messages.push({
      id,
      conversationId: this.id,
      seq: ++this.seq,
      role,
      author,
      senderName,
      text,
      createdAt: new Date(this.t),
    });
    return id;
  }

  /** The start node's greeting, written when the conversation starts. */
  greet(text: string): void {
    this.message("agent", text, this.label("start"), this.base.assistantName);
    this.wait(30);
  }

  /** One event processed: its row, the run span, a step per node, the replies, the audit entries. */
  event(
    kind: string,
    payload: unknown,
    actor: { type: string; id: string | null; label: string },
    nodes: NodeRun[],
    outcome: { status: ConversationRow["status"]; waitingFor: string | null },
    customerText?: string,
  ): Turn {
    const createdAt = this.t;
    const eventId = this.newId(createdAt);
    const turn = ++this.turns;
    const messageIds: string[] = [];
    if (customerText !== undefined) messageIds.push(this.message("customer", customerText, null, null));
    this.wait(40 + (createdAt % 30));
    const runStart = this.t;
    const stepIds: string[] = [];
    const audits: AuditRecord[] = [];
    nodes.forEach((node, i) => {
      const stepId = `${eventId}:${i + 1}`;
      stepIds.push(stepId);
      const start = this.t;
      const input = node.input ?? (customerText !== undefined ? { text: customerText } : null);
      this.rows.steps.push({
        id: stepId,
        conversationId: this.id,
        eventId,
        turn,
        seq: i + 1,
        nodeId: node.nodeId,
        nodeKind: node.kind,
        // The step is also the node's span (lib/platform/trace/node-span.ts), as the engine writes it.
        nodeLabel: this.label(node.nodeId),
        status: "completed",
        input,
        output: node.output,
        error: null,
        startedAt: new Date(start),
        endedAt: new Date(start + Math.max(1, Math.round(node.ms))),
      });
      for (const child of node.children ?? []) this.span(eventId, stepId, stepId, child);
      this.t = start + Math.max(1, Math.round(node.ms));
      for (const reply of node.replies ?? [])
        messageIds.push(this.message("agent", reply, this.label(node.nodeId), this.base.assistantName));
      if (node.audit) {
        for (const record of node.audit({ stepId, eventId, conversationId: this.id }))
          audits.push({ ...record, actor: record.actor ?? this.agent(this.label(node.nodeId)) });
      }
      this.wait(1 + (i % 3));
    });
    const finishedAt = this.t;
    this.rows.spans.push({
      id: `${eventId}:run`,
      workspaceId: this.base.workspaceId,
      conversationId: this.id,
      eventId,
      parentId: null,
      stepId: null,
      kind: "run",
      name: kind,
      status: "ok",
      startedAt: new Date(runStart),
      durationMs: finishedAt - runStart,
      input: null,
      output: null,
      error: null,
      attributes: {
        steps: nodes.length,
        status: outcome.status,
        waitingFor: outcome.waitingFor,
        flowVersionId: this.base.flow.versionId,
      },
    });
    this.rows.events.push({
      id: eventId,
      workspaceId: this.base.workspaceId,
      conversationId: this.id,
      kind,
      payload,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      status: "done",
      result: { turn, status: outcome.status, messageIds, waitingFor: outcome.waitingFor },
      createdAt: new Date(createdAt),
      startedAt: new Date(runStart),
      finishedAt: new Date(finishedAt),
    });
    for (const { actor: by, ...record } of audits) this.audit(finishedAt, by!, record);
    return { eventId, stepIds, at: new Date(createdAt), endedAt: new Date(finishedAt) };
  }

  private span(eventId: string, stepId: string, parentId: string, child: ChildSpan & { suffix: string }): void {
    this.rows.spans.push({
      id: child.suffix ? `${stepId}:${child.suffix}` : stepId,
      workspaceId: this.base.workspaceId,
      conversationId: this.id,
      eventId,
      parentId,
      stepId,
      kind: child.kind,
      name: child.name,
      status: child.status ?? "ok",
      startedAt: new Date(this.t),
      durationMs: child.ms ?? 0,
      input: child.input ?? null,
      output: child.output ?? null,
      error: null,
      attributes: child.attributes ?? null,
    });
  }

  /** The conversation row, with where it stands at the end of the history. */
  finish(row: Pick<ConversationRow, "status" | "waitingFor" | "state" | "identityLevel" | "identityMethod">): void {
    const ended = row.status === "resolved" || row.status === "abandoned" || row.status === "failed";
    const verified = row.identityLevel !== "anonymous";
    this.rows.conversations.push({
      id: this.id,
      workspaceId: this.base.workspaceId,
      flowId: this.base.flow.flowId,
      flowVersionId: this.base.flow.versionId,
      customerId: this.base.customerId,
      channel: this.base.channel,
      ...row,
      eventCount: this.turns,
      identifiedAt: verified ? this.base.startedAt : null,
      startedAt: this.base.startedAt,
      updatedAt: new Date(this.t),
      endedAt: ended ? new Date(this.t) : null,
    });
  }
}
