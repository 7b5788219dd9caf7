// The rows a wave starts from: the event, its conversation locked (so one wave runs at a time), the transcript's tail
// and the graph of each frame's flow version. The lock is FOR NO KEY UPDATE, not FOR UPDATE: it still excludes every
// other wave and operator command, but not the foreign-key checks of rows inserted for the conversation meanwhile (a
// queued event, its message). With FOR UPDATE, two requests racing on one idempotency key deadlocked: the one holding
// the conversation waited on the other's unique-index entry while the other's foreign-key check waited on it.
import "server-only";
import { sqlFor } from "@/lib/platform/db/client";
import type { Tx } from "@/lib/platform/db/client";
import type { FlowGraph } from "@/lib/model/flow/schema";
import type { ConversationIdentity, IdentityLevel } from "@/lib/model/identity";
import type { Frame } from "@/lib/runtime/engine/turn/conversation-runtime";
import type { RecalledMemory } from "@/lib/runtime/memory/customer-memory";
import { loadVersionGraph } from "./load-graph";

export type ConversationStatus = "active" | "escalated" | "resolved" | "abandoned" | "failed";

export type EventRow = {
  id: string;
  workspaceId: string;
  conversationId: string;
  kind: string;
  payload: unknown;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  status: string;
  startedAt: Date | null;
};

export type ConversationRow = {
  id: string;
  workspaceId: string;
  flowVersionId: string;
  customerId: string | null;
  channel: string;
  status: ConversationStatus;
  state: unknown;
  runtime: unknown;
  eventCount: number;
  waitingFor: string | null;
  /** The workspace's assistant name: who customers see as the sender of the flow's replies by default. */
  assistantName: string;
  /** Who the customer proved to be; nodes share this one object, so a verification mid-wave reaches the next node. */
  identity: ConversationIdentity;
  /**
   * The customer's long-term memory when it was read with the row (a customer's message run where it was accepted);
   * undefined when it was not, and the wave reads it itself.
   */
  memory?: RecalledMemory;
};

export async function loadEvent(tx: Tx, eventId: string): Promise<EventRow | null> {
  const [row] = await sqlFor(tx)<EventRow[]>`
    SELECT id, "workspaceId", "conversationId", kind::text AS kind, payload, "actorType"::text AS "actorType", "actorId",
           "actorLabel", status::text AS status, "startedAt"
    FROM "ConversationEvent" WHERE id = ${eventId}`;
  return row ?? null;
}

export type LockedRow = Omit<ConversationRow, "identity" | "memory"> & {
  identityLevel: IdentityLevel;
  identityMethod: string | null;
};

export function conversationRow({ identityLevel, identityMethod, ...row }: LockedRow): ConversationRow {
  return { ...row, identity: { level: identityLevel, method: identityMethod, customerId: row.customerId } };
}

export async function lockConversation(tx: Tx, id: string): Promise<ConversationRow | null> {
  const [row] = await sqlFor(tx)<LockedRow[]>`
    SELECT c.id, c."workspaceId", c."flowVersionId", c."customerId", c.channel, c.status::text AS status, c.state,
           c.runtime, c."eventCount", c."waitingFor", w."assistantName", c."identityLevel"::text AS "identityLevel",
           c."identityMethod"
    FROM "Conversation" c JOIN "Workspace" w ON w.id = c."workspaceId"
    WHERE c.id = ${id} FOR NO KEY UPDATE OF c`;
  return row ? conversationRow(row) : null;
}

export async function lastMessageSeq(tx: Tx, conversationId: string): Promise<number> {
  const [{ max }] = await sqlFor(tx)<
    { max: number | null }[]
  >`SELECT MAX(seq) AS max FROM "Message" WHERE "conversationId" = ${conversationId}`;
  return max ?? 0;
}

export async function lastCustomerText(tx: Tx, conversationId: string): Promise<string> {
  const last = await tx.message.findFirst({
    where: { conversationId, role: "customer" },
    orderBy: { seq: "desc" },
    select: { text: true },
  });
  return last?.text ?? "";
}

export const rootStateOf = (conversation: ConversationRow) => ({
  ...((conversation.state as Record<string, unknown>) ?? {}),
});

export async function graphOf(tx: Tx, frame: Frame): Promise<FlowGraph> {
  return loadVersionGraph(tx, frame.versionId);
}
