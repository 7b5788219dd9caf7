import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { FlowEdge, FlowGraph } from "@/lib/model/flow/schema";
import type { ConversationIdentity } from "@/lib/model/identity";
import type { OutboxMessage } from "./conversation-runtime";

/** What a node's executor gets: the transaction, who and where, the message, and the state it may change. */
export type TurnContext = {
  tx: Tx;
  workspaceId: string;
  conversationId: string;
  customerId: string | null;
  /**
   * Who the customer proved to be. Tools that touch a customer's records run only for a verified one, and only on
   * that customer's records (lib/runtime/engine/nodes/data-scope.ts).
   */
  identity: ConversationIdentity;
  flowVersionId: string;
  /** The graph of the flow version the node belongs to: agents find their permitted tools in it. */
  graph: FlowGraph;
  /** The customer's latest message (the one this event carries, or the last one for operator-driven events). */
  text: string;
  /** The state of the frame the node runs in; executors change it in place and it commits with the step. */
  state: Record<string, unknown>;
  /** Stable across retries and crashes: side-effecting calls derive their idempotency key from it. */
  stepId: string;
  signal: AbortSignal;
  /** Incoming tool-permission links of the node (agent → tool), for approval thresholds. */
  permissionLinks: FlowEdge[];
  /** The replies of this event not yet sent: output guardrails check (and may redact or withhold) them. */
  outbox: OutboxMessage[];
  /** Set when a suspended node is resumed (an approval decision). */
  resume?: Record<string, unknown>;
};

/** What templates, conditions and rules may read: the state, the message, the routed intent, the order. */
export const scope = (ctx: TurnContext) => ({
  state: ctx.state,
  text: ctx.text,
  intent: (ctx.state.intent as { id?: string } | undefined)?.id ?? null,
  order: ctx.state.order,
});
