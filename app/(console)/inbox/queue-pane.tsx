// The Inbox's left pane, shared by /inbox and /inbox/[id]: the Escalations | Approvals tabs with their counts, the
// saved views, the search box and filters (a GET form that keeps each other), and the queue itself.
import Link from "next/link";
import { clsx } from "clsx";
import { EscalationQueue } from "@/components/inbox/escalation-queue";
import { SavedViews } from "@/components/inbox/saved-views";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
import type { Member } from "@/lib/platform/auth/current-member";
import { can } from "@/lib/model/permissions";
import { ESCALATION_STATUSES } from "@/lib/features/list-filters";
import { listEscalationFacets, listEscalations, RESOLVED_SHOWN } from "@/lib/features/inbox/list-escalations";
import { hasFilters, PRIORITIES, PRIORITY_LABELS, type InboxFilters } from "@/lib/features/inbox/inbox-filters";
import { QueueLive } from "@/components/inbox/queue-live";
import { withQuery } from "@/lib/features/inbox/queue-links";
import { toQueueRows } from "@/lib/features/inbox/queue-rows";
import { listViews } from "@/lib/features/inbox/saved-views";

export type InboxTab = "escalations" | "approvals";

export function InboxTabs({
  tab,
  query,
  counts,
}: {
  tab: InboxTab;
  query: string;
  counts: { escalations: number; approvals: number };
}) {
  const tabs = [
    { key: "escalations" as const, label: "Escalations", href: withQuery("/inbox", query) },
    { key: "approvals" as const, label: "Approvals", href: withQuery("/inbox", query, { tab: "approvals" }) },
  ];
  return (
    <nav aria-label="Inbox" className="mb-3 flex gap-1 border-b border-slate-200" data-testid="inbox-tabs">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={tab === t.key ? "page" : undefined}
          className={clsx(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab === t.key
              ? "border-indigo-600 text-indigo-700"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
          data-testid={`inbox-tab-${t.key}`}
        >
          {t.label}{" "}
          <span className="ml-1 rounded-full bg-slate-100 px-1.5 text-xs text-slate-700">{counts[t.key]}</span>
        </Link>
      ))}
      <span className="ml-auto self-center">
        <QueueLive />
      </span>
    </nav>
  );
}

export async function QueuePane({
  member,
  filters,
  q,
  query,
  openId,
  approvalsCount,
}: {
  member: Member;
  filters: InboxFilters;
  q: string;
  query: string;
  openId?: string;
  approvalsCount: number;
}) {
  const [{ pending, resolved, queues }, facets, views] = await Promise.all([
    listEscalations({ workspaceId: member.workspaceId, viewerId: member.userId, ...filters }),
    listEscalationFacets(member.workspaceId),
    listViews(member.workspaceId, member.userId),
  ]);
  const viewer = { userId: member.userId, canHandle: can(member.role, "escalation.handle") };
  const filtered = hasFilters(filters) || !!q;
  const showPending = filters.status !== "resolved";
  const showResolved = !filters.status || filters.status === "resolved";
  const action = openId ? `/inbox/${openId}` : "/inbox";

  return (
    <div className="space-y-3" data-testid="queue-pane">
      <InboxTabs tab="escalations" query={query} counts={{ escalations: pending.length, approvals: approvalsCount }} />
      <SavedViews views={views} current={query} />
      <FilterBar action={action} resetHref={action} active={filtered}>
        <FilterInput name="q" label="Search transcripts, customers, order numbers" defaultValue={q} />
        <details className="w-full" open={hasFilters(filters)}>
          <summary className="cursor-pointer text-xs font-medium text-slate-600">Filters</summary>
          <div className="mt-2 grid grid-cols-2 gap-2">
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
              options={queues.map((x) => ({ value: x, label: x }))}
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
          </div>
        </details>
      </FilterBar>

      {pending.length === 0 && resolved.length === 0 ? (
        <p
          className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600"
          data-testid="queue-empty"
        >
          {filtered
            ? "No escalations match. Clear the search and filters to see all of them."
            : "No escalations yet. When a flow hands a conversation to a person (a refund request, a customer asking for a human), it lands here with its queue, priority and SLA."}
        </p>
      ) : (
        <div className="space-y-5">
          {showPending ? (
            <section aria-labelledby="pending-heading">
              <h2 id="pending-heading" className="mb-2 text-sm font-semibold text-slate-900">
                Waiting for a person <span className="font-normal text-slate-500">{pending.length}</span>
              </h2>
              {pending.length ? (
                <EscalationQueue
                  rows={toQueueRows(pending, viewer)}
                  label="Open and claimed escalations, most urgent first"
                  keyboard
                  openId={openId}
                  query={query}
                />
              ) : (
                <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
                  Nobody is waiting{filtered ? " in this selection" : ""}. New escalations appear here at once.
                </p>
              )}
            </section>
          ) : null}
          {showResolved && resolved.length ? (
            <section aria-labelledby="resolved-heading">
              <h2 id="resolved-heading" className="mb-2 text-sm font-semibold text-slate-900">
                Recently resolved{" "}
                <span className="font-normal text-slate-500">
                  {resolved.length === RESOLVED_SHOWN ? `latest ${RESOLVED_SHOWN}` : resolved.length}
                </span>
              </h2>
              <EscalationQueue
                rows={toQueueRows(resolved, viewer)}
                label="Recently resolved escalations"
                keyboard={!showPending || pending.length === 0}
                openId={openId}
                query={query}
              />
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}
