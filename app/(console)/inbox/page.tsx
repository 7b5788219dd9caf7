import type { Metadata } from "next";
import Link from "next/link";
import { Inbox, MessageSquareText } from "lucide-react";
import { ApprovalsPanel } from "@/components/inbox/approvals-panel";
import { DecidedApprovals } from "@/components/inbox/decided-approvals";
import { ShortcutsHelp } from "@/components/inbox/shortcuts-help";
import { WorkspacePanes } from "@/components/inbox/workspace-panes";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { listPendingApprovals, listRecentlyDecidedApprovals } from "@/lib/features/inbox/list-approvals";
import { countOpenEscalations } from "@/lib/features/inbox/list-escalations";
import { parseInboxFilters } from "@/lib/features/inbox/inbox-filters";
import { queueQuery, searchParam, withQuery } from "@/lib/features/inbox/queue-links";
import { QUEUE_SHORTCUTS } from "@/lib/features/inbox/shortcuts";
import { InboxTabs, QueuePane } from "./queue-pane";

export const metadata: Metadata = { title: "Inbox" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InboxPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = parseInboxFilters(params);
  const q = searchParam(params);
  const query = queueQuery(filters, q);
  const tab = params.tab === "approvals" ? "approvals" : "escalations";
  const member = await requirePageMember(
    "conversation.read",
    withQuery("/inbox", query, tab === "approvals" ? { tab } : undefined),
  );
  const pendingApprovals = await listPendingApprovals(member.workspaceId);

  const header = (
    <PageHeader
      title="Inbox"
      description="Conversations a flow handed to a person, and tool calls waiting for a decision. Pick one in the queue to work on it here."
      actions={
        <div className="flex items-center gap-2">
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
  );

  if (tab === "approvals") {
    const [decided, escalations] = await Promise.all([
      listRecentlyDecidedApprovals(member.workspaceId),
      countOpenEscalations(member.workspaceId),
    ]);
    return (
      <>
        {header}
        <InboxTabs tab="approvals" query={query} counts={{ escalations, approvals: pendingApprovals.length }} />
        <section aria-labelledby="approvals-heading" data-testid="approvals-section">
          <h2 id="approvals-heading" className="mb-1 text-sm font-semibold text-slate-900">
            Pending approvals <span className="font-normal text-slate-500">· {pendingApprovals.length}</span>
          </h2>
          <p className="mb-3 text-xs text-slate-500">
            Tool calls above their approval threshold. The conversation waits, and the customer has been told, until
            someone decides. Oldest first.
          </p>
          <ApprovalsPanel pending={pendingApprovals} viewerRole={member.role} />
          {decided.length ? <DecidedApprovals rows={decided} /> : null}
        </section>
      </>
    );
  }

  return (
    <>
      {header}
      <WorkspacePanes
        hasTicket={false}
        queue={
          <QueuePane member={member} filters={filters} q={q} query={query} approvalsCount={pendingApprovals.length} />
        }
        ticket={
          <div className="grid h-full min-h-80 place-items-center rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
            <div>
              <Inbox aria-hidden className="mx-auto mb-2 size-6 text-slate-500" />
              Select an escalation in the queue (or press <kbd className="font-mono">j</kbd> then{" "}
              <kbd className="font-mono">Enter</kbd>) to open it here.
            </div>
          </div>
        }
      />
    </>
  );
}
