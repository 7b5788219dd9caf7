// Whose data a tool call touches, checked before it runs. A tool that reads or changes a customer's records (a
// built-in order or card tool, an HTTP tool whose request names {{customer.…}}, an MCP tool with a customer argument)
// runs on an "own records" link only for the conversation's verified customer, and a built-in only on that customer's
// records. The model never chooses the customer: it comes from how the conversation was verified.
import "server-only";
import type { NodeOf, ToolPermission } from "@/lib/model/flow/schema";
import { templateVariables } from "@/lib/model/flow/template";
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import { notOnAccount } from "@/lib/runtime/tools/lookup-order";
import { urlTemplateVariables } from "@/lib/runtime/tools/url-template";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import { orderNumberFor } from "./run-builtin-tool";

type CallableNode = NodeOf<"tool"> | NodeOf<"remote_agent">;

export type ScopeDecision =
  /** `ownerId`: the customer whose records a built-in may touch; null when the link allows any record. */
  | { allowed: true; ownerId: string | null }
  | {
      allowed: false;
      denied: "not_verified" | "not_own_record";
      reason: string;
      /** The customer can answer (another order number): the node waits rather than giving up. */
      ask?: { missing: string; prompt: string };
    };

export const NOT_VERIFIED_REASON =
  "I need to confirm who you are before I can look at or change account details. Let's verify your identity first.";

const ORDER_TOOLS = new Set(["lookup_order", "refund_order", "cancel_order", "change_address"]);

/** Whether the tool reaches a customer's records at all. */
export function touchesCustomerRecords(tool: CallableNode): boolean {
  if (tool.kind !== "tool") return false;
  const config = tool.config;
  if (config.source === "builtin") return config.builtin ? BUILTIN_TOOLS[config.builtin].records === "customer" : false;
  if (config.source === "mcp") return Boolean(config.mcp?.customerArgument);
  if (!config.http) return false;
  const names = [
    ...urlTemplateVariables(config.http.url),
    ...config.http.headers.flatMap((header) => templateVariables(header.value)),
  ];
  return names.some((name) => name === "customer" || name.startsWith("customer."));
}

/**
 * What the scope decision still needs from the database: the owner of the order the call names, when the verified
 * customer's built-in order tool names one. `decideScope` then decides; call-gate.ts reads the owner together with the
 * link's other pre-call counts, in one statement.
 */
export type ScopeQuestion = { customerId: string; orderNumber: string | null };

/** The decision when no row is needed, else the question to read. */
export function scopeQuestion(
  ctx: TurnContext,
  tool: CallableNode,
  input: Record<string, unknown>,
  permission: ToolPermission | undefined,
): ScopeDecision | ScopeQuestion {
  if (!touchesCustomerRecords(tool)) return { allowed: true, ownerId: null };
  // A tool node on the flow's own path has no link of its own: it serves the customer, so its scope is "own".
  if (permission?.records === "any") return { allowed: true, ownerId: null };
  const customerId = ctx.identity.level === "verified" ? ctx.identity.customerId : null;
  if (!customerId) return { allowed: false, denied: "not_verified", reason: NOT_VERIFIED_REASON };
  const builtin = tool.kind === "tool" && tool.config.source === "builtin" ? tool.config.builtin : undefined;
  const orderNumber = builtin && ORDER_TOOLS.has(builtin) ? orderNumberFor(ctx, input) : null;
  return { customerId, orderNumber };
}

export const isScopeDecision = (value: ScopeDecision | ScopeQuestion): value is ScopeDecision => "allowed" in value;

/** `orderOwner`: who placed the order the question names; null when there is no such order (or none was named). */
export function decideScope(ctx: TurnContext, question: ScopeQuestion, orderOwner: string | null): ScopeDecision {
  const { customerId, orderNumber } = question;
  if (orderNumber && orderOwner && orderOwner !== customerId) {
    // Worded exactly as for an order that does not exist: whether someone else's order exists is not told.
    delete ctx.state.orderNumber;
    const prompt = notOnAccount(orderNumber);
    return { allowed: false, denied: "not_own_record", reason: prompt, ask: { missing: "order number", prompt } };
  }
  return { allowed: true, ownerId: customerId };
}
