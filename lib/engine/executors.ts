// What each node kind does when it runs. Keyed by the registry's kinds, so a new kind without an executor does
// not compile. Control-flow kinds (parallel, join, sub-flow) return directives the run loop carries out; kinds the
// engine cannot run yet fail with the reason validation already showed the designer.
import "server-only";
import { unsupportedReason } from "@/lib/flow/engine-support";
import { evaluateCondition } from "@/lib/flow/expressions";
import { LOW_CONFIDENCE_HANDLE, type FlowNode, type NodeKind, type NodeOf } from "@/lib/flow/schema";
import { renderTemplate } from "@/lib/flow/template";
import { classifyIntent } from "@/lib/routing/intent-classifier";
import { extractSlot } from "@/lib/tools/extract-slot";
import { loadIntentModel } from "./intent-model-cache";
import { nonRetriable } from "./node-error";
import { runBuiltinTool, type BuiltinCall } from "./run-builtin-tool";
import type { TurnContext } from "./turn-context";

export type { TurnContext } from "./turn-context";

/** Extra spans a node reports beside its own node span: routing decisions, tool calls, guardrails. */
export type ChildSpan = {
  kind: "route" | "tool" | "llm" | "guardrail" | "escalation";
  name: string;
  status?: "ok" | "error";
  input?: unknown;
  output?: unknown;
  error?: string;
  durationMs?: number;
  attributes?: Record<string, unknown>;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
};

export type EscalationRequest = {
  queue: string;
  skills: string[];
  priority: number;
  slaMinutes: number;
  reason: string;
  message: string;
  trigger: string;
};

export type ApprovalRequest = {
  tool: string;
  input: Record<string, unknown>;
  field: string;
  amount: number | null;
  threshold: number;
  approverRole: "admin" | "designer" | "operator" | "auditor";
  reason: string;
  message: string;
};

export type ExecutionResult = {
  output: Record<string, unknown>;
  /** The output handle to follow; absent when this path stops here. */
  next?: string;
  replies?: string[];
  stop?: "await_customer" | "escalated" | "ended" | "await_approval";
  endOutcome?: "resolved" | "abandoned" | "transferred";
  escalation?: EscalationRequest;
  approval?: ApprovalRequest;
  /** Parallel: the branch handles to run at once. */
  fanOut?: string[];
  /** Sub-flow: call this flow's published version with only these state keys. */
  call?: { flowSlug: string; pass: string[] };
  spans?: ChildSpan[];
};

type Executor<K extends NodeKind> = (node: NodeOf<K>, ctx: TurnContext) => Promise<ExecutionResult>;

async function notExecutable(node: FlowNode, _ctx?: TurnContext): Promise<never> {
  throw nonRetriable(unsupportedReason(node) ?? `${node.kind} is not executable`, "NOT_EXECUTABLE");
}

/** What templates and expressions can see: the state, the message, and the latest intent. */
export const scope = (ctx: TurnContext) => ({
  state: ctx.state,
  text: ctx.text,
  intent: (ctx.state.intent as { id?: string } | undefined)?.id ?? null,
  order: ctx.state.order,
});

export function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let cursor = target;
  for (const part of parts.slice(0, -1)) {
    const next = cursor[part];
    cursor = (cursor[part] = next && typeof next === "object" && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  cursor[parts[parts.length - 1]] = value;
}

export function getPath(source: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), source);
}

/** Runs a built-in tool for a node, asking for a person's approval first when a permission link requires it. */
async function callTool(node: FlowNode, call: BuiltinCall, ctx: TurnContext): Promise<ExecutionResult | { result: Record<string, unknown>; span: ChildSpan }> {
  const link = ctx.permissionLinks.find((edge) => edge.permission?.approvalAbove != null);
  const permission = link?.permission;
  if (permission && permission.approvalAbove != null && ctx.resume?.approved !== true) {
    const amount = Number(getPath(ctx.state, permission.approvalField) ?? NaN);
    if (Number.isFinite(amount) && amount > permission.approvalAbove) {
      return {
        output: { tool: call.tool, awaitingApproval: true, amount, threshold: permission.approvalAbove },
        stop: "await_approval",
        approval: {
          tool: call.tool,
          input: { ...call.input },
          field: permission.approvalField,
          amount,
          threshold: permission.approvalAbove,
          approverRole: permission.approverRole,
          reason: `${call.tool} with ${permission.approvalField} ${amount} is above ${permission.approvalAbove}`,
          message: "That needs a quick check by our team before I can go ahead. I'll update you here as soon as it's approved.",
        },
      };
    }
  }
  if (ctx.resume?.approved === false) {
    return { output: { tool: call.tool, approved: false }, next: "out", replies: [`Our team reviewed the request and could not approve it${ctx.resume.note ? `: ${String(ctx.resume.note)}` : "."}`] };
  }
  const started = performance.now();
  const outcome = await runBuiltinTool(ctx, call);
  const span: ChildSpan = { kind: "tool", name: call.tool, input: call.input, output: outcome.result, durationMs: performance.now() - started, attributes: { idempotencyKey: `${ctx.stepId}:${call.tool}`, replayed: outcome.replayed } };
  if (outcome.refusal) return { output: { tool: call.tool, refused: outcome.refusal }, replies: [outcome.refusal], next: "out", spans: [{ ...span, status: "error", error: outcome.refusal }] };
  if (outcome.ask) return { output: { tool: call.tool, missing: outcome.ask.missing }, replies: [outcome.ask.prompt], stop: "await_customer", spans: [span] };
  return { result: outcome.result ?? {}, span };
}

