// The queue's rows as the client table draws them: plain strings, and what this viewer may do with each row.
// Pure, so "who owns it" and "can I claim it" are decided once, here, and tested.
import type { EscalationRow } from "@/lib/features/inbox/list-escalations";

export type QueueRow = {
  id: string;
  status: EscalationRow["status"];
  reason: string;
  queue: string;
  priority: number;
  skills: string[];
  flowName: string;
  conversationId: string;
  customerName: string | null;
  lastMessage: { text: string; at: string } | null;
  createdAt: string;
  slaDueAt: string;
  resolvedAt: string | null;
  owner: { name: string; isViewer: boolean } | null;
  /** An external contact centre handles it: nobody here claims it. */
  handoff: EscalationRow["handoff"];
  canClaim: boolean;
};

export function toQueueRows(rows: EscalationRow[], viewer: { userId: string; canHandle: boolean }): QueueRow[] {
  return rows.map((e) => ({
    id: e.id,
    status: e.status,
    reason: e.reason,
    queue: e.queue,
    priority: e.priority,
    skills: e.skills,
    flowName: e.conversation.flowName,
    conversationId: e.conversation.id,
    customerName: e.conversation.customerName,
    lastMessage: e.lastCustomerMessage
      ? { text: e.lastCustomerMessage.text, at: e.lastCustomerMessage.createdAt.toISOString() }
      : null,
    createdAt: e.createdAt.toISOString(),
    slaDueAt: e.slaDueAt.toISOString(),
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    owner: e.assigneeId ? { name: e.assignee ?? "a member", isViewer: e.assigneeId === viewer.userId } : null,
    handoff: e.handoff,
    canClaim: viewer.canHandle && e.status === "open" && !e.handoff,
  }));
}
