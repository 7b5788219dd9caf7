// Turns a finished node run into the conversation's next state: its step, spans and audit entries, then where the
// run goes (next nodes, a fan-out, a sub-flow, a wait, an escalation or the end).
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { DEFAULT_NODE_POLICY, LOW_CONFIDENCE_HANDLE, type FlowGraph, type FlowNode } from "@/lib/model/flow/schema";
import type { GuardrailOutcome } from "@/lib/model/guardrails/guardrail-decision";
import { nonRetriable } from "@/lib/runtime/engine/turn/node-error";
import type { Cursor, Runtime } from "@/lib/runtime/engine/turn/conversation-runtime";
import { emitConversationEvent } from "@/lib/runtime/webhooks/emit-events";
import { GUARDRAIL_AUDIT_ACTION, say } from "./customer-outbox";
import { createEscalation } from "./escalate";
import { graphOf } from "./load-conversation";
import { followEdge, loadVersionGraph, startNode } from "./load-graph";
import { stepOf, type FrontierOutcome, type NodeRun } from "./run-node";
import { settleFailure } from "./settle-failure";
import { diffState } from "./state-merge";
import { agentAudit, json, recordChildSpan, recordStep, type WaveWriter } from "./wave-writer";

const LOW_CONFIDENCE_REPLY =
  "I want to make sure you get the right answer, so I'm passing you to a colleague. You'll get a reply here.";

/** Records a node's step and applies what it asked for: next nodes, replies, suspension, escalation, the end. */
export async function settleNode(
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
  for (const reply of result.replies ?? []) say(rt, node, reply, run.stepId, result.exact, result.offline);
  if (result.returnTo) rt.returnTo = result.returnTo;
  // Waiting, a person, or the end: there is no longer a question to go back to.
  if (result.stop) rt.returnTo = null;
  // A new request's own questions keep the task it interrupted; a person, the end, a newer switch or an interruption
  // that does not come back (start over, goodbye) replace or drop it.
  const withdrawn = node.kind === "start" ? (result.output.withdrawnApprovals as string[] | undefined) : undefined;
  if (withdrawn?.length) {
    rt.pending = null;
    for (const approvalId of withdrawn)
      writer.audits.push({
        workspaceId: writer.event.workspaceId,
        actor: { type: "customer", id: writer.conversation.customerId, label: writer.event.actorLabel || "customer" },
        action: "approval.withdrawn",
        resourceType: "tool_call",
        resourceId: approvalId,
        before: { status: "pending" },
        after: { status: "rejected", withdrawnBy: "customer" },
        metadata: { eventId: writer.event.id, conversationId: writer.event.conversationId },
      });
  }
  if (result.afterSwitch) rt.afterSwitch = result.afterSwitch;
  else if (result.stop === "escalated" || result.stop === "ended") rt.afterSwitch = null;
  else if (node.kind === "start" && result.next && result.next !== "out" && !result.returnTo) rt.afterSwitch = null;
  // A router's choice is a routing decision in the audit trail; so is a start-node check that changed the path (an
  // interruption, a change of request). Every check, taken or not, is in the trace with its candidates and scores.
  const interruption = result.output.decision as { chosen?: string | null } | null | undefined;
  const checked = node.kind === "start" && Boolean(interruption?.chosen || result.output.switched);
  if (node.kind === "router" || checked) {
    writer.audits.push(
      agentAudit(
        writer,
        node,
        "routing.decided",
        "routing_decision",
        writer.event.conversationId,
        checked
          ? { interruptions: result.output.decision ?? null, switched: result.output.switched ?? null }
          : result.output.decision,
        { nodeId: node.id, flowVersionId: rt.frames[cursor.frame].versionId, ...(checked ? { check: "message" } : {}) },
      ),
    );
  }
  for (const audit of result.audits ?? []) {
    writer.audits.push(
      agentAudit(writer, node, audit.action, "conversation", writer.event.conversationId, audit.after, {
        nodeId: node.id,
        stepId: run.stepId,
      }),
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
            ? { tool: span.name, error: writer.redact(span.error) }
            : { tool: span.name, result: writer.redact(span.output) },
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
    // The customer leaving ("bye") does not drop a request that waits for approval: the conversation stays open
    // until it is decided, and the outcome is written here for when they come back.
    if (rt.pending) return { waitingFor: "approval" };
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
  if (result.continueAt) {
    next.push(result.continueAt);
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
  // Nothing follows: the flow has said its piece. After small talk the interrupted node asks its question again, after
  // a change of request the task it left takes up again (when the flow says so); otherwise the next message enters
  // from the top.
  if (!cursor.branch && cursor.frame === 0) {
    if (rt.returnTo) {
      next.push(rt.returnTo);
      rt.returnTo = null;
      return {};
    }
    if (rt.afterSwitch) {
      next.push(rt.afterSwitch);
      rt.afterSwitch = null;
      return {};
    }
    rt.resume = null;
  }
  return {};
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
