// Processes one inbound event of a conversation: the body of the graphile-worker job. The run advances in waves
// (one node, or every branch of a parallel fan-out at once); each wave commits in one transaction together with its
// steps, spans, replies, state, cursor and audit entries. A crash or retry resumes from the committed cursor, so a
// completed step never runs twice, and side effects carry idempotency keys derived from the step id.
import "server-only";
import { auditLog, type AuditEntry } from "@/lib/platform/audit/audit-log";
import { db, type Tx } from "@/lib/platform/db/client";
import {
  DEFAULT_NODE_POLICY,
  ERROR_HANDLE,
  LOW_CONFIDENCE_HANDLE,
  type FlowGraph,
  type FlowNode,
} from "@/lib/model/flow/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkExactWording } from "@/lib/model/guardrails/exact-wording";
import type { GuardrailOutcome } from "@/lib/model/guardrails/guardrail-decision";
import { redactPii, redactPiiText } from "@/lib/model/guardrails/redact-pii";
import { eventPayloads, SLA_TASK, type EventKind } from "@/lib/runtime/engine/events";
import {
  executeNode,
  type ChildSpan,
  type ExecutionResult,
  type TurnContext,
} from "@/lib/runtime/engine/nodes/executors";
import { followEdge, loadVersionGraph, startNode } from "./load-graph";
import {
  backoffDelay,
  errorText,
  isRetriable,
  NodeError,
  NodeTimeoutError,
  nonRetriable,
} from "@/lib/runtime/engine/turn/node-error";
import {
  readRuntime,
  type Cursor,
  type ExactWording,
  type Frame,
  type Runtime,
} from "@/lib/runtime/engine/turn/conversation-runtime";
import { recordWave } from "./metrics";
import { recallCustomerMemory, rememberSummary, summarizeConversation } from "@/lib/runtime/memory/customer-memory";
import { forwardCustomerMessage, handoffTarget, queueHandoffPackage } from "@/lib/runtime/handoff/hand-off-escalation";
import { notifyLive } from "@/lib/runtime/engine/live/notify-live";
import {
  emitConversationEvent,
  emitEscalationEvent,
  emitEscalationsResolved,
} from "@/lib/runtime/webhooks/emit-events";
import { cloneState, diffState, mergeChanges } from "./state-merge";

const MAX_STEPS_PER_EVENT = 200;
/** Waves keep running in one transaction until this much time has passed; then the work so far commits. */
const SHARED_TX_BUDGET_MS = 100;
const TX_TIMEOUT_MS = 120_000;
export const FAILURE_FALLBACK_REPLY =
  "Sorry, something went wrong on our side and I can't continue this conversation. Please start a new chat, or try again in a few minutes.";
export const HANDOVER_REPLY =
  "Sorry, something went wrong on my side, so I'm passing you to a colleague who can help. You'll get a reply here.";
const LOW_CONFIDENCE_REPLY =
  "I want to make sure you get the right answer, so I'm passing you to a colleague. You'll get a reply here.";

type ConversationStatus = "active" | "escalated" | "resolved" | "abandoned" | "failed";

type EventRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  kind: string;
  payload: unknown;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  status: string;
  startedAt: Date | null;
};

type ConversationRow = {
  id: string;
  workspaceId: string;
  flowVersionId: string;
  customerId: string | null;
  channel: string;
  status: ConversationStatus;
  state: unknown;
  runtime: unknown;
  eventCount: number;
  waitingFor: string | null;
};

type NodeRun = {
  input: Record<string, unknown>;
  cursor: Cursor;
  node: FlowNode;
  stepId: string;
  seq: number;
  startedAt: Date;
  durationMs: number;
  attempts: number;
  state: Record<string, unknown>;
  before: Record<string, unknown>;
  result?: ExecutionResult;
  error?: string;
  errorCode?: string;
};

type SpanFields = Omit<Prisma.SpanCreateManyInput, "workspaceId" | "conversationId" | "eventId">;

/** Everything one wave writes, flushed in one place at the end of its transaction. */
class WaveWriter {
  steps: Prisma.StepCreateManyInput[] = [];
  spans: Prisma.SpanCreateManyInput[] = [];
  messages: { role: "customer" | "agent" | "operator" | "system"; author: string | null; text: string }[] = [];
  audits: AuditEntry[] = [];
  constructor(
    readonly event: EventRow,
    readonly conversation: ConversationRow,
  ) {}

  span(span: SpanFields) {
    this.redactedSpan({
      ...span,
      input: span.input == null ? undefined : (redactPii(span.input) as Prisma.InputJsonValue),
      output: span.output == null ? undefined : (redactPii(span.output) as Prisma.InputJsonValue),
    });
  }

