// Below the Approvals tab's pending requests: the last few decisions, collapsed, with who decided and their note.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { ApprovalRow } from "@/lib/features/inbox/list-approvals";
import { formatValue, toolLabel } from "./approval-format";

export function DecidedApprovals({ rows }: { rows: ApprovalRow[] }) {
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
