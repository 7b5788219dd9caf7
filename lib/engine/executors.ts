// What each node kind does when it runs. Keyed by the registry's kinds, so a new kind without an executor does
// not compile. Kinds the engine cannot run yet fail with the reason validation already showed the designer.
import "server-only";
import type { Tx } from "@/lib/db/client";
import { unsupportedReason } from "@/lib/flow/engine-support";
import { evaluateCondition } from "@/lib/flow/expressions";
import { LOW_CONFIDENCE_HANDLE, type FlowNode, type NodeKind, type NodeOf } from "@/lib/flow/schema";
import { renderTemplate } from "@/lib/flow/template";
import { classifyIntent } from "@/lib/routing/intent-classifier";
import { extractOrderNumber, lookupOrder } from "@/lib/tools/lookup-order";
import { loadIntentModel } from "./intent-model-cache";

export type TurnContext = {
  tx: Tx;
  workspaceId: string;
  conversationId: string;
  flowVersionId: string;
  text: string;
  state: Record<string, unknown>;
};

export type ExecutionResult = {
  output: Record<string, unknown>;
  /** The output handle to follow; absent when the turn stops here. */
  next?: string;
  replies?: string[];
  /** Why the turn stops at this node. */
  stop?: "await_customer" | "escalated" | "ended";
  endOutcome?: "resolved" | "abandoned" | "transferred";
  escalation?: NodeOf<"escalate">["config"];
};

type Executor<K extends NodeKind> = (node: NodeOf<K>, ctx: TurnContext) => Promise<ExecutionResult>;

async function notExecutable(node: FlowNode, _ctx?: TurnContext): Promise<never> {
  throw new Error(unsupportedReason(node) ?? `${node.kind} is not executable`);
}

/** What templates and expressions can see: the state, the message, and the latest intent. */
const scope = (ctx: TurnContext) => ({ state: ctx.state, text: ctx.text, intent: (ctx.state.intent as { id?: string } | undefined)?.id ?? null });

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(".");
  let cursor = target;
  for (const part of parts.slice(0, -1)) {
    const next = cursor[part];
    cursor = (cursor[part] = next && typeof next === "object" && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  cursor[parts[parts.length - 1]] = value;
}

async function fetchOrder(ctx: TurnContext): Promise<ExecutionResult | { order: Awaited<ReturnType<typeof lookupOrder>> & object }> {
  const number = extractOrderNumber(ctx.text) ?? (ctx.state.orderNumber as string | undefined) ?? null;
  if (!number) {
    return {
      output: { tool: "lookup_order", missing: "order number" },
      replies: ["I can check that for you. What is your order number? It looks like A1234."],
      stop: "await_customer",
    };
  }
  const order = await lookupOrder(ctx.tx, ctx.workspaceId, number);
  if (!order) {
    return {
      output: { tool: "lookup_order", orderNumber: number, found: false },
      replies: [`I could not find an order ${number}. Could you check the number? It looks like A1234.`],
      stop: "await_customer",
    };
  }
  ctx.state.orderNumber = number;
  ctx.state.order = order;
  return { order };
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
      return { output: { decision: { strategy: "rules", chosen, matchedRule: route?.rule ?? null } }, next: chosen };
    }
    if (node.config.strategy !== "classifier") return notExecutable(node, ctx);
    const model = await loadIntentModel(ctx.tx, ctx.flowVersionId, node.id);
    if (!model) throw new Error(`Router ${node.id} has no trained model in version ${ctx.flowVersionId}`);
    const prediction = classifyIntent(model, ctx.text);
    const confident = prediction.confidence >= node.config.threshold;
    const chosen = confident ? prediction.intent : LOW_CONFIDENCE_HANDLE;
    const route = node.config.routes.find((r) => r.id === chosen);
    ctx.state.intent = { id: chosen, label: route?.label ?? "unclear request", confidence: prediction.confidence };
    return {
      output: {
        decision: {
          strategy: node.config.strategy,
          candidates: prediction.candidates,
          predicted: prediction.intent,
          confidence: prediction.confidence,
          threshold: node.config.threshold,
          chosen,
          lowConfidence: !confident,
        },
      },
      next: chosen,
    };
  },

  async agent(node, ctx) {
    if (unsupportedReason(node)) return notExecutable(node, ctx);
    const output: Record<string, unknown> = {};
    if (node.config.tool === "lookup_order") {
      const fetched = await fetchOrder(ctx);
      if (!("order" in fetched)) return fetched;
      output.order = fetched.order;
    }
    const { text, missing } = renderTemplate(node.config.reply, { ...scope(ctx), order: ctx.state.order });
    if (missing.length) throw new Error(`Reply template of ${node.id} uses unknown variables: ${missing.join(", ")}`);
    return { output: { ...output, reply: text }, replies: [text], next: "out" };
  },

  async tool(node, ctx) {
    if (unsupportedReason(node)) return notExecutable(node, ctx);
    const fetched = await fetchOrder(ctx);
    if (!("order" in fetched)) return fetched;
    setPath(ctx.state, `tools.${node.id}`, fetched.order);
    return { output: { tool: node.config.builtin, result: fetched.order }, next: "out" };
  },

  async response(node, ctx) {
    const { text, missing } = renderTemplate(node.config.template, { ...scope(ctx), order: ctx.state.order });
    // Exact wording: a template that cannot be filled completely is never sent half-filled.
    if (missing.length) throw new Error(`Response ${node.id} cannot fill ${missing.join(", ")}`);
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
      replies: [node.config.message],
      stop: "escalated",
      escalation: node.config,
    };
  },

  async end(node) {
    return { output: { outcome: node.config.outcome }, stop: "ended", endOutcome: node.config.outcome };
  },

  guardrail: notExecutable,
  parallel: notExecutable,
  join: notExecutable,
  approval: notExecutable,
  subflow: notExecutable,
};

export function executeNode(node: FlowNode, ctx: TurnContext): Promise<ExecutionResult> {
  return (EXECUTORS[node.kind] as Executor<NodeKind>)(node as never, ctx);
}