  /** For input and output that are redacted already (a node span shares its step's). */
  redactedSpan(span: SpanFields) {
    this.spans.push({
      ...span,
      workspaceId: this.event.workspaceId,
      conversationId: this.event.conversationId,
      eventId: this.event.id,
    });
  }
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run(controller.signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new NodeTimeoutError(ms));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type ProcessOptions = {
  /** graphile-worker's attempt number for this job; on the last one a failure marks the conversation failed. */
  attempt?: number;
  maxAttempts?: number;
};

/** Processes one event to completion (several transactions). Safe to call again for the same event. */
export async function processEvent(eventId: string, options: ProcessOptions = {}): Promise<void> {
  try {
    for (let wave = 0; wave < MAX_STEPS_PER_EVENT + 2; wave++) {
      const started = performance.now();
      const wave = await db().$transaction((tx) => runWave(tx, eventId), { timeout: TX_TIMEOUT_MS, maxWait: 30_000 });
      recordWave({ ...wave, waveMs: performance.now() - started });
      if (wave.finished) return;
    }
    throw new Error(`Event ${eventId} did not finish within ${MAX_STEPS_PER_EVENT} steps`);
  } catch (error) {
    // An event that can never succeed (the conversation ended meanwhile, a node missing from the version) is not
    // retried; neither is one on its last attempt. Both are marked failed with the reason, visibly.
    if (error instanceof NodeError && !error.retriable) {
      await failEventForGood(eventId, errorText(error), error.code !== "ENDED");
      return;
    }
    if (options.attempt != null && options.maxAttempts != null && options.attempt >= options.maxAttempts) {
      await failEventForGood(eventId, errorText(error), true).catch(() => {});
    }
    throw error;
  }
}

async function loadEvent(tx: Tx, eventId: string): Promise<EventRow | null> {
  return tx.conversationEvent.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      workspaceId: true,
      conversationId: true,
      kind: true,
      payload: true,
      actorType: true,
      actorId: true,
      actorLabel: true,
      status: true,
      startedAt: true,
    },
  });
}

