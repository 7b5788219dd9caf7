import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovalCard } from "@/components/inbox/approval-card";
import { ClosePanel } from "@/components/inbox/close-panel";
import { CustomerCard } from "@/components/inbox/customer-card";
import { AgentWork, EscalationWhy } from "@/components/inbox/escalation-why";
import { OwnershipPanel } from "@/components/inbox/ownership-panel";
import { ReplyComposer } from "@/components/inbox/reply-composer";
import { ShortcutsHelp } from "@/components/inbox/shortcuts-help";
import { Turn } from "@/components/conversations/transcript";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SlaCountdown } from "@/components/ui/sla-countdown";
import { ConversationStatusBadge, EscalationStatusBadge, PriorityBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getEscalation } from "@/lib/features/inbox/get-escalation";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { listCannedReplies } from "@/lib/features/inbox/canned-replies";
import { firstName } from "@/lib/features/inbox/placeholders";
import { ESCALATION_SHORTCUTS } from "@/lib/features/inbox/shortcuts";

export const metadata: Metadata = { title: "Escalation" };

type Props = { params: Promise<{ id: string }> };

export default async function EscalationPage({ params }: Props) {
  const { id } = await params;
  const member = await requirePageMember("conversation.read", `/inbox/${id}`);
  const [escalation, canned] = await Promise.all([
    getEscalation(member.workspaceId, id),
    listCannedReplies(member.workspaceId),
  ]);
  if (!escalation) notFound();

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
  const messageCount = conversation.turns.reduce((n, t) => n + t.messages.length, 0);
  const lastMessage = conversation.turns
    .flatMap((t) => t.messages)
    .sort((a, b) => a.seq - b.seq)
    .at(-1);
  const unanswered = lastMessage?.role === "customer" ? lastMessage.text : null;

  return (
    <div data-testid="escalation-page" data-status={escalation.status} data-id={escalation.id}>
      <PageHeader
        eyebrow={
          <Link href="/inbox" className={linkClass}>
            Inbox
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            {escalation.reason}
            <span data-testid="escalation-status">
              <EscalationStatusBadge status={escalation.status} />
            </span>
          </span>
        }
        description={
          <>
            {conversation.flow.name} {conversation.version.label} · {escalation.queue} queue · escalated{" "}
            <Time value={escalation.createdAt} mode="relative" /> ·{" "}
            <Link href={`/conversations/${conversation.id}`} className={linkClass}>
              full trace
            </Link>
          </>
        }
        actions={
          <>
            {/* Until both have settled: the escalation and the conversation are read one after the other, so one render
                can see the conversation resolved and its escalation not yet, and must refresh again. */}
            {conversation.status === "active" ||
            conversation.status === "escalated" ||
            escalation.status !== "resolved" ? (
              <AutoRefresh intervalMs={3000} />
            ) : null}
            <ShortcutsHelp shortcuts={ESCALATION_SHORTCUTS} />
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="why-heading">
            <CardHeader id="why-heading" title="Why it was escalated" />
            <div className="px-4 py-3">
              <EscalationWhy reason={escalation.reason} why={escalation.why} />
            </div>
          </Card>

          <Card aria-labelledby="transcript-heading">
            <CardHeader
              id="transcript-heading"
              title="Transcript"
              description={`${messageCount} messages · new ones appear here without reloading`}
              actions={<ConversationStatusBadge status={conversation.status} />}
            />
            <div className="space-y-6 px-4 py-4" data-testid="escalation-transcript">
              {conversation.turns.map((turn) => (
                <Turn key={turn.turn} turn={turn} />
              ))}
            </div>
          </Card>

          {canHandle && open ? (
            <Card aria-labelledby="reply-heading">
              <h2 id="reply-heading" className="sr-only">
                Reply
              </h2>
              <div className="px-4 py-4">
                <ReplyComposer
                  conversationId={conversation.id}
                  replies={canned.map((c) => ({ id: c.id, title: c.title, body: c.body }))}
                  placeholders={{
                    customer: escalation.customer
                      ? {
                          name: escalation.customer.name,
                          firstName: firstName(escalation.customer.name),
                          ref: escalation.customer.ref,
                        }
                      : null,
                    operator: { name: member.name || member.email },
                  }}
                  blocked={blocked}
                  maxLength={MAX_MESSAGE_LENGTH}
                />
              </div>
            </Card>
          ) : (
            <p
              className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600"
              data-testid="escalation-closed"
            >
              {!open
                ? escalation.status === "resolved"
                  ? `Resolved${handedBackTo ? `: handed back to the flow at ${handedBackTo}` : ""}. Nothing more to do here.`
                  : `The conversation is ${conversation.status}; there is nothing to reply to.`
                : "You can read this escalation; handling it takes an operator or admin."}
            </p>
          )}

          <Card aria-labelledby="work-heading">
            <CardHeader
              id="work-heading"
              title="What the agents already did"
              description="Tool calls and their results, and the state the flow handed over."
            />
            <div className="px-4 py-3">
              <AgentWork toolCalls={escalation.toolCalls} state={escalation.why.state} />
            </div>
          </Card>
        </div>

        <aside className="space-y-6" aria-label="Escalation details and actions">
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

          <Card aria-labelledby="customer-heading">
            <CardHeader id="customer-heading" title="Customer" />
            <div className="px-4 py-3">
              <CustomerCard memory={escalation.memory} canOpen={can(member.role, "customer.read")} />
            </div>
          </Card>
        </aside>
      </div>
    </div>
  );
}
