// The checks a tool call passes before it runs, in their order: whose records it touches (data-scope.ts), then the
// link's per-conversation and per-minute limits. The rows the first two need (the owner of the order the call names,
// the agent's calls so far in this conversation) are read in one statement: an order lookup is on nearly every turn,
// and two reads were two round trips. The per-minute limit stays a statement of its own on the side pool
// (tool-rate.ts), taken only once the call is in scope and within the per-conversation limit, so a refused call uses
// none of it.
import "server-only";
import { sqlFor } from "@/lib/platform/db/client";
import type { NodeOf, ToolPermission } from "@/lib/model/flow/schema";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import { decideScope, isScopeDecision, scopeQuestion, type ScopeDecision } from "./data-scope";
import { takeToolCall } from "./tool-rate";

type CallableNode = NodeOf<"tool"> | NodeOf<"remote_agent">;

export type GateCall = {
  /** The agent making the call; null on the flow's own path, where no link limits apply. */
  agentId: string | null;
  tool: CallableNode;
  /** The tool's name in the limits and the call log. */
  name: string;
  input: Record<string, unknown>;
  /** This call's key in the call log: a retried step's own earlier record does not count against it. */
  callKey: string;
};

export type GateOutcome =
  | { passed: true; ownerId: string | null }
  | { passed: false; scope: Extract<ScopeDecision, { allowed: false }> }
  | { passed: false; limited: string };

export async function gateToolCall(
  ctx: TurnContext,
  call: GateCall,
  permission: ToolPermission | undefined,
): Promise<GateOutcome> {
  const question = scopeQuestion(ctx, call.tool, call.input, permission);
  if (isScopeDecision(question) && !question.allowed) return { passed: false, scope: question };
  const perConversation = call.agentId && permission ? permission.ratePerConversation : 0;
  const orderNumber = isScopeDecision(question) ? null : question.orderNumber;

  let used = 0;
  let orderOwner: string | null = null;
  if (orderNumber || perConversation > 0) {
    // Per conversation: the turn holds the conversation's row, so no other turn of it counts meanwhile.
    const [row] = await sqlFor(ctx.tx)<{ orderOwner: string | null; used: number }[]>`
      SELECT (SELECT "customerId" FROM "Order" WHERE "workspaceId" = ${ctx.workspaceId} AND number = ${orderNumber})
               AS "orderOwner",
             CASE WHEN ${perConversation}::int > 0 THEN
               (SELECT count(*)::int FROM "ToolCallLog"
                WHERE "conversationId" = ${ctx.conversationId} AND "agentNodeId" = ${call.agentId}
                  AND tool = ${call.name} AND "callKey" <> ${call.callKey})
             ELSE 0 END AS used`;
    used = row.used;
    orderOwner = row.orderOwner;
  }
  const scope = isScopeDecision(question) ? question : decideScope(ctx, question, orderOwner);
  if (!scope.allowed) return { passed: false, scope };

  const limited = await overLimit(ctx, call, permission, used);
  return limited ? { passed: false, limited } : { passed: true, ownerId: scope.ownerId };
}

/** Null when the call is within its link's limits; otherwise why it was refused. */
async function overLimit(
  ctx: TurnContext,
  call: GateCall,
  permission: ToolPermission | undefined,
  used: number,
): Promise<string | null> {
  if (!call.agentId || !permission) return null;
  const { ratePerConversation, ratePerMinute } = permission;
  if (ratePerConversation > 0 && used >= ratePerConversation)
    return `The ${call.name} limit of ${ratePerConversation} call${ratePerConversation === 1 ? "" : "s"} per conversation has been reached.`;
  if (ratePerMinute > 0 && !(await takeToolCall(`${ctx.workspaceId}:${call.agentId}:${call.name}`, ratePerMinute)))
    return `The ${call.name} limit of ${ratePerMinute} calls per minute has been reached; please try again shortly.`;
  return null;
}
