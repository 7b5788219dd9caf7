// What each node kind does when it runs. Keyed by the registry's kinds, so a new kind without an executor does
// not compile.
import "server-only";
import type { Tx } from "@/lib/db/client";
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

export const EXECUTORS: { [K in NodeKind]: Executor<K> } = {
  async start() {
    return { output: {}, next: "out" };
  },

  async router(node, ctx) {
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
    const vars: Record<string, unknown> = { state: ctx.state };
    if (node.config.tool === "lookup_order") {
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
      vars.order = order;
    }
    const { text, missing } = renderTemplate(node.config.reply, vars);
    if (missing.length) throw new Error(`Reply template of ${node.id} uses unknown variables: ${missing.join(", ")}`);
    return { output: { reply: text, ...(vars.order ? { order: vars.order } : {}) }, replies: [text], next: "out" };
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
};

export function executeNode(node: FlowNode, ctx: TurnContext): Promise<ExecutionResult> {
  return (EXECUTORS[node.kind] as Executor<NodeKind>)(node as never, ctx);
}
