// The start node hears every customer message first. It checks the flow's interruptions (a person asked for
// mid-question, start over, …), then, mid-task, whether the customer switched to another request; only then does the
// node that was waiting for the message get it. Each check is a routing decision in the trace and the audit trail.
import "server-only";
import { evaluateCondition } from "@/lib/model/flow/expressions";
import { mainRouter } from "@/lib/model/flow/interruptions";
import type { NodeOf } from "@/lib/model/flow/schema";
import type { Cursor } from "@/lib/runtime/engine/turn/conversation-runtime";
import type { ChildSpan, ExecutionResult } from "@/lib/runtime/engine/turn/execution-result";
import { nonRetriable } from "@/lib/runtime/engine/turn/node-error";
import { scope, type TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import { loadIntentModel } from "./intent-model-cache";
import { correctedTask, isPlainAnswer } from "./plain-answer";
import { screenMidTask } from "./screen-mid-task";
import { classifyInterruption, decideChangeOfRequest, type InterruptionDecision } from "./interruption-decision";

/** What start-event asks the start node to do with the message it carries. */
export type InterruptionCheck = {
  check: true;
  /** The node that was waiting for this message (mid-task), or null when the message enters from the top. */
  then: Cursor | null;
  /** Set while the run waits on an approval: no node may take the message, but interruptions still apply. */
  waiting: "approval" | null;
};

export function isInterruptionCheck(resume: Record<string, unknown> | undefined): resume is InterruptionCheck {
  return resume?.check === true;
}

export async function checkInterruptions(
  node: NodeOf<"start">,
  ctx: TurnContext,
  request: InterruptionCheck,
): Promise<ExecutionResult> {
  const config = node.config.interruptions;
  const spans: ChildSpan[] = [];
  let decision: InterruptionDecision | null = null;
  if (config.routes.length > 0) {
    const started = performance.now();
    decision = await interruptionDecision(node, ctx);
    spans.push({
      kind: "route",
      name: `${node.label}: interruptions`,
      input: { text: ctx.text },
      output: decision,
      durationMs: performance.now() - started,
    });
    if (decision.chosen) {
      const route = config.routes.find((r) => r.id === decision!.chosen);
      ctx.state.interruption = { id: decision.chosen, label: route?.label ?? decision.chosen };
      const returnTo = route?.returnAfter && request.then ? { ...request.then, resume: { reprompt: true } } : undefined;
      const withdrawn =
        route?.withdrawsWaiting && request.waiting === "approval" ? await withdrawApprovals(ctx, route.label) : [];
      return {
        output: {
          decision,
          interrupted: request.then?.nodeId ?? null,
          returning: Boolean(returnTo),
          ...(withdrawn.length ? { withdrawnApprovals: withdrawn } : {}),
        },
        next: decision.chosen,
        returnTo,
        spans,
      };
    }
  }
  if (request.waiting === "approval") {
    // Nothing may act while the approval is open; the customer still hears what the run is waiting for.
    return { output: { decision, waiting: "approval" }, replies: [config.waitingReply], spans };
  }
  const then = request.then;
  if (then) {
    const screened = await screenMidTask(node, ctx, then, spans);
    if (screened) return { ...screened, output: { decision, ...screened.output } };
  }
  // A plain answer to the waiting question goes to the node that asked, whatever the router would make of it.
  const answering = Boolean(then) && isPlainAnswer(ctx.graph, ctx.state, then!.nodeId, ctx.text);
  if (then && then.frame === 0 && config.switchIntents && !answering) {
    const switched = await intentSwitch(ctx, then, config.switchThreshold, config.neverSwitchTo);
    if (switched) {
      spans.push(switched.span);
      if (switched.to) {
        const left = ctx.graph.nodes.find((n) => n.id === then.nodeId);
        const afterSwitch =
          config.returnAfterSwitch && left?.kind === "agent" ? { ...then, resume: { returning: true } } : undefined;
        return {
          output: { decision, switched: switched.summary, returning: Boolean(afterSwitch) },
          continueAt: switched.to,
          afterSwitch,
          spans,
        };
      }
    }
  }
  if (then) return { output: { decision, ...(answering ? { answering } : {}) }, continueAt: then, spans };
  const corrected = correctedTask(ctx.graph, ctx.state, ctx.text);
  if (corrected) {
    // Through the input guardrails like any message from the top, then back to the task with the new value.
    const to = { nodeId: corrected, frame: 0, branch: null };
    const screened = await screenMidTask(node, ctx, to, spans);
    if (screened) return { ...screened, returnTo: undefined, output: { decision, ...screened.output } };
    return { output: { decision, correcting: corrected }, continueAt: to, spans };
  }
  return { output: { decision }, next: "out", spans };
}

/** Closes the conversation's open approvals as the customer's withdrawal; the run loop forgets the wait and audits. */
async function withdrawApprovals(ctx: TurnContext, because: string): Promise<string[]> {
  const open = await ctx.tx.approval.findMany({
    where: { conversationId: ctx.conversationId, status: "pending" },
    select: { id: true },
  });
  if (open.length === 0) return [];
  await ctx.tx.approval.updateMany({
    where: { id: { in: open.map((a) => a.id) }, status: "pending" },
    data: { status: "rejected", decidedAt: new Date(), note: `Withdrawn by the customer (${because.toLowerCase()})` },
  });
  return open.map((a) => a.id);
}

async function interruptionDecision(node: NodeOf<"start">, ctx: TurnContext): Promise<InterruptionDecision> {
  const config = node.config.interruptions;
  if (config.strategy === "rules") {
    const route = config.routes.find((r) => r.rule && evaluateCondition(r.rule, scope(ctx)));
    return { strategy: "rules", matchedRule: route?.rule ?? null, chosen: route?.id ?? null };
  }
  const model = await loadIntentModel(ctx.tx, ctx.flowVersionId, node.id);
  if (!model) throw nonRetriable(`The start node has no trained interruption model in version ${ctx.flowVersionId}`);
  return classifyInterruption(model, ctx.text, config.threshold);
}

/**
 * Mid-task, the flow's first router hears the message too: when it is confident the customer now wants something
 * else ("actually, cancel order A1003"), the run leaves the waiting node for that route. What the conversation knows
 * (slots, order number) stays in the state for the next agent.
 */
async function intentSwitch(ctx: TurnContext, then: Cursor, threshold: number, never: string[]) {
  const router = mainRouter(ctx.graph);
  if (!router || router.id === then.nodeId) return null;
  const model = await loadIntentModel(ctx.tx, ctx.flowVersionId, router.id);
  if (!model) return null;
  const started = performance.now();
  const current = (ctx.state.intent as { id?: string } | undefined)?.id ?? null;
  const decision = await decideChangeOfRequest(model, router, ctx.graph, {
    text: ctx.text,
    current,
    waitingNodeId: then.nodeId,
    threshold,
    never,
  });
  const span: ChildSpan = {
    kind: "route",
    name: `${router.label}: change of request`,
    input: { text: ctx.text },
    output: decision.output,
    durationMs: performance.now() - started,
  };
  if (!decision.to) return { span, to: null, summary: null };
  const { intent, label, confidence, nodeId } = decision.to;
  ctx.state.intent = { id: intent, label, confidence };
  const to: Cursor = { nodeId, frame: 0, branch: null };
  return { span, to, summary: { from: current, to: intent, leftNode: then.nodeId } };
}
