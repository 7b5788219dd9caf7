import "server-only";
import type { Tx } from "@/lib/db/client";
import type { FlowEdge } from "@/lib/flow/schema";

/** What a node's executor gets: the transaction, who and where, the message, and the state it may change. */
export type TurnContext = {
  tx: Tx;
  workspaceId: string;
  conversationId: string;
  customerId: string | null;
  flowVersionId: string;
  /** The customer's latest message (the one this event carries, or the last one for operator-driven events). */
  text: string;
  /** The state of the frame the node runs in; executors change it in place and it commits with the step. */
  state: Record<string, unknown>;
  /** Stable across retries and crashes: side-effecting calls derive their idempotency key from it. */
  stepId: string;
  signal: AbortSignal;
  /** Incoming tool-permission links of the node (agent → tool), for approval thresholds. */
  permissionLinks: FlowEdge[];
  /** Set when a suspended node is resumed (an approval decision). */
  resume?: Record<string, unknown>;
};
