import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NOT_TEST_CONVERSATION, TEST_CHANNEL } from "@/lib/flow/channels";
import type { EscalationStatus } from "./filters";

export const RESOLVED_SHOWN = 50;

export type EscalationRow = {
  id: string;
  status: EscalationStatus;
  reason: string;
  queue: string;
  priority: number;
  createdAt: Date;
  slaDueAt: Date;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  assignee: string | null;
  conversation: { id: string; status: string; flowName: string };
  lastCustomerMessage: { text: string; createdAt: Date } | null;
};

const select = {
  id: true,
  status: true,
  reason: true,
  queue: true,
  priority: true,
  createdAt: true,
  slaDueAt: true,
  claimedAt: true,
  resolvedAt: true,
  assignee: { select: { name: true, email: true } },
  conversation: {
    select: {
      id: true,
      status: true,
      flow: { select: { name: true } },
      messages: { where: { role: "customer" }, orderBy: { seq: "desc" }, take: 1, select: { text: true, createdAt: true } },
    },
  },
} satisfies Prisma.EscalationSelect;

type Selected = Prisma.EscalationGetPayload<{ select: typeof select }>;

function toRow(e: Selected): EscalationRow {
  return {
    id: e.id,
    status: e.status,
    reason: e.reason,
    queue: e.queue,
    priority: e.priority,
    createdAt: e.createdAt,
    slaDueAt: e.slaDueAt,
    claimedAt: e.claimedAt,
    resolvedAt: e.resolvedAt,
    assignee: e.assignee ? e.assignee.name || e.assignee.email : null,
    conversation: { id: e.conversation.id, status: e.conversation.status, flowName: e.conversation.flow.name },
    lastCustomerMessage: e.conversation.messages[0] ?? null,
  };
}

/** Open and claimed first (most urgent: priority, then SLA due), then the most recently resolved. */
export async function listEscalations(options: {
  workspaceId: string;
  queue?: string;
  status?: EscalationStatus;
}): Promise<{ pending: EscalationRow[]; resolved: EscalationRow[]; queues: string[] }> {
  const base: Prisma.EscalationWhereInput = {
    workspaceId: options.workspaceId,
    conversation: NOT_TEST_CONVERSATION,
    ...(options.queue ? { queue: options.queue } : {}),
  };
  const wantPending = !options.status || options.status !== "resolved";
  const wantResolved = !options.status || options.status === "resolved";
  const [pending, resolved, queues] = await Promise.all([
    wantPending
      ? db().escalation.findMany({
          where: { ...base, status: options.status && options.status !== "resolved" ? options.status : { in: ["open", "claimed"] } },
          orderBy: [{ priority: "asc" }, { slaDueAt: "asc" }],
          take: 500,
          select,
        })
      : Promise.resolve([]),
    wantResolved
      ? db().escalation.findMany({
          where: { ...base, status: "resolved" },
          orderBy: [{ resolvedAt: "desc" }, { createdAt: "desc" }],
          take: RESOLVED_SHOWN,
          select,
        })
      : Promise.resolve([]),
    db().$queryRaw<{ queue: string }[]>`
      SELECT DISTINCT e.queue FROM "Escalation" e JOIN "Conversation" c ON c.id = e."conversationId"
      WHERE e."workspaceId" = ${options.workspaceId} AND c.channel <> ${TEST_CHANNEL} ORDER BY e.queue LIMIT 100`,
  ]);
  return { pending: pending.map(toRow), resolved: resolved.map(toRow), queues: queues.map((q) => q.queue) };
}

/** For the sidebar badge: escalations nobody has claimed yet. */
export async function countOpenEscalations(workspaceId: string): Promise<number> {
  return db().escalation.count({ where: { workspaceId, status: "open", conversation: NOT_TEST_CONVERSATION } });
}