async function lockConversation(tx: Tx, id: string): Promise<ConversationRow | null> {
  const rows = await tx.$queryRaw<ConversationRow[]>`
    SELECT id, "workspaceId", "flowVersionId", "customerId", channel, status::text AS status, state, runtime, "eventCount", "waitingFor"
    FROM "Conversation" WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}

async function lastMessageSeq(tx: Tx, conversationId: string): Promise<number> {
  const [{ max }] = await tx.$queryRaw<
    { max: number | null }[]
  >`SELECT MAX(seq) AS max FROM "Message" WHERE "conversationId" = ${conversationId}`;
  return max ?? 0;
}

async function lastCustomerText(tx: Tx, conversationId: string): Promise<string> {
  const last = await tx.message.findFirst({
    where: { conversationId, role: "customer" },
    orderBy: { seq: "desc" },
    select: { text: true },
  });
  return last?.text ?? "";
}

type WaveOutcome = { finished: boolean; steps: number; execMs: number };
const NOTHING_TO_DO: WaveOutcome = { finished: true, steps: 0, execMs: 0 };

/** One transaction: start the event if it is new, run one wave, commit. */
async function runWave(tx: Tx, eventId: string): Promise<WaveOutcome> {
  const event = await loadEvent(tx, eventId);
  if (!event || event.status === "done" || event.status === "failed") return NOTHING_TO_DO;
  const conversation = await lockConversation(tx, event.conversationId);
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
      const recalled = await recallCustomerMemory(tx, {
        workspaceId: event.workspaceId,
        customerId: conversation.customerId,
      });
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

  // Consecutive waves share the transaction while they are quick: one commit for a typical turn instead of one per
  // node. A slow wave (a node waiting on a timeout, a retry backoff) commits at once, so what it did is durable.
  const began = performance.now();
  while (rt.frontier.length > 0 && status === "active" && waitingFor !== "approval") {
    const outcome = await runFrontier(tx, writer, rt, rootState, text);
    execMs += outcome.execMs ?? 0;
    if (outcome.status) status = outcome.status;
    if (outcome.waitingFor !== undefined) waitingFor = outcome.waitingFor;
    if (outcome.failureReason) failureReason = outcome.failureReason;
    if (performance.now() - began > SHARED_TX_BUDGET_MS) break;
  }
  const finished = rt.frontier.length === 0;
  if (finished) {
    const held = await releaseOutbox(tx, writer, rt, rootState);
    if (held.escalated && status !== "resolved" && status !== "abandoned" && status !== "failed") {
      status = "escalated";
      waitingFor = "human";
    }
  }
  if (finished && status === "active" && waitingFor !== "approval") waitingFor = "customer";
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
  return { finished, steps: writer.steps.length, execMs };
}

type Started = { status: ConversationStatus; waitingFor: string | null; text: string };

/** Applies what the event itself means (a message, a decision, a hand back) and sets where the run starts. */
async function startEvent(
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
      if (ended) throw nonRetriable(`This conversation has ended (${current.status}).`, "ENDED");
      // The transcript keeps no card numbers, IBANs, e-mails, phone numbers or national ids; the engine reads the
      // event's own copy, which is scrubbed the same way once the event is done.
      const stored = redactPiiText(text);
      writer.messages.push({ role: "customer", author: null, text: stored });
      // A person has it, or the run waits on an approval: the message is kept for them, the flow does not answer.
      if (current.status === "escalated" || rt.pending) {
        if (current.status === "escalated")
          await forwardCustomerMessage(tx, {
            workspaceId: event.workspaceId,
            conversationId: conversation.id,
            text: stored,
          });
        return { ...current, text };
      }
      rt.frontier = [rt.resume ?? { nodeId: startNode(await graphOf(tx, rt.frames[0])).id, frame: 0, branch: null }];
      return { status: "active", waitingFor: null, text };
    }
    case "operator_reply": {
      const { text } = eventPayloads.operator_reply.parse(event.payload);
      writer.messages.push({ role: "operator", author: event.actorLabel || "Operator", text });
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
      if (note) writer.messages.push({ role: "operator", author: event.actorLabel || "Operator", text: note });
      rt.resume = null;
      rt.pending = null;
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
      rt.frontier = [{ nodeId, frame: 0, branch: null }];
      return { status: "active", waitingFor: null, text: await lastCustomerText(tx, conversation.id) };
    }
    case "approval_decision": {
      const { approvalId, approved, note } = eventPayloads.approval_decision.parse(event.payload);
      if (!rt.pending || rt.pending.approvalId !== approvalId) return { ...current, text: "" };
      rt.frontier = [{ ...rt.pending.cursor, resume: { approved, note, approvalId } }];
      rt.pending = null;
      return { status: "active", waitingFor: null, text: await lastCustomerText(tx, conversation.id) };
    }
    default:
      throw nonRetriable(`Unknown event kind ${event.kind}`);
  }
}

const rootStateOf = (conversation: ConversationRow) => ({ ...((conversation.state as Record<string, unknown>) ?? {}) });

async function graphOf(tx: Tx, frame: Frame): Promise<FlowGraph> {
  return loadVersionGraph(tx, frame.versionId);
}

type FrontierOutcome = {
  status?: ConversationStatus;
  waitingFor?: string | null;
  failureReason?: string;
  execMs?: number;
};

async function runFrontier(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  rootState: Record<string, unknown>,
  text: string,
): Promise<FrontierOutcome> {
  const stateOf = (frame: number) => (frame === 0 ? rootState : (rt.frames[frame].state as Record<string, unknown>));
  const outcome: FrontierOutcome = {};
  const next: Cursor[] = [];

  // Joins whose timeout passed while branches were still running: take their "timeout" output.
  for (const [key, join] of Object.entries(rt.joins)) {
    if (join.done || Date.now() - join.startedAt < join.timeoutMs) continue;
    join.done = true;
    const [frameText, forkId] = key.split(":");
    const frame = Number(frameText);
    rt.frontier = rt.frontier.filter((c) => !(c.frame === frame && c.branch?.startsWith(`${forkId}/`)));
    if (join.joinNodeId) {
      const graph = await graphOf(tx, rt.frames[frame]);
      const seq = ++rt.seq;
      const stepId = `${writer.event.id}:${seq}`;
      const node = graph.nodes.find((n) => n.id === join.joinNodeId)!;
      recordStep(writer, {
        stepId,
        seq,
        node,
        branch: null,
        startedAt: new Date(),
        durationMs: 0,
        attempts: 1,
        status: "completed",
        output: { timedOut: true, arrived: join.arrived, total: join.total },
      });
      const target = followEdge(graph, node.id, "timeout");
      if (target) next.push({ nodeId: target.id, frame, branch: null });
    }
  }

  const wave = rt.frontier;
  rt.frontier = [];
  if (rt.seq + wave.length > MAX_STEPS_PER_EVENT) {
    throw nonRetriable(`More than ${MAX_STEPS_PER_EVENT} steps for one event (a loop without a wait point?)`);
  }

  // Join arrivals are bookkeeping, not work: settle them first, then execute the rest of the wave at once.
  const work: { cursor: Cursor; node: FlowNode; graph: FlowGraph; seq: number }[] = [];
  for (const cursor of wave) {
    const graph = await graphOf(tx, rt.frames[cursor.frame]);
    const node = graph.nodes.find((n) => n.id === cursor.nodeId);
    const seq = ++rt.seq;
    if (!node) throw nonRetriable(`Node ${cursor.nodeId} is not in flow version ${rt.frames[cursor.frame].versionId}`);
    if (node.kind === "join") {
      arriveAtJoin(writer, rt, { cursor, node, graph, seq }, next);
      continue;
    }
    work.push({ cursor, node, graph, seq });
  }

  const useSavepoints = work.length === 1;
  const runs = await Promise.all(
    work.map((item) => runNode(tx, writer, rt, item, stateOf(item.cursor.frame), text, useSavepoints)),
  );

  outcome.execMs = runs.reduce((max, run) => Math.max(max, run.durationMs), 0);
  for (const [index, run] of runs.entries()) {
    const { graph } = work[index];
    const frameState = stateOf(run.cursor.frame);
    if (run.result) mergeChanges(frameState, run.before, run.state);
    const settled = await settleNode(tx, writer, rt, run, graph, frameState, next, stateOf);
    if (settled.status) outcome.status = settled.status;
    if (settled.waitingFor !== undefined) outcome.waitingFor = settled.waitingFor;
    if (settled.failureReason) outcome.failureReason = settled.failureReason;
    if (settled.status && settled.status !== "active") break;
    if (settled.waitingFor === "approval") break;
  }

  // Branches of fan-outs already joined (any / first N) stop here.
  rt.frontier = outcome.status && outcome.status !== "active" ? [] : next.filter((c) => !isCancelled(rt, c));
  if (outcome.waitingFor === "approval") rt.frontier = [];
  return outcome;
}

function isCancelled(rt: Runtime, cursor: Cursor): boolean {
  if (!cursor.branch) return false;
  const forkId = cursor.branch.split("/")[0];
  return rt.joins[`${cursor.frame}:${forkId}`]?.done === true;
}

function arriveAtJoin(
  writer: WaveWriter,
  rt: Runtime,
  item: { cursor: Cursor; node: FlowNode & { kind: "join" }; graph: FlowGraph; seq: number },
  next: Cursor[],
) {
  const { cursor, node, graph, seq } = item;
  const stepId = `${writer.event.id}:${seq}`;
  const [forkId, branchId] = (cursor.branch ?? "").split("/");
  const key = `${cursor.frame}:${forkId}`;
  const join = rt.joins[key];
  if (!cursor.branch || !join) {
    recordStep(writer, {
      stepId,
      seq,
      node,
      branch: cursor.branch,
      startedAt: new Date(),
      durationMs: 0,
      attempts: 1,
      status: "failed",
      error: "Join reached outside a parallel fan-out",
    });
    throw nonRetriable(`Join ${node.id} reached outside a parallel fan-out`);
  }
  if (join.done) return;
  join.arrived.push(branchId);
  const needed =
    node.config.mode === "all" ? join.total : node.config.mode === "any" ? 1 : Math.min(node.config.n, join.total);
  const satisfied = join.arrived.length >= needed;
  const cancelled = satisfied ? rt.frontier.filter((c) => c.branch?.startsWith(`${forkId}/`)).map((c) => c.branch) : [];
  recordStep(writer, {
    stepId,
    seq,
    node,
    branch: cursor.branch,
    startedAt: new Date(),
    durationMs: 0,
    attempts: 1,
    status: "completed",
    output: { mode: node.config.mode, arrived: [...join.arrived], needed, joined: satisfied },
  });
  if (!satisfied) return;
  join.done = true;
  if (cancelled.length)
    writer.steps[writer.steps.length - 1].output = json({
      mode: node.config.mode,
      arrived: join.arrived,
      needed,
      joined: true,
      cancelled,
    });
  const target = followEdge(graph, node.id, "out");
  if (target) next.push({ nodeId: target.id, frame: cursor.frame, branch: null });
}

async function runNode(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  item: { cursor: Cursor; node: FlowNode; graph: FlowGraph; seq: number },
  frameState: Record<string, unknown>,
  text: string,
  useSavepoint: boolean,
): Promise<NodeRun> {
  const { cursor, node, graph, seq } = item;
  const stepId = `${writer.event.id}:${seq}`;
  const policy = node.policy ?? DEFAULT_NODE_POLICY;
  const startedAt = new Date();
  const started = performance.now();
  const before = cloneState(frameState);
  const join = cursor.branch ? rt.joins[`${cursor.frame}:${cursor.branch.split("/")[0]}`] : undefined;
  const permissionLinks = graph.edges.filter((edge) => edge.kind === "tool" && edge.target === node.id);
  const input: Record<string, unknown> = cursor.resume ? { text, resume: cursor.resume } : { text };
  let attempts = 0;
  for (;;) {
    attempts++;
    const state = cloneState(frameState);
    // A branch never outlives its join's timeout.
    const budget = join
      ? Math.max(1, Math.min(policy.timeoutMs, join.startedAt + join.timeoutMs - Date.now()))
      : policy.timeoutMs;
    if (useSavepoint) await tx.$executeRawUnsafe("SAVEPOINT sb_node");
    try {
      const result = await withTimeout(budget, (signal) => {
        const ctx: TurnContext = {
          tx,
          workspaceId: writer.event.workspaceId,
          conversationId: writer.event.conversationId,
          customerId: writer.conversation.customerId,
          flowVersionId: rt.frames[cursor.frame].versionId,
          graph,
          outbox: rt.outbox,
          text,
          state,
          stepId,
          signal,
          permissionLinks,
          resume: cursor.resume,
        };
        return executeNode(node, ctx);
      });
      if (useSavepoint) await tx.$executeRawUnsafe("RELEASE SAVEPOINT sb_node");
      return {
        input,
        cursor,
        node,
        stepId,
        seq,
        startedAt,
        durationMs: performance.now() - started,
        attempts,
        state,
        before,
        result,
      };
    } catch (error) {
      if (useSavepoint) await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT sb_node");
      const message = errorText(error);
      writer.span({
        id: `${stepId}:attempt${attempts}`,
        parentId: stepId,
        stepId,
        kind: "node",
        name: `${node.label} (attempt ${attempts})`,
        status: "error",
        startedAt,
        durationMs: performance.now() - started,
        error: message,
        attributes: json({ attempt: attempts, retriable: isRetriable(error) }),
      });
      if (error instanceof NodeError) {
        for (const [index, span] of error.spans.entries())
          recordChildSpan(writer, { stepId, parentId: `${stepId}:attempt${attempts}`, startedAt }, span, index);
      }
      if (
        isRetriable(error) &&
        attempts <= policy.retries &&
        !(join && Date.now() >= join.startedAt + join.timeoutMs)
      ) {
        await sleep(backoffDelay(attempts, policy.backoffMs));
        continue;
      }
      return {
        input,
        cursor,
        node,
        stepId,
        seq,
        startedAt,
        durationMs: performance.now() - started,
        attempts,
        state,
        before,
        error: message,
        errorCode: (error as { code?: string }).code,
      };
    }
  }
}

function recordStep(
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
  const input = step.input === undefined ? undefined : json(redactPii(step.input));
  const output = step.output === undefined ? undefined : json(redactPii(step.output));
  writer.steps.push({
    id: step.stepId,
    conversationId: writer.event.conversationId,
    eventId: writer.event.id,
    turn: writer.conversation.eventCount + 1,
    seq: step.seq,
    nodeId: step.node.id,
    nodeKind: step.node.kind,
    branch: step.branch,
    attempts: step.attempts,
    status: step.status,
    input,
    output,
    error: step.error,
    startedAt: step.startedAt,
    endedAt: new Date(step.startedAt.getTime() + step.durationMs),
  });
  writer.redactedSpan({
    id: step.stepId,
    parentId: `${writer.event.id}:run`,
    stepId: step.stepId,
    kind: "node",
    name: step.node.label,
    status: step.status === "completed" ? "ok" : "error",
    startedAt: step.startedAt,
    durationMs: step.durationMs,
    input,
    output,
    error: step.error,
    attributes: json({ nodeId: step.node.id, nodeKind: step.node.kind, branch: step.branch, attempts: step.attempts }),
  });
}

/** The step fields a node run determines, whatever its outcome. */
function stepOf(run: NodeRun) {
  const { stepId, seq, node, startedAt, durationMs, attempts, input } = run;
  return { stepId, seq, node, branch: run.cursor.branch, startedAt, durationMs, attempts, input };
}

/** Records a node's step and applies what it asked for: next nodes, replies, suspension, escalation, the end. */
async function settleNode(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  run: NodeRun,
  graph: FlowGraph,
  frameState: Record<string, unknown>,
  next: Cursor[],
  stateOf: (frame: number) => Record<string, unknown>,
): Promise<FrontierOutcome> {
  const { node, cursor } = run;
  if (!run.result) return settleFailure(tx, writer, rt, run, graph, frameState, next);
  const result = run.result;
  const stateChanges = diffState(run.before, run.state);
  recordStep(writer, {
    ...stepOf(run),
    status: "completed",
    output: stateChanges.length ? { ...result.output, stateChanges } : result.output,
  });
  for (const [index, span] of (result.spans ?? []).entries()) recordChildSpan(writer, run, span, index);
  for (const reply of result.replies ?? []) say(rt, node, reply, run.stepId, result.exact);
  if (node.kind === "router") {
    writer.audits.push(
      agentAudit(
        writer,
        node,
        "routing.decided",
        "routing_decision",
        writer.event.conversationId,
        result.output.decision,
        { nodeId: node.id, flowVersionId: rt.frames[cursor.frame].versionId },
      ),
    );
  }
  for (const span of result.spans ?? []) {
    if (span.kind === "guardrail") {
      const decision = (span.output ?? {}) as { outcome?: string; reason?: string };
      const outcome = decision.outcome ?? (span.status === "error" ? "block" : "pass");
      writer.audits.push(
        agentAudit(
          writer,
          node,
          GUARDRAIL_AUDIT_ACTION[outcome as GuardrailOutcome] ?? "guardrail.blocked",
          "guardrail",
          run.stepId,
          { policy: span.name, outcome, reason: decision.reason ?? null },
          {
            nodeId: node.id,
            ...(span.input && typeof span.input === "object" ? (span.input as Record<string, unknown>) : {}),
          },
        ),
      );
    }
    if (span.kind === "tool" && span.status === "error" && span.attributes?.denied) {
      writer.audits.push(
        agentAudit(
          writer,
          node,
          `tool.${String(span.attributes.denied) === "rate_limited" ? "rate_limited" : "denied"}`,
          "tool_call",
          run.stepId,
          { tool: span.name, reason: span.error },
          { agent: span.attributes.agent ?? null },
        ),
      );
    }
    // Every call is in the trail, reads and failures included: an auditor asks "what did the agent touch?".
    if (span.kind === "tool" && !span.attributes?.denied) {
      const failed = span.status === "error";
      writer.audits.push(
        agentAudit(
          writer,
          node,
          failed ? "tool.failed" : "tool.called",
          "tool_call",
          run.stepId,
          failed
            ? { tool: span.name, error: redactPii(span.error) }
            : { tool: span.name, result: redactPii(span.output) },
          { idempotencyKey: span.attributes?.idempotencyKey, replayed: span.attributes?.replayed },
        ),
      );
    }
  }

  if (result.stop === "escalated" && result.escalation) {
    if (result.escalation.message) say(rt, node, result.escalation.message, run.stepId);
    await createEscalation(tx, writer, rt, result.escalation, run, frameState);
    return { status: "escalated", waitingFor: "human" };
  }
  if (result.stop === "ended") {
    if (cursor.frame > 0 && cursor.frame === rt.frames.length - 1) {
      // A sub-flow finished: hand its state back to the caller, explicitly, under subflows.<caller node id>.
      const child = rt.frames.pop()!;
      const parentGraph = await graphOf(tx, rt.frames[cursor.frame - 1]);
      const parentState = stateOf(cursor.frame - 1);
      const results = (
        parentState.subflows && typeof parentState.subflows === "object" ? parentState.subflows : {}
      ) as Record<string, unknown>;
      parentState.subflows = { ...results, [child.callerNodeId!]: child.state };
      const after = followEdge(parentGraph, child.callerNodeId!, "out");
      if (after) next.push({ nodeId: after.id, frame: cursor.frame - 1, branch: null });
      return {};
    }
    return { status: result.endOutcome === "abandoned" ? "abandoned" : "resolved", waitingFor: null };
  }
  if (result.stop === "await_customer") {
    rt.resume = { nodeId: node.id, frame: cursor.frame, branch: null };
    return { waitingFor: "customer" };
  }
  if (result.stop === "await_approval" && result.approval) {
    const approval = await tx.approval.create({
      data: {
        workspaceId: writer.event.workspaceId,
        conversationId: writer.event.conversationId,
        nodeId: node.id,
        stepId: run.stepId,
        tool: result.approval.tool,
        input: json(result.approval.input),
        field: result.approval.field,
        amount: result.approval.amount,
        threshold: result.approval.threshold,
        approverRole: result.approval.approverRole,
        reason: result.approval.reason,
      },
    });
    rt.pending = {
      kind: "approval",
      approvalId: approval.id,
      cursor: { nodeId: node.id, frame: cursor.frame, branch: null },
    };
    say(rt, node, result.approval.message, run.stepId, result.approval.exact);
    writer.audits.push(
      agentAudit(
        writer,
        node,
        "approval.requested",
        "tool_call",
        approval.id,
        {
          tool: approval.tool,
          amount: approval.amount,
          threshold: approval.threshold,
          approverRole: approval.approverRole,
        },
        { stepId: run.stepId },
      ),
    );
    await emitConversationEvent(tx, {
      workspaceId: writer.event.workspaceId,
      conversationId: writer.event.conversationId,
      type: "approval.requested",
      extra: {
        approval: {
          id: approval.id,
          tool: approval.tool,
          amount: approval.amount,
          threshold: approval.threshold,
          approverRole: approval.approverRole,
          reason: approval.reason,
          nodeId: node.id,
        },
      },
    });
    return { waitingFor: "approval" };
  }
  if (result.fanOut) {
    if (cursor.branch) throw nonRetriable(`Parallel ${node.id} inside another parallel branch is not supported`);
    const joinNode = findJoin(graph, node);
    rt.joins[`${cursor.frame}:${node.id}`] = {
      joinNodeId: joinNode?.id ?? null,
      arrived: [],
      total: result.fanOut.length,
      startedAt: Date.now(),
      timeoutMs: joinNode?.kind === "join" ? joinNode.config.timeoutMs : DEFAULT_NODE_POLICY.timeoutMs,
      done: false,
    };
    for (const handle of result.fanOut) {
      const target = followEdge(graph, node.id, handle);
      if (target) next.push({ nodeId: target.id, frame: cursor.frame, branch: `${node.id}/${handle}` });
    }
    return {};
  }
  if (result.call) {
    if (cursor.branch) throw nonRetriable(`Sub-flow ${node.id} inside a parallel branch is not supported`);
    const flow = await tx.flow.findUnique({
      where: { workspaceId_slug: { workspaceId: writer.event.workspaceId, slug: result.call.flowSlug } },
      select: { publishedVersionId: true },
    });
    if (!flow?.publishedVersionId) throw nonRetriable(`Sub-flow "${result.call.flowSlug}" has no published version`);
    const passed = Object.fromEntries(
      result.call.pass.filter((key) => key in frameState).map((key) => [key, structuredClone(frameState[key])]),
    );
    rt.frames.push({ versionId: flow.publishedVersionId, callerNodeId: node.id, state: passed });
    const childGraph = await loadVersionGraph(tx, flow.publishedVersionId);
    next.push({ nodeId: startNode(childGraph).id, frame: rt.frames.length - 1, branch: null });
    return {};
  }
  if (result.next) {
    const target = followEdge(graph, node.id, result.next);
    if (target) {
      next.push({ nodeId: target.id, frame: cursor.frame, branch: cursor.branch });
      return {};
    }
    if (result.next === LOW_CONFIDENCE_HANDLE) {
      // An unconnected low-confidence path is not a dead end: a person takes it.
      say(rt, node, LOW_CONFIDENCE_REPLY, run.stepId);
      await createEscalation(
        tx,
        writer,
        rt,
        {
          queue: "general",
          skills: [],
          priority: 2,
          slaMinutes: 15,
          reason: "Low routing confidence",
          message: "",
          trigger: "low_confidence",
        },
        run,
        frameState,
      );
      return { status: "escalated", waitingFor: "human" };
    }
  }
  // Nothing follows: the flow has said its piece; the next message enters from the top.
  if (!cursor.branch && cursor.frame === 0) rt.resume = null;
  return {};
}

/** One audit verb per guardrail outcome. */
const GUARDRAIL_AUDIT_ACTION: Record<GuardrailOutcome, string> = {
  pass: "guardrail.passed",
  redact: "guardrail.redacted",
  block: "guardrail.blocked",
  escalate: "guardrail.escalated",
};

/** Queues a reply of this event; it is sent when the run is over (see releaseOutbox). */
function say(rt: Runtime, node: FlowNode, text: string, stepId: string, exact?: ExactWording) {
  rt.outbox.push({ role: "agent", author: node.label, text, nodeId: node.id, stepId, exact });
}

function findJoin(graph: FlowGraph, parallel: FlowNode): FlowNode | null {
  const seen = new Set<string>([parallel.id]);
  let frontier = graph.edges.filter((e) => e.kind === "control" && e.source === parallel.id).map((e) => e.target);
  while (frontier.length) {
    const nextFrontier: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const node = graph.nodes.find((n) => n.id === id);
      if (node?.kind === "join") return node;
      nextFrontier.push(...graph.edges.filter((e) => e.kind === "control" && e.source === id).map((e) => e.target));
    }
    frontier = nextFrontier;
  }
  return null;
}

/** A span a node reported, under its node span (or under the failed attempt's span, `parentId`). */
function recordChildSpan(
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

function agentAudit(
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

async function settleFailure(
  tx: Tx,
  writer: WaveWriter,
  rt: Runtime,
  run: NodeRun,
  graph: FlowGraph,
  frameState: Record<string, unknown>,
  next: Cursor[],
): Promise<FrontierOutcome> {
  const { node, cursor } = run;
  const policy = node.policy ?? DEFAULT_NODE_POLICY;
  recordStep(writer, {
    ...stepOf(run),
    status: "failed",
    error: run.error,
  });
  const reason = `${node.label} (${node.kind}, ${node.id}) failed${run.attempts > 1 ? ` after ${run.attempts} attempts` : ""}: ${run.error}`;
  if (policy.onError === "fallback") {
    const target = followEdge(graph, node.id, ERROR_HANDLE);
    if (target) {
      frameState.lastError = { nodeId: node.id, error: run.error, code: run.errorCode ?? null };
      next.push({ nodeId: target.id, frame: cursor.frame, branch: cursor.branch });
      return {};
    }
  }
  if (policy.onError === "fail") {
    rt.outbox.push({ role: "system", author: null, text: FAILURE_FALLBACK_REPLY, nodeId: node.id, stepId: run.stepId });
    writer.audits.push(
      agentAudit(
        writer,
        node,
        "conversation.failed",
        "conversation",
        writer.event.conversationId,
        { status: "failed", nodeId: node.id, nodeKind: node.kind, error: run.error },
        { attempts: run.attempts },
      ),
    );
    return { status: "failed", waitingFor: null, failureReason: reason };
  }
  say(rt, node, HANDOVER_REPLY, run.stepId);
  await createEscalation(
    tx,
    writer,
    rt,
    {
      queue: "general",
      skills: [],
      priority: 1,
      slaMinutes: 15,
      reason: `Automation failed: ${node.label}`,
      message: "",
      trigger: "node_failed",
    },
    run,
    frameState,
    { error: run.error, attempts: run.attempts },
  );
  return { status: "escalated", waitingFor: "human", failureReason: undefined };
}

/** Creates an escalation with the full context a person needs, its SLA timer job, span and audit entry. */
async function createEscalation(
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
      pending: { messages: writer.messages, spans: writer.spans },
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
  rt.pending = null;
  return escalation.id;
}

/**
 * Sends the event's held replies. An approved text (a Response node, a policy disclosure) goes out only if it still
 * equals its template rendered with the same variables — after any output guardrail changed it — otherwise it is
 * withheld and the turn escalates. Every verification is a guardrail span and audit entry.
 */
async function releaseOutbox(
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
    writer.messages.push({ role: message.role, author: message.author, text: message.text });
  }
  rt.outbox = [];
  if (!failed) return { escalated: false };
  writer.messages.push({ role: "agent", author: null, text: HANDOVER_REPLY });
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

/** Writes the wave: steps, spans, messages, state and cursor; on the event's last wave also its result and NOTIFY. */
async function flush(
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
  if (writer.messages.length) {
    let seq = (await lastMessageSeq(tx, conversation.id)) + 1;
    const rows = writer.messages.map((message) => ({ conversationId: conversation.id, seq: seq++, ...message }));
    const created = await tx.message.createManyAndReturn({ data: rows, select: { id: true } });
    rt.messageIds.push(...created.map((row) => row.id));
  }
  if (writer.steps.length) await tx.step.createMany({ data: writer.steps });
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
  if (writer.spans.length) await tx.span.createMany({ data: writer.spans, skipDuplicates: true });
  const resumeNode = rt.resume?.nodeId ?? null;
  const finishedRuntime: Runtime = outcome.finished ? { ...rt, frontier: [], joins: ended ? {} : rt.joins } : rt;
  await tx.conversation.update({
    where: { id: conversation.id },
    data: {
      status: outcome.status,
      waitingFor: outcome.waitingFor,
      currentNodeId: resumeNode,
      state: json(outcome.rootState),
      runtime: json(finishedRuntime),
      failureReason: outcome.failureReason ?? undefined,
      endedAt: ended && !["resolved", "abandoned", "failed"].includes(conversation.status) ? new Date() : undefined,
      eventCount: outcome.finished ? { increment: 1 } : undefined,
    },
  });
  if (outcome.finished) {
    await tx.conversationEvent.update({
      where: { id: event.id },
      data: {
        status: "done",
        startedAt: event.startedAt ?? new Date(rt.startedAt ?? Date.now()),
        finishedAt: new Date(),
        result: json({
          status: outcome.status,
          waitingFor: outcome.waitingFor,
          messageIds: rt.messageIds,
          turn: conversation.eventCount + 1,
        }),
        payload: event.kind === "customer_message" ? json(redactPii(event.payload)) : undefined,
      },
    });
    await notifyLive(tx, { w: event.workspaceId, c: conversation.id, e: event.id, s: outcome.status });
  }
  // The audit chain's lock is taken last, so it is held only for the commit.
  for (const entry of writer.audits) await auditLog(entry, tx);
}

/** After the job's last attempt: the event and its conversation are marked failed with the reason, visibly. */
async function failEventForGood(eventId: string, reason: string, failConversation: boolean): Promise<void> {
  await db().$transaction(async (tx) => {
    const event = await loadEvent(tx, eventId);
    if (!event || event.status === "done" || event.status === "failed") return;
    const conversation = await lockConversation(tx, event.conversationId);
    if (!conversation) return;
    const ended =
      conversation.status === "resolved" || conversation.status === "abandoned" || conversation.status === "failed";
    await tx.conversationEvent.update({
      where: { id: eventId },
      data: { status: "failed", error: reason, finishedAt: new Date() },
    });
    if (failConversation && !ended) {
      const seq = (await lastMessageSeq(tx, conversation.id)) + 1;
      await tx.message.create({
        data: { conversationId: conversation.id, seq, role: "system", text: FAILURE_FALLBACK_REPLY },
      });
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status: "failed",
          waitingFor: null,
          failureReason: `Event ${event.kind} could not be processed: ${reason}`,
          endedAt: new Date(),
        },
      });
      await auditLog(
        {
          workspaceId: event.workspaceId,
          actor: { type: "system", label: "engine" },
          action: "conversation.failed",
          resourceType: "conversation",
          resourceId: conversation.id,
          after: { status: "failed", error: reason },
          metadata: { eventId },
        },
        tx,
      );
    }
    await notifyLive(tx, { w: event.workspaceId, c: conversation.id, e: event.id, s: "failed" });
  });
}
