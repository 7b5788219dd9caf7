import type { Metadata } from "next";
import Link from "next/link";
import { Inbox, MessageSquareText } from "lucide-react";
import { ApprovalsSection } from "@/components/inbox/approvals-section";
import { EscalationQueue } from "@/components/inbox/escalation-queue";
import { ShortcutsHelp } from "@/components/inbox/shortcuts-help";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { ESCALATION_STATUSES } from "@/lib/features/list-filters";
import { listPendingApprovals, listRecentlyDecidedApprovals } from "@/lib/features/inbox/list-approvals";
import { listEscalationFacets, listEscalations, RESOLVED_SHOWN } from "@/lib/features/inbox/list-escalations";
import {
  hasFilters,
  inboxQuery,
  parseInboxFilters,
  PRIORITIES,
  PRIORITY_LABELS,
} from "@/lib/features/inbox/inbox-filters";
import { toQueueRows } from "@/lib/features/inbox/queue-rows";
import { QUEUE_SHORTCUTS } from "@/lib/features/inbox/shortcuts";

export const metadata: Metadata = { title: "Inbox" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InboxPage({ searchParams }: Props) {
  const filters = parseInboxFilters(await searchParams);
  const query = inboxQuery(filters);
  const member = await requirePageMember("conversation.read", `/inbox${query ? `?${query}` : ""}`);
  const [{ pending, resolved, queues }, facets, pendingApprovals, decidedApprovals] = await Promise.all([
    listEscalations({ workspaceId: member.workspaceId, viewerId: member.userId, ...filters }),
    listEscalationFacets(member.workspaceId),
    listPendingApprovals(member.workspaceId),
    listRecentlyDecidedApprovals(member.workspaceId),
  ]);
  const viewer = { userId: member.userId, canHandle: can(member.role, "escalation.handle") };
  const filtered = hasFilters(filters);
  const showPending = filters.status !== "resolved";
  const showResolved = !filters.status || filters.status === "resolved";

  return (
    <>
      <PageHeader
        title="Escalation inbox"
        description="Conversations a flow handed to a person. Open and claimed ones come first, most urgent at the top; the SLA column counts down to the time a person should have replied."
        actions={
          <div className="flex items-center gap-2">
            <AutoRefresh intervalMs={5000} />
            <ShortcutsHelp shortcuts={QUEUE_SHORTCUTS} />
            {can(member.role, "canned_reply.manage") ? (
              <Link href="/inbox/canned" className={buttonClass("secondary", "sm")} data-testid="canned-replies-link">
                <MessageSquareText aria-hidden className="size-4" />
                Canned replies
              </Link>
            ) : null}
          </div>
        }
      />
      <ApprovalsSection pending={pendingApprovals} decided={decidedApprovals} viewerRole={member.role} />
      <FilterBar action="/inbox" resetHref="/inbox" active={filtered}>
        <FilterSelect
          name="status"
          label="Status"
          allLabel="All statuses"
          defaultValue={filters.status}
          options={ESCALATION_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
        />
        <FilterSelect
          name="owner"
          label="Owner"
          allLabel="Anyone"
          defaultValue={filters.owner}
          options={[
            { value: "mine", label: "Mine" },
            { value: "unassigned", label: "Unassigned" },
          ]}
        />
        <FilterSelect
          name="flow"
          label="Flow"
          allLabel="All flows"
          defaultValue={filters.flow}
          options={facets.flows.map((f) => ({ value: f.slug, label: f.name }))}
        />
        <FilterSelect
          name="queue"
          label="Queue"
          allLabel="All queues"
          defaultValue={filters.queue}
          options={queues.map((q) => ({ value: q, label: q }))}
        />
        <FilterSelect
          name="reason"
          label="Reason"
          allLabel="All reasons"
          defaultValue={filters.reason}
          options={facets.reasons.map((r) => ({ value: r, label: r }))}
        />
        <FilterSelect
          name="priority"
          label="Priority"
          allLabel="Any priority"
          defaultValue={filters.priority ? String(filters.priority) : undefined}
          options={PRIORITIES.map((p) => ({ value: String(p), label: PRIORITY_LABELS[p] }))}
        />
        <FilterSelect
          name="skill"
          label="Skill"
          allLabel="Any skill"
          defaultValue={filters.skill}
          options={facets.skills.map((s) => ({ value: s, label: s }))}
        />
        <FilterSelect
          name="breached"
          label="SLA"
          allLabel="Any SLA"
          defaultValue={filters.breached ? "yes" : undefined}
          options={[{ value: "yes", label: "Breached" }]}
        />
      </FilterBar>

      {pending.length === 0 && resolved.length === 0 ? (
        <EmptyState icon={Inbox} title={filtered ? "No escalations match these filters" : "No escalations yet"}>
          {filtered
            ? "Escalations matching these filters will appear here. Clear the filters to see all of them."
            : "When a flow hands a conversation to a person (for example a refund request or a customer asking for a human), it lands here with its queue, priority and SLA. Try it from a flow's chat page by asking to talk to a person."}
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {showPending ? (
            <section aria-labelledby="pending-heading">
              <h2 id="pending-heading" className="mb-2 text-sm font-semibold text-slate-900">
                Waiting for a person <span className="font-normal text-slate-500">{pending.length}</span>
              </h2>
              {pending.length ? (
                <EscalationQueue
                  rows={toQueueRows(pending, viewer)}
                  caption="Open and claimed escalations, most urgent first"
                  keyboard
                />
              ) : (
                <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
                  Nobody is waiting{filtered ? " in this selection" : ""}. New escalations appear here at once.
                </p>
              )}
            </section>
          ) : null}
          {showResolved ? (
            <section aria-labelledby="resolved-heading">
              <h2 id="resolved-heading" className="mb-2 text-sm font-semibold text-slate-900">
                Recently resolved{" "}
                <span className="font-normal text-slate-500">
                  {resolved.length === RESOLVED_SHOWN ? `latest ${RESOLVED_SHOWN}` : resolved.length}
                </span>
              </h2>
              {resolved.length ? (
                <EscalationQueue
                  rows={toQueueRows(resolved, viewer)}
                  caption="Recently resolved escalations"
                  keyboard={!showPending || pending.length === 0}
                />
              ) : (
                <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
                  No escalation has been resolved yet.
                </p>
              )}
            </section>
          ) : null}
        </div>
      )}
    </>
  );
}
