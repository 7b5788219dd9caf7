// One wave: every cursor of the frontier at once (a single node, or all branches of a fan-out), with the join
// bookkeeping that decides which branches go on.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { FlowGraph, FlowNode } from "@/lib/model/flow/schema";
import type { ConversationIdentity } from "@/lib/model/identity";
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import { nonRetriable } from "@/lib/runtime/engine/turn/node-error";
import type { Cursor, Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { graphOf } from "./load-conversation";
import { followEdge } from "./load-graph";
import { runNode, type FrontierOutcome } from "./run-node";
import { settleNode } from "./settle-node";
import { mergeChanges } from "./state-merge";
import { json, recordStep, type WaveWriter } from "./wave-writer";

/**
 * Node kinds that only read (a trained model, the graph) and so have nothing to roll back when an attempt fails: their
 * attempts need no savepoint, two round trips each on every turn.
 */
const READ_ONLY_KINDS: ReadonlySet<FlowNode["kind"]> = new Set([
  "start",
  "router",
  "guardrail",
  "response",
  "condition",
]);
/**
 * A Verify customer node for a customer already verified only passes them through (run-verify-customer.ts), which
 * is most turns of a flow that verifies first. A built-in tool without side effects (an order lookup, on most turns of
 * a retail flow), called by a tool node or a deterministic agent, reads in one statement whose only write, the
 * agent's call log, is keyed by the call: a retried attempt writes nothing more. A statement of theirs that fails
 * still aborts the transaction, and the turn then goes to a worker (run-where-accepted.ts) or its job is retried, as
 * for any failed write of a wave.
 */
const writesRows = (node: FlowNode, identity: ConversationIdentity) => {
  if (node.kind === "verify_customer") return !(identity.level === "verified" && identity.customerId);
  if (node.kind === "tool" && node.config.source === "builtin" && node.config.builtin)
    return BUILTIN_TOOLS[node.config.builtin].sideEffect;
  if (node.kind === "agent" && node.config.mode === "deterministic")
    return node.config.tool ? BUILTIN_TOOLS[node.config.tool].sideEffect : false;
  return !READ_ONLY_KINDS.has(node.kind) || (node.kind === "router" && node.config.strategy === "llm");
};

export const MAX_STEPS_PER_EVENT = 200;

export async function runFrontier(
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
    work.map((item) =>
      runNode(
        tx,
        writer,
        rt,
        item,
        stateOf(item.cursor.frame),
        text,
        useSavepoints && writesRows(item.node, writer.conversation.identity),
      ),
    ),
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
