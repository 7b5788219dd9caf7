import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { ApprovalCard } from "@/components/inbox/approval-card";
import { ClosePanel } from "@/components/inbox/close-panel";
import { ContextPanel } from "@/components/customers/context-panel";
import { AgentWork, EscalationWhy } from "@/components/inbox/escalation-why";
import { OwnershipPanel } from "@/components/inbox/ownership-panel";
import { ShortcutsHelp } from "@/components/inbox/shortcuts-help";
import { TicketComposer } from "@/components/inbox/ticket-composer";
import { TicketTimeline } from "@/components/inbox/ticket-timeline";
import { WorkspacePanes } from "@/components/inbox/workspace-panes";
import { Turn } from "@/components/conversations/transcript";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SlaCountdown } from "@/components/ui/sla-countdown";
import { EscalationStatusBadge, PriorityBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { getEscalation } from "@/lib/features/inbox/get-escalation";
import { getConversationContext } from "@/lib/features/customers/conversation-context";
import { getTicketTimeline } from "@/lib/features/inbox/get-ticket-timeline";
import { listCannedReplies } from "@/lib/features/inbox/canned-replies";
import { parseInboxFilters } from "@/lib/features/inbox/inbox-filters";
import { listPendingApprovals } from "@/lib/features/inbox/list-approvals";
import { NOTE_MAX_LENGTH } from "@/lib/features/inbox/notes";
import { firstName } from "@/lib/features/inbox/placeholders";
import { queueQuery, searchParam, withQuery } from "@/lib/features/inbox/queue-links";
import { ESCALATION_SHORTCUTS } from "@/lib/features/inbox/shortcuts";
import { QueuePane } from "../queue-pane";

export const metadata: Metadata = { title: "Escalation" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function EscalationPage({ params, searchParams }: Props) {
  const { id } = await params;
  const search = await searchParams;
  const filters = parseInboxFilters(search);
  const q = searchParam(search);
  const query = queueQuery(filters, q);
  const member = await requirePageMember("conversation.read", withQuery(`/inbox/${id}`, query));
  const [escalation, canned, pendingApprovals] = await Promise.all([
    getEscalation(member.workspaceId, id),
    listCannedReplies(member.workspaceId),
    listPendingApprovals(member.workspaceId),
  ]);
  if (!escalation) notFound();
  const [timeline, customerContext] = await Promise.all([
    getTicketTimeline(member.workspaceId, escalation.conversation.id),
    getConversationContext({
      workspaceId: member.workspaceId,
      role: member.role,
      conversationId: escalation.conversation.id,
    }),
  ]);
  if (!timeline || !customerContext) notFound();

  const { conversation } = escalation;
  const canHandle = can(member.role, "escalation.handle");
  const open = escalation.status !== "resolved" && conversation.status === "escalated";
  const ownedByOther =
    escalation.assignee && escalation.assignee.id !== member.userId ? escalation.assignee.name : null;
  const blocked = escalation.handoff
    ? `${escalation.handoff.endpoint} (an external contact centre) handles this escalation: it replies and resolves through the API.`
    : ownedByOther
      ? `${ownedByOther} owns this escalation. Ask them or an admin to release or reassign it.`
      : null;
  const handedBackTo = escalation.handedBackToNodeId
    ? (escalation.handBackTargets.find((t) => t.id === escalation.handedBackToNodeId)?.label ??
      escalation.handedBackToNodeId)
    : null;
  const lastMessage = conversation.turns
    .flatMap((t) => t.messages)
    .sort((a, b) => a.seq - b.seq)
    .at(-1);
  const unanswered = lastMessage?.role === "customer" ? lastMessage.text : null;
  const operatorName = member.name || member.email;

  const ticket = (
    <div
      className="flex h-[calc(100dvh-3.5rem)] min-h-[32rem] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs"
      data-testid="escalation-page"
      data-status={escalation.status}
      data-id={escalation.id}
    >
      <header className="border-b border-slate-200 px-4 py-3">
        <Link
          href={withQuery("/inbox", query)}
          className={`${linkClass} mb-1 inline-flex items-center gap-1 text-sm lg:hidden`}
          data-testid="back-to-queue"
        >
          <ArrowLeft aria-hidden className="size-4" />
          Back to the queue
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h1 className="flex min-w-0 flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
            {escalation.reason}
            <span data-testid="escalation-status">
              <EscalationStatusBadge status={escalation.status} />
            </span>
          </h1>
          <ShortcutsHelp shortcuts={ESCALATION_SHORTCUTS} />
        </div>
        <p className="mt-0.5 text-xs text-slate-600">
          {conversation.flow.name} {conversation.version.label} · {escalation.queue} queue · escalated{" "}
          <Time value={escalation.createdAt} mode="relative" /> ·{" "}
          <Link href={`/conversations/${conversation.id}`} className={linkClass}>
            full trace
          </Link>
        </p>
      </header>
      <TicketTimeline
        conversationId={conversation.id}
        initial={timeline}
        before={
          <section aria-labelledby="why-heading" className="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2">
            <h2 id="why-heading" className="mb-1 text-sm font-semibold text-slate-900">
              Why it was escalated
            </h2>
            <EscalationWhy reason={escalation.reason} why={escalation.why} />
          </section>
        }
        after={
          <details className="rounded-lg border border-slate-200" data-testid="ticket-trace">
            <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
              Trace: the steps the flow ran and what the agents already did
            </summary>
            <div className="space-y-6 border-t border-slate-200 px-3 py-3">
              <AgentWork toolCalls={escalation.toolCalls} state={escalation.why.state} />
              {conversation.turns.map((turn) => (
                <Turn key={turn.turn} turn={turn} />
              ))}
            </div>
          </details>
        }
      />
      {!(canHandle && open) ? (
        <p
          className="border-t border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600"
          data-testid="escalation-closed"
        >
          {!open
            ? escalation.status === "resolved"
              ? `Resolved${handedBackTo ? `: handed back to the flow at ${handedBackTo}` : ""}. Nothing more to reply to.`
              : `The conversation is ${conversation.status}; there is nothing to reply to.`
            : "You can read this escalation; handling it takes an operator or admin."}
        </p>
      ) : null}
      <TicketComposer
        reply={
          canHandle && open
            ? {
                conversationId: conversation.id,
                replies: canned.map((c) => ({ id: c.id, title: c.title, body: c.body })),
                placeholders: {
                  customer: escalation.customer
                    ? {
                        name: escalation.customer.name,
                        firstName: firstName(escalation.customer.name),
                        ref: escalation.customer.ref,
                      }
                    : null,
                  operator: { name: operatorName },
                },
                blocked,
                maxLength: MAX_MESSAGE_LENGTH,
              }
            : null
        }
        note={canHandle ? { conversationId: conversation.id, author: operatorName, maxLength: NOTE_MAX_LENGTH } : null}
      />
    </div>
  );

  const context = (
    <>
      <Card aria-labelledby="owner-heading">
        <CardHeader id="owner-heading" title="Ownership and SLA" />
        <div className="space-y-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <PriorityBadge priority={escalation.priority} />
            <SlaCountdown
              dueAt={escalation.slaDueAt.toISOString()}
              resolvedAt={escalation.resolvedAt?.toISOString() ?? null}
            />
            {escalation.skills.map((s) => (
              <Badge key={s}>{s}</Badge>
            ))}
          </div>
          {escalation.firstResponseAt ? (
            <p className="text-xs text-slate-500">
              First reply <Time value={escalation.firstResponseAt} mode="relative" />
            </p>
          ) : null}
          <OwnershipPanel
            escalationId={escalation.id}
            status={escalation.status}
            owner={escalation.assignee}
            viewer={{ userId: member.userId, isAdmin: member.role === "admin", canHandle }}
            handlers={escalation.handlers}
            handoff={escalation.handoff}
          />
        </div>
      </Card>

      <Card aria-labelledby="customer-heading">
        <CardHeader id="customer-heading" title="Customer" />
        <div className="px-4 py-3">
          <ContextPanel
            context={customerContext}
            canOpenCustomer={can(member.role, "customer.read")}
            canErase={can(member.role, "customer.erase")}
          />
        </div>
      </Card>

      {escalation.approvals.length ? (
        <section aria-labelledby="approvals-heading" className="space-y-3">
          <h2 id="approvals-heading" className="text-sm font-semibold text-slate-900">
            Waiting for approval <span className="font-normal text-slate-500">{escalation.approvals.length}</span>
          </h2>
          {escalation.approvals.map((a) => (
            <ApprovalCard key={a.id} approval={a} viewerRole={member.role} />
          ))}
        </section>
      ) : null}

      {canHandle && open ? (
        <Card aria-labelledby="close-heading">
          <CardHeader id="close-heading" title="Finish" />
          <div className="px-4 py-3">
            <ClosePanel
              conversationId={conversation.id}
              targets={escalation.handBackTargets}
              defaultTargetId={escalation.defaultHandBackTargetId}
              blocked={blocked}
              unanswered={unanswered}
            />
          </div>
        </Card>
      ) : null}
    </>
  );

  return (
    <WorkspacePanes
      hasTicket
      queue={
        <QueuePane
          member={member}
          filters={filters}
          q={q}
          query={query}
          openId={escalation.id}
          approvalsCount={pendingApprovals.length}
        />
      }
      ticket={ticket}
      context={context}
    />
  );
}
