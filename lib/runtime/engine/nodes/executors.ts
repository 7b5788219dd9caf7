// What each node kind does when it runs. Keyed by the registry's kinds, so a new kind without an executor does
// not compile. Control-flow kinds (parallel, join, sub-flow) return directives the run loop carries out; kinds the
// engine cannot run yet fail with the reason validation already showed the designer.
import "server-only";
import { runVerifyCustomer } from "./run-verify-customer";
import { unsupportedReason } from "@/lib/model/flow/engine-support";
import { evaluateCondition } from "@/lib/model/flow/expressions";
import { LOW_CONFIDENCE_HANDLE, type FlowNode, type NodeKind, type NodeOf } from "@/lib/model/flow/schema";
import { renderTemplate } from "@/lib/model/flow/template";
import { classifyRouterText, routerModeOf } from "@/lib/runtime/routing/router-model";
import { loadIntentModel } from "@/lib/runtime/engine/nodes/intent-model-cache";
import { nonRetriable } from "@/lib/runtime/engine/turn/node-error";
import { rememberFact } from "@/lib/runtime/memory/customer-memory";
import { checkInterruptions, isInterruptionCheck } from "./check-interruptions";
import { runGuardrailNode } from "./run-guardrail";
import { getPath, setPath } from "@/lib/runtime/engine/turn/state-path";
import { runLlmAgent } from "./run-llm-agent";
import { askOrHandOver, fillSlots, returnQuestion } from "./run-slot-agent";
import { runLlmRouter } from "./run-llm-router";
import { invokeTool, linkedBuiltin, type ToolInvocation } from "./invoke-tool";
import { toolName } from "@/lib/model/flow/flow-names";
import { scope, type TurnContext } from "@/lib/runtime/engine/turn/turn-context";

export type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";

import type { ChildSpan, ExecutionResult } from "@/lib/runtime/engine/turn/execution-result";
export type {
  ApprovalRequest,
  ChildSpan,
  EscalationRequest,
  ExecutionResult,
} from "@/lib/runtime/engine/turn/execution-result";

const RATE_LIMITED_REPLY =
  "I can't do that again in this conversation. If you need more, just ask for a person and our team will help.";

type Executor<K extends NodeKind> = (node: NodeOf<K>, ctx: TurnContext) => Promise<ExecutionResult>;

async function notExecutable(node: FlowNode, _ctx?: TurnContext): Promise<never> {
  throw nonRetriable(unsupportedReason(node) ?? `${node.kind} is not executable`, "NOT_EXECUTABLE");
}

/** What templates and expressions can see: the state, the message, and the latest intent. */

/**
 * A tool call as a node sees it: either the tool's result (with its span) to carry on with, or what the node returns
 * instead — a refusal the customer reads, a question, or a wait for approval.
 */
async function callTool(
  ctx: TurnContext,
  invocation: ToolInvocation,
): Promise<ExecutionResult | { result: Record<string, unknown>; span: ChildSpan }> {
  const outcome = await invokeTool(ctx, invocation);
  const tool = toolName(invocation.tool);
  switch (outcome.kind) {
    case "result":
      return { result: outcome.result, span: outcome.span };
    case "refused":
      return {
        output: { tool, refused: outcome.reason, code: outcome.code },
        // A limit's wording names the tool and its settings: the trace keeps it, the customer hears it plainly.
        replies: [outcome.code === "rate_limited" ? RATE_LIMITED_REPLY : outcome.reason],
        next: "out",
        spans: [outcome.span],
      };
    case "ask": {
      const asked = askOrHandOver(ctx, {
        nodeId: invocation.agent?.id ?? invocation.tool.id,
        what: outcome.missing,
        question: outcome.prompt,
        limit: invocation.agent?.kind === "agent" ? invocation.agent.config.reaskLimit : 2,
        missed: ctx.resume?.reprompt !== true && ctx.resume?.returning !== true,
      });
      return { ...asked, output: { tool, missing: outcome.missing, ...asked.output }, spans: [outcome.span] };
    }
    case "approval":
      return {
        output: {
          tool,
          awaitingApproval: true,
          amount: outcome.approval.amount,
          threshold: outcome.approval.threshold,
        },
        stop: "await_approval",
        approval: outcome.approval,
      };
  }
}

