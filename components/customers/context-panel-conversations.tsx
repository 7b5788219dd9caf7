// Earlier conversations, newest first: when, on which channel and flow, how they ended, each opening its trace.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { ConversationStatusBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import type { PreviousConversation } from "@/lib/features/customers/customer-sections";
import { PanelNote } from "./context-panel-parts";

export function ConversationList({
  rows,
  total,
  empty,
}: {
  rows: PreviousConversation[];
  total: number;
  empty: string;
}) {
  if (rows.length === 0) return <PanelNote testId="conversations-empty">{empty}</PanelNote>;
  return (
    <div className="space-y-2">
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
        {rows.map((c) => (
          <li key={c.id} className="px-3 py-2 text-sm" data-testid="context-conversation">
            <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
              <Link href={`/conversations/${c.id}`} className={`${linkClass} min-w-0 break-words`}>
                {c.flowName}
                <span className="sr-only"> conversation {c.id}</span>
              </Link>
              <span className="flex flex-wrap items-center gap-1.5">
                <ConversationStatusBadge status={c.status} />
                {c.escalated ? <Badge tone="amber">escalated</Badge> : null}
              </span>
            </div>
            <div className="mt-0.5 text-xs text-slate-600">
              <Time value={c.startedAt} /> · {c.channel} · {c.messageCount} message{c.messageCount === 1 ? "" : "s"}
            </div>
          </li>
        ))}
      </ul>
      {total > rows.length ? (
        <p className="text-xs text-slate-600">
          The {rows.length} most recent of {total}.
        </p>
      ) : null}
    </div>
  );
}
