// Executes one node of a wave under its policy: a timeout (never past its join's), retries with backoff, and a
// savepoint when it runs alone, so a failed attempt leaves no writes behind.
import "server-only";
import { sqlFor } from "@/lib/platform/db/client";
import type { Tx } from "@/lib/platform/db/client";
import { DEFAULT_NODE_POLICY, type FlowGraph, type FlowNode } from "@/lib/model/flow/schema";
import { executeNode, type ExecutionResult, type TurnContext } from "@/lib/runtime/engine/nodes/executors";
import {
  backoffDelay,
  errorText,
  isRetriable,
  NodeError,
  NodeTimeoutError,
} from "@/lib/runtime/engine/turn/node-error";
import type { Cursor, Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import type { ConversationStatus } from "./load-conversation";
import { cloneState } from "./state-merge";
import { json, recordChildSpan, type WaveWriter } from "./wave-writer";

export type NodeRun = {
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

export type FrontierOutcome = {
  status?: ConversationStatus;
  waitingFor?: string | null;
  failureReason?: string;
  execMs?: number;
};

/** The step fields a node run determines, whatever its outcome. */
export function stepOf(run: NodeRun) {
  const { stepId, seq, node, startedAt, durationMs, attempts, input } = run;
  return { stepId, seq, node, branch: run.cursor.branch, startedAt, durationMs, attempts, input };
}

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

export async function runNode(
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
    // Never released: the commit ends it, a later node's savepoint of the same name shadows it, and a release would
    // be one more round trip on every node of every turn.
    if (useSavepoint) await sqlFor(tx)`SAVEPOINT sb_node`;
    try {
      const result = await withTimeout(budget, (signal) => {
        const ctx: TurnContext = {
          tx,
          workspaceId: writer.event.workspaceId,
          conversationId: writer.event.conversationId,
          customerId: writer.conversation.identity.customerId,
          identity: writer.conversation.identity,
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
      if (useSavepoint) await sqlFor(tx)`ROLLBACK TO SAVEPOINT sb_node`;
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
