// The Inbox's "Pending approvals" section: tool calls held above their approval threshold, oldest first, each with
// Approve / Reject; below them the last few decisions, collapsed. A server component; the cards are client ones.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { Role } from "@/lib/model/permissions";
import type { ApprovalRow } from "@/lib/features/inbox/list-approvals";
import { ApprovalCard } from "./approval-card";
import { formatValue, toolLabel } from "./approval-format";

function DecidedApprovals({ rows }: { rows: ApprovalRow[] }) {
  return (
    <details className="group mt-3 rounded-lg border border-slate-200 bg-white" data-testid="decided-approvals">
      <summary className="cursor-pointer select-none rounded-lg px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Recently decided <span className="font-normal text-slate-500">{rows.length}</span>
      </summary>
      <ul className="divide-y divide-slate-100 border-t border-slate-200">
        {rows.map((a) => (
          <li
            key={a.id}
            className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2 text-sm"
            data-testid="decided-approval"
            data-id={a.id}
            data-status={a.status}
          >
            <Badge tone={a.status === "approved" ? "green" : "red"} dot>
              {a.status}
            </Badge>
            <span className="font-medium text-slate-900">
              {toolLabel(a.tool)}
              {a.amount !== null ? (
                <span className="tabular-nums"> {formatValue(a.amount, a.field, a.currency)}</span>
              ) : null}
              {a.input.orderNumber ? (
                <span className="font-normal text-slate-600"> · order {a.input.orderNumber}</span>
              ) : null}
            </span>
            <Link href={`/conversations/${a.conversation.id}`} className={linkClass}>
              {a.conversation.flowName}
              <span className="sr-only"> conversation {a.conversation.id}</span>
            </Link>
            <span className="text-xs text-slate-500">
              by {a.decidedBy ?? "someone"}
              {a.decidedAt ? (
                <>
                  {" "}
                  · <Time value={a.decidedAt} mode="relative" />
                </>
              ) : null}
            </span>
            {a.note ? <q className="basis-full text-xs text-slate-600">{a.note}</q> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ApprovalsSection({
  pending,
  decided,
  viewerRole,
}: {
  pending: ApprovalRow[];
  decided: ApprovalRow[];
  viewerRole: Role;
}) {
  return (
    <section aria-labelledby="approvals-heading" className="mb-8" data-testid="approvals-section">
      {pending.length ? (
        <>
          <h2 id="approvals-heading" className="mb-1 text-sm font-semibold text-slate-900">
            Pending approvals <span className="font-normal text-slate-500">· {pending.length}</span>
          </h2>
          <p className="mb-3 text-xs text-slate-500">
            Tool calls above their approval threshold. The conversation waits, and the customer has been told, until
            someone decides. Oldest first.
          </p>
          <ul className="space-y-3">
            {pending.map((a) => (
              <li key={a.id}>
                <ApprovalCard approval={a} viewerRole={viewerRole} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h2 id="approvals-heading" className="sr-only">
            Pending approvals
          </h2>
          <p
            className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600"
            data-testid="approvals-empty"
          >
            No tool calls are waiting for approval.
          </p>
        </>
      )}
      {decided.length ? <DecidedApprovals rows={decided} /> : null}
    </section>
  );
}
