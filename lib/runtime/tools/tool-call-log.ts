// The agent's calls in a conversation, which its link's per-conversation limit counts (call-gate.ts). A call is
// recorded once per key, so a retried step does not count twice; a call that only asked the customer something is
// not recorded at all.
import "server-only";
import { sqlFor, type Tx } from "@/lib/platform/db/client";
import { newId } from "@/lib/platform/db/new-id";

export type ToolCallRecord = {
  workspaceId: string;
  conversationId: string;
  agentNodeId: string;
  tool: string;
  callKey: string;
};

export async function recordToolCall(tx: Tx, call: ToolCallRecord): Promise<void> {
  await sqlFor(tx)`
    INSERT INTO "ToolCallLog" (id, "workspaceId", "conversationId", "agentNodeId", tool, "callKey")
    VALUES (${newId()}, ${call.workspaceId}, ${call.conversationId}, ${call.agentNodeId}, ${call.tool}, ${call.callKey})
    ON CONFLICT ("callKey") DO NOTHING`;
}

/** Takes back the record of a call that turned out to only ask the customer something. */
export async function forgetToolCall(tx: Tx, callKey: string): Promise<void> {
  await sqlFor(tx)`DELETE FROM "ToolCallLog" WHERE "callKey" = ${callKey}`;
}
