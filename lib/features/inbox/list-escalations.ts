import "server-only";
import { handoffView } from "@/lib/features/conversations/handoff-view";
import { db } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NOT_TEST_CONVERSATION, TEST_CHANNEL } from "@/lib/model/flow/channels";
import type { InboxFilters } from "@/lib/features/inbox/inbox-filters";
import type { EscalationStatus } from "@/lib/features/list-filters";

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
  assigneeId: string | null;
  skills: string[];
  slaBreachedAt: Date | null;
  /** Set when an external contact centre handles it (a handoff endpoint) instead of the inbox. */
  handoff: { endpoint: string; externalRef: string | null } | null;
  conversation: { id: string; status: string; flowName: string; flowSlug: string; customerName: string | null };
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
  assigneeId: true,
  skills: true,
  slaBreachedAt: true,
  handoffEndpointId: true,
  externalRef: true,
  handoffEndpoint: { select: { name: true } },
  assignee: { select: { name: true, email: true } },
  conversation: {
    select: {
      id: true,
      status: true,
      flow: { select: { name: true, slug: true } },
      customer: { select: { name: true } },
      messages: {
        where: { role: "customer" },
        orderBy: { seq: "desc" },
        take: 1,
        select: { text: true, createdAt: true },
      },
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
    assigneeId: e.assigneeId,
    skills: e.skills,
    slaBreachedAt: e.slaBreachedAt,
    handoff: handoffView(e),
    conversation: {
      id: e.conversation.id,
      status: e.conversation.status,
      flowName: e.conversation.flow.name,
      flowSlug: e.conversation.flow.slug,
      customerName: e.conversation.customer?.name ?? null,
    },
    lastCustomerMessage: e.conversation.messages[0] ?? null,
  };
}

/** The filters as a Prisma condition; `viewerId` is whose "mine" means. `now` decides which SLAs have passed. */
export function escalationWhere(
  workspaceId: string,
  filters: InboxFilters,
  viewerId: string | null,
  now: Date,
): Prisma.EscalationWhereInput {
  const and: Prisma.EscalationWhereInput[] = [];
  if (filters.breached) {
    // Breached: the SLA timer marked it, or it is still waiting past its due time.
    and.push({
      OR: [{ slaBreachedAt: { not: null } }, { status: { in: ["open", "claimed"] }, slaDueAt: { lt: now } }],
    });
  }
  return {
    workspaceId,
    conversation: { ...NOT_TEST_CONVERSATION, ...(filters.flow ? { flow: { slug: filters.flow } } : {}) },
    ...(filters.queue ? { queue: filters.queue } : {}),
    ...(filters.reason ? { reason: filters.reason } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
    ...(filters.skill ? { skills: { has: filters.skill } } : {}),
    ...(filters.owner === "unassigned" ? { assigneeId: null } : {}),
    // "Mine" without a viewer (cannot happen from a page) matches nothing rather than everything.
    ...(filters.owner === "mine" ? { assigneeId: viewerId ?? "-" } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

/** Open and claimed first (most urgent: priority, then SLA due), then the most recently resolved. */
export async function listEscalations(
  options: { workspaceId: string; viewerId?: string; now?: Date } & InboxFilters,
): Promise<{ pending: EscalationRow[]; resolved: EscalationRow[]; queues: string[] }> {
  const { workspaceId, viewerId, now, ...filters } = options;
  const base = escalationWhere(workspaceId, filters, viewerId ?? null, now ?? new Date());
  const wantPending = !options.status || options.status !== "resolved";
  const wantResolved = !options.status || options.status === "resolved";
  const [pending, resolved, queues] = await Promise.all([
    wantPending
      ? db().escalation.findMany({
          where: {
            ...base,
            status: options.status && options.status !== "resolved" ? options.status : { in: ["open", "claimed"] },
          },
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
      WHERE e."workspaceId" = ${workspaceId} AND c.channel <> ${TEST_CHANNEL} ORDER BY e.queue LIMIT 100`,
  ]);
  return { pending: pending.map(toRow), resolved: resolved.map(toRow), queues: queues.map((q) => q.queue) };
}

export type EscalationFacets = { flows: { slug: string; name: string }[]; reasons: string[]; skills: string[] };

/** The values the filter bar offers: flows, reasons and skills that occur in this workspace's escalations. */
export async function listEscalationFacets(workspaceId: string): Promise<EscalationFacets> {
  const [flows, reasons, skills] = await Promise.all([
    db().$queryRaw<{ slug: string; name: string }[]>`
      SELECT DISTINCT f.slug, f.name FROM "Escalation" e JOIN "Conversation" c ON c.id = e."conversationId" JOIN "Flow" f ON f.id = c."flowId"
      WHERE e."workspaceId" = ${workspaceId} AND c.channel <> ${TEST_CHANNEL} ORDER BY f.name LIMIT 100`,
    db().$queryRaw<{ reason: string }[]>`
      SELECT DISTINCT e.reason FROM "Escalation" e JOIN "Conversation" c ON c.id = e."conversationId"
      WHERE e."workspaceId" = ${workspaceId} AND c.channel <> ${TEST_CHANNEL} ORDER BY e.reason LIMIT 100`,
    db().$queryRaw<{ skill: string }[]>`
      SELECT DISTINCT s.skill FROM "Escalation" e JOIN "Conversation" c ON c.id = e."conversationId", unnest(e.skills) AS s(skill)
      WHERE e."workspaceId" = ${workspaceId} AND c.channel <> ${TEST_CHANNEL} ORDER BY s.skill LIMIT 100`,
  ]);
  return { flows, reasons: reasons.map((r) => r.reason), skills: skills.map((s) => s.skill) };
}

/** For the sidebar badge: escalations nobody has claimed yet. */
export async function countOpenEscalations(workspaceId: string): Promise<number> {
  return db().escalation.count({ where: { workspaceId, status: "open", conversation: NOT_TEST_CONVERSATION } });
}
