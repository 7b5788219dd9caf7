import type { Metadata } from "next";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { ApprovalsSection } from "@/components/inbox/approvals-section";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { linkClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { truncate } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { SlaCountdown } from "@/components/ui/sla-countdown";
import { EscalationStatusBadge, PriorityBadge } from "@/components/ui/status-badges";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { enumParam, ESCALATION_STATUSES, slugParam } from "@/lib/console/filters";
import { listPendingApprovals, listRecentlyDecidedApprovals } from "@/lib/console/list-approvals";
import { listEscalations, RESOLVED_SHOWN, type EscalationRow } from "@/lib/console/list-escalations";

export const metadata: Metadata = { title: "Inbox" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function EscalationTable({ rows, caption }: { rows: EscalationRow[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <Th>Priority</Th>
        <Th>Reason</Th>
        <Th>Queue</Th>
        <Th>Conversation</Th>
        <Th>Last customer message</Th>
        <Th>Created</Th>
        <Th>SLA</Th>
      </THead>
      <TBody>
        {rows.map((e) => (
          <tr key={e.id} data-testid="escalation-row" data-id={e.id} data-status={e.status} data-queue={e.queue} className="hover:bg-slate-50">
            <Td>
              <PriorityBadge priority={e.priority} />
            </Td>
            <Td>
              <div className="font-medium text-slate-900">{e.reason}</div>
              <div className="mt-1 flex items-center gap-1.5 text-xs text-slate-500">
                <EscalationStatusBadge status={e.status} />
                {e.assignee ? <span>{e.assignee}</span> : null}
              </div>
            </Td>
            <Td>{e.queue}</Td>
            <Td className="whitespace-nowrap">
              <Link href={`/conversations/${e.conversation.id}`} className={linkClass}>
                {e.conversation.flowName}
                <span className="sr-only"> conversation {e.conversation.id}</span>
              </Link>
              <div className="font-mono text-xs text-slate-400">{e.conversation.id.slice(-8)}</div>
            </Td>
            <Td className="max-w-xs text-slate-600">
              {e.lastCustomerMessage ? (
                <>
                  {truncate(e.lastCustomerMessage.text, 100)}
                  <div className="text-xs text-slate-400">
                    <Time value={e.lastCustomerMessage.createdAt} mode="relative" />
                  </div>
                </>
              ) : (
                <span className="text-slate-400">none</span>
              )}
            </Td>
            <Td className="whitespace-nowrap">
              <Time value={e.createdAt} />
            </Td>
            <Td className="whitespace-nowrap">
              <SlaCountdown dueAt={e.slaDueAt.toISOString()} resolvedAt={e.resolvedAt?.toISOString() ?? null} />
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

export default async function InboxPage({ searchParams }: Props) {
  const params = await searchParams;
  const status = enumParam(params, "status", ESCALATION_STATUSES);
  const queue = slugParam(params, "queue");
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(queue ? { queue } : {}) }).toString();
  const member = await requirePageMember("conversation.read", `/inbox${query ? `?${query}` : ""}`);
  const [{ pending, resolved, queues }, pendingApprovals, decidedApprovals] = await Promise.all([
    listEscalations({ workspaceId: member.workspaceId, status, queue }),
    listPendingApprovals(member.workspaceId),
    listRecentlyDecidedApprovals(member.workspaceId),
  ]);
  const filtered = !!(status || queue);
  const showPending = status !== "resolved";
  const showResolved = !status || status === "resolved";

  return (
    <>
      <PageHeader
        title="Escalation inbox"
        description="Conversations a flow handed to a person. Open and claimed ones come first, most urgent at the top; the SLA column counts down to the time a person should have replied."
        actions={<AutoRefresh intervalMs={5000} />}
      />
      <ApprovalsSection pending={pendingApprovals} decided={decidedApprovals} viewerRole={member.role} />
      <FilterBar action="/inbox" resetHref="/inbox" active={filtered}>
        <FilterSelect
          name="status"
          label="Status"
          allLabel="All statuses"
          defaultValue={status}
          options={ESCALATION_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
        />
        <FilterSelect name="queue" label="Queue" allLabel="All queues" defaultValue={queue} options={queues.map((q) => ({ value: q, label: q }))} />
      </FilterBar>

      {pending.length === 0 && resolved.length === 0 ? (
        <EmptyState icon={Inbox} title={filtered ? "No escalations match these filters" : "No escalations yet"}>
          {filtered
            ? "Escalations in this queue or with this status will appear here. Clear the filters to see all of them."
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
                <EscalationTable rows={pending} caption="Open and claimed escalations, most urgent first" />
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
                Recently resolved <span className="font-normal text-slate-500">{resolved.length === RESOLVED_SHOWN ? `latest ${RESOLVED_SHOWN}` : resolved.length}</span>
              </h2>
              {resolved.length ? (
                <EscalationTable rows={resolved} caption="Recently resolved escalations" />
              ) : (
                <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">No escalation has been resolved yet.</p>
              )}
            </section>
          ) : null}
        </div>
      )}
    </>
  );
}