export const EXECUTORS: { [K in NodeKind]: Executor<K> } = {
  async start() {
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
    if (node.config.strategy !== "classifier") return notExecutable(node, ctx);
    const model = await loadIntentModel(ctx.tx, ctx.flowVersionId, node.id);
    if (!model) throw nonRetriable(`Router ${node.id} has no trained model in version ${ctx.flowVersionId}`);
    const started = performance.now();
    const prediction = classifyIntent(model, ctx.text);
    const confident = prediction.confidence >= node.config.threshold;
    const chosen = confident ? prediction.intent : LOW_CONFIDENCE_HANDLE;
    const route = node.config.routes.find((r) => r.id === chosen);
    ctx.state.intent = { id: chosen, label: route?.label ?? "unclear request", confidence: prediction.confidence };
    const decision = {
      strategy: node.config.strategy,
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
      spans: [{ kind: "route", name: node.label, input: { text: ctx.text }, output: decision, durationMs: performance.now() - started }],
    };
  },

  async agent(node, ctx) {
    if (unsupportedReason(node)) return notExecutable(node, ctx);
    // Handoff: whatever an earlier agent already learned is in the state; only missing slots are asked for.
    const slots = (ctx.state.slots ??= {}) as Record<string, unknown>;
    const known: string[] = [];
    const extracted: string[] = [];
    for (const slot of node.config.slots) {
      if (slots[slot.name] != null) {
        known.push(slot.name);
        continue;
      }
      const value = extractSlot(slot.kind, ctx.text);
      if (value != null) {
        slots[slot.name] = value;
        extracted.push(slot.name);
        if (slot.kind === "order_number") ctx.state.orderNumber = value;
        if (slot.kind === "amount") ctx.state.amount = value;
        continue;
      }
      if (slot.required) {
        return {
          output: { handoff: { known, extracted, askedFor: slot.name } },
          replies: [slot.prompt || `Could you tell me the ${slot.name.replace(/_/g, " ")}?`],
          stop: "await_customer",
        };
      }
    }
    const output: Record<string, unknown> = { handoff: { known, extracted, askedFor: null } };
    const spans: ChildSpan[] = [];
    if (node.config.tool) {
      const called = await callTool(node, { tool: node.config.tool, input: {} }, ctx);
      if (!("result" in called)) return { ...called, output: { ...output, ...called.output } };
      output.result = called.result;
      spans.push(called.span);
    }
    const { text, missing } = renderTemplate(node.config.reply, scope(ctx));
    if (missing.length) throw nonRetriable(`Reply template of ${node.id} uses unknown variables: ${missing.join(", ")}`);
    return { output: { ...output, reply: text }, replies: text ? [text] : [], next: "out", spans };
  },

  async tool(node, ctx) {
    if (unsupportedReason(node) || !node.config.builtin) return notExecutable(node, ctx);
    const called = await callTool(node, { tool: node.config.builtin, input: {} }, ctx);
    if (!("result" in called)) return called;
    setPath(ctx.state, `tools.${node.id}`, called.result);
    return { output: { tool: node.config.builtin, result: called.result }, next: "out", spans: [called.span] };
  },

  async response(node, ctx) {
    const { text, missing } = renderTemplate(node.config.template, scope(ctx));
    // Exact wording: a template that cannot be filled completely is never sent half-filled.
    if (missing.length) throw nonRetriable(`Response ${node.id} cannot fill ${missing.join(", ")}`);
    return { output: { reply: text, exact: true }, replies: [text], next: "out" };
  },

  async condition(node, ctx) {
    const data = scope(ctx);
    const branch = node.config.branches.find((b) => evaluateCondition(b.expression, data));
    return { output: { branch: branch?.id ?? "else" }, next: branch?.id ?? "else" };
  },

  async set_memory(node, ctx) {
    if (unsupportedReason(node)) return notExecutable(node, ctx);
    const written: Record<string, string> = {};
    for (const assignment of node.config.assignments) {
      const { text } = renderTemplate(assignment.value, scope(ctx));
      setPath(ctx.state, assignment.key, text);
      written[assignment.key] = text;
    }
    return { output: { written }, next: "out" };
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
    return { output: { branches: node.config.branches.map((b) => b.id) }, fanOut: node.config.branches.map((b) => b.id) };
  },

  async approval(node, ctx) {
    if (ctx.resume && typeof ctx.resume.approved === "boolean") {
      return { output: { approved: ctx.resume.approved, note: ctx.resume.note ?? "" }, next: ctx.resume.approved ? "approved" : "rejected" };
    }
    const amount = Number(getPath(ctx.state, node.config.field) ?? NaN);
    if (!Number.isFinite(amount) || amount <= node.config.threshold) {
      return { output: { approved: true, automatic: true, amount: Number.isFinite(amount) ? amount : null, threshold: node.config.threshold }, next: "approved" };
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
    return { output: { flow: node.config.flowSlug, passed: node.config.pass }, call: { flowSlug: node.config.flowSlug, pass: node.config.pass } };
  },

  // The run loop handles joins itself (it needs every branch's arrival); reaching this means a misuse.
  async join(node) {
    throw nonRetriable(`Join ${node.id} reached outside a parallel fan-out`);
  },

  guardrail: notExecutable,
};

export function executeNode(node: FlowNode, ctx: TurnContext): Promise<ExecutionResult> {
  return (EXECUTORS[node.kind] as Executor<NodeKind>)(node as never, ctx);
}