export const EXECUTORS: { [K in NodeKind]: Executor<K> } = {
  verify_customer: runVerifyCustomer,

  async start(node, ctx) {
    // A customer message is checked for interruptions before anything else sees it (see check-interruptions.ts).
    if (isInterruptionCheck(ctx.resume)) return checkInterruptions(node, ctx, ctx.resume);
    return { output: {}, next: "out" };
  },

  async router(node, ctx) {
    if (node.config.strategy === "rules") {
      const route = node.config.routes.find((r) => r.rule && evaluateCondition(r.rule, scope(ctx)));
      const chosen = route?.id ?? LOW_CONFIDENCE_HANDLE;
      ctx.state.intent = { id: chosen, label: route?.label ?? "no rule matched", confidence: route ? 1 : 0 };
      const decision = { strategy: "rules", chosen, matchedRule: route?.rule ?? null };
      return { output: { decision }, next: chosen, spans: [{ kind: "route", name: node.label, output: decision }] };
    }
    if (node.config.strategy === "llm") return runLlmRouter(node, ctx);
    const model = await loadIntentModel(ctx.tx, ctx.flowVersionId, node.id);
    if (!model) throw nonRetriable(`Router ${node.id} has no trained model in version ${ctx.flowVersionId}`);
    const started = performance.now();
    const prediction = await classifyRouterText(model, ctx.text);
    const confident = prediction.confidence >= node.config.threshold;
    const chosen = confident ? prediction.intent : LOW_CONFIDENCE_HANDLE;
    const route = node.config.routes.find((r) => r.id === chosen);
    ctx.state.intent = { id: chosen, label: route?.label ?? "unclear request", confidence: prediction.confidence };
    const decision = {
      strategy: node.config.strategy,
      mode: routerModeOf(model),
      candidates: prediction.candidates,
      predicted: prediction.intent,
      confidence: prediction.confidence,
      threshold: node.config.threshold,
      chosen,
      lowConfidence: !confident,
      flowVersionId: ctx.flowVersionId,
    };
    return {
      output: { decision },
      next: chosen,
      spans: [
        {
          kind: "route",
          name: node.label,
          input: { text: ctx.text },
          output: decision,
          durationMs: performance.now() - started,
        },
      ],
    };
  },

  async agent(node, ctx) {
    if (unsupportedReason(node)) return notExecutable(node, ctx);
    if (node.config.mode === "llm") {
      // Back from another request: the conversation has moved on, so ask rather than answer the old message again.
      return ctx.resume?.returning === true ? returnQuestion(ctx) : runLlmAgent(node, ctx);
    }
    const filled = fillSlots(node, ctx);
    if (!filled.done) return filled.result;
    // Back from another request with everything known: ask before acting again.
    if (ctx.resume?.returning === true) return returnQuestion(ctx);
    const { known, extracted } = filled;
    const output: Record<string, unknown> = { handoff: { known, extracted, askedFor: null } };
    const spans: ChildSpan[] = [];
    if (node.config.tool) {
      const linked = linkedBuiltin(ctx, node, node.config.tool);
      if (!linked)
        throw nonRetriable(`${node.label} has no permission link to a ${node.config.tool} tool`, "NOT_PERMITTED");
      const called = await callTool(ctx, { agent: node, tool: linked.tool, input: {} });
      if (!("result" in called)) return { ...called, output: { ...output, ...called.output } };
      output.result = called.result;
      spans.push(called.span);
    }
    const { text, missing } = renderTemplate(node.config.reply, scope(ctx));
    if (missing.length)
      throw nonRetriable(`Reply template of ${node.id} uses unknown variables: ${missing.join(", ")}`);
    return { output: { ...output, reply: text }, replies: text ? [text] : [], next: "out", spans };
  },

  async tool(node, ctx) {
    if (unsupportedReason(node)) return notExecutable(node, ctx);
    // On the flow's own path no model chooses arguments: an HTTP or MCP tool gets the slots filled so far.
    const input = node.config.source === "builtin" ? {} : { ...((ctx.state.slots ?? {}) as Record<string, unknown>) };
    const called = await callTool(ctx, { agent: null, tool: node, input });
    if (!("result" in called)) return called;
    setPath(ctx.state, `tools.${node.id}`, called.result);
    return { output: { tool: toolName(node), result: called.result }, next: "out", spans: [called.span] };
  },

  async remote_agent(node, ctx) {
    if (unsupportedReason(node)) return notExecutable(node, ctx);
    // On the flow's own path the remote agent hears what the customer said (through the node's message template).
    const called = await callTool(ctx, { agent: null, tool: node, input: { message: ctx.text } });
    if (!("result" in called)) return called;
    const answer = typeof called.result.answer === "string" ? called.result.answer.trim() : "";
    const output = { tool: node.id, result: called.result };
    if (!node.config.replyToCustomer) return { output, next: "out", spans: [called.span] };
    // A question from the remote agent waits for the customer; their answer comes back here and continues its task.
    if (called.result.needsInput === true)
      return { output, replies: answer ? [answer] : [], stop: "await_customer", spans: [called.span] };
    return { output, replies: answer ? [answer] : [], next: "out", spans: [called.span] };
  },

  async response(node, ctx) {
    const { text, missing } = renderTemplate(node.config.template, scope(ctx));
    // Exact wording: a template that cannot be filled completely is never sent half-filled.
    if (missing.length) throw nonRetriable(`Response ${node.id} cannot fill ${missing.join(", ")}`);
    return {
      output: { reply: text, exact: true },
      replies: [text],
      exact: { template: node.config.template, variables: JSON.parse(JSON.stringify(scope(ctx))) },
      next: "out",
    };
  },

  async condition(node, ctx) {
    const data = scope(ctx);
    const branch = node.config.branches.find((b) => evaluateCondition(b.expression, data));
    return { output: { branch: branch?.id ?? "else" }, next: branch?.id ?? "else" };
  },

  async set_memory(node, ctx) {
    const written: Record<string, string> = {};
    const remembered: string[] = [];
    for (const assignment of node.config.assignments) {
      const { text } = renderTemplate(assignment.value, scope(ctx));
      if (assignment.scope === "customer") {
        // Long-term: stored per customer (redacted, with the workspace's retention); without a known customer it
        // lives in this conversation only, and the step says so.
        const facts = (((ctx.state.memory ??= {}) as Record<string, unknown>).customer ??= {
          facts: {},
          summaries: [],
        });
        if (ctx.customerId) {
          const stored = await rememberFact(ctx.tx, {
            workspaceId: ctx.workspaceId,
            customerId: ctx.customerId,
            key: assignment.key,
            value: text,
            conversationId: ctx.conversationId,
            stepId: ctx.stepId,
          });
          ((facts as { facts: Record<string, string> }).facts ??= {})[assignment.key] = stored.value;
          remembered.push(assignment.key);
        } else {
          ((facts as { facts: Record<string, string> }).facts ??= {})[assignment.key] = text;
        }
        written[`customer.${assignment.key}`] = text;
        continue;
      }
      setPath(ctx.state, assignment.key, text);
      written[assignment.key] = text;
    }
    return { output: { written, remembered, customerKnown: Boolean(ctx.customerId) }, next: "out" };
  },

  async escalate(node) {
    return {
      output: { queue: node.config.queue, reason: node.config.reason },
      stop: "escalated",
      escalation: { ...node.config, trigger: "escalate_node" },
    };
  },

  async end(node) {
    return { output: { outcome: node.config.outcome }, stop: "ended", endOutcome: node.config.outcome };
  },

  async parallel(node) {
    return {
      output: { branches: node.config.branches.map((b) => b.id) },
      fanOut: node.config.branches.map((b) => b.id),
    };
  },

  async approval(node, ctx) {
    if (ctx.resume && typeof ctx.resume.approved === "boolean") {
      return {
        output: { approved: ctx.resume.approved, note: ctx.resume.note ?? "" },
        next: ctx.resume.approved ? "approved" : "rejected",
      };
    }
    const amount = Number(getPath(ctx.state, node.config.field) ?? NaN);
    if (!Number.isFinite(amount) || amount <= node.config.threshold) {
      return {
        output: {
          approved: true,
          automatic: true,
          amount: Number.isFinite(amount) ? amount : null,
          threshold: node.config.threshold,
        },
        next: "approved",
      };
    }
    return {
      output: { awaitingApproval: true, amount, threshold: node.config.threshold },
      stop: "await_approval",
      approval: {
        tool: node.config.toolNodeId ?? node.id,
        input: { [node.config.field]: amount, orderNumber: ctx.state.orderNumber ?? null },
        field: node.config.field,
        amount,
        threshold: node.config.threshold,
        approverRole: node.config.approverRole,
        reason: `${node.config.field} ${amount} is above ${node.config.threshold}`,
        message: node.config.message,
      },
    };
  },

  async subflow(node) {
    return {
      output: { flow: node.config.flowSlug, passed: node.config.pass },
      call: { flowSlug: node.config.flowSlug, pass: node.config.pass },
    };
  },

  // The run loop handles joins itself (it needs every branch's arrival); reaching this means a misuse.
  async join(node) {
    throw nonRetriable(`Join ${node.id} reached outside a parallel fan-out`);
  },

  guardrail: runGuardrailNode,
};

export function executeNode(node: FlowNode, ctx: TurnContext): Promise<ExecutionResult> {
  return (EXECUTORS[node.kind] as Executor<NodeKind>)(node as never, ctx);
}
