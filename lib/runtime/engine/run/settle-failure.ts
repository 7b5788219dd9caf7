// What a node's failure leads to once its retries are spent, per its policy: the error path, a failed conversation,
// or (by default) a person.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { DEFAULT_NODE_POLICY, ERROR_HANDLE, type FlowGraph } from "@/lib/model/flow/schema";
import type { Cursor, Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { FAILURE_FALLBACK_REPLY, HANDOVER_REPLY, say } from "./customer-outbox";
import { createEscalation } from "./escalate";
import { followEdge } from "./load-graph";
import { stepOf, type FrontierOutcome, type NodeRun } from "./run-node";
import { agentAudit, recordStep, type WaveWriter } from "./wave-writer";

export async function settleFailure(
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
