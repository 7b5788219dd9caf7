// What Switchboard remembers about a customer (unexpired facts and conversation summaries), with the erasure flow for
// those allowed to erase.
import Link from "next/link";
import { linkClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { MemoryView } from "@/lib/features/customers/customer-sections";
import { EraseMemoryDialog } from "./erase-memory-dialog";
import { PanelNote } from "./context-panel-parts";

export function MemoryList({
  memory,
  customer,
  canErase,
  detailed = false,
}: {
  memory: MemoryView;
  customer: { id: string; ref: string };
  canErase: boolean;
  /** Each fact's dates and source conversation too (the customer page has the room). */
  detailed?: boolean;
}) {
  const empty = memory.facts.length === 0 && memory.summaries.length === 0;
  return (
    <div className="space-y-3">
      {empty ? (
        <PanelNote testId="memory-empty">
          Nothing remembered. Facts appear when a flow’s Set memory node stores one with customer scope, and a summary
          when one of their conversations ends.
        </PanelNote>
      ) : null}
      {memory.facts.length ? (
        <dl className="space-y-1 text-sm" data-testid="memory-facts">
          {memory.facts.map((f) => (
            <div key={f.key} className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2" data-testid="fact-row">
              <dt className="truncate font-mono text-xs leading-5 text-slate-600" title={f.key}>
                {f.key}
              </dt>
              <dd className="min-w-0 whitespace-pre-wrap break-words text-slate-900">
                {f.value}
                {detailed ? (
                  <span className="block text-xs text-slate-600">
                    updated <Time value={f.updatedAt} /> · expires <Time value={f.expiresAt} />
                    {f.conversationId ? (
                      <>
                        {" · "}
                        <Link href={`/conversations/${f.conversationId}`} className={linkClass}>
                          source<span className="sr-only"> conversation {f.conversationId}</span>
                        </Link>
                      </>
                    ) : null}
                  </span>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {memory.summaries.length ? (
        <ul className="space-y-1.5 text-sm" aria-label="Conversation summaries">
          {memory.summaries.map((s) => (
            <li key={s.conversationId} className="text-slate-800" data-testid="summary-row">
              {s.summary}{" "}
              <span className="whitespace-nowrap text-xs text-slate-600">
                <Time value={s.updatedAt} mode="relative" /> ·{" "}
                <Link href={`/conversations/${s.conversationId}`} className={linkClass}>
                  open<span className="sr-only"> conversation {s.conversationId}</span>
                </Link>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canErase && !empty ? <EraseMemoryDialog customerId={customer.id} customerRef={customer.ref} /> : null}
    </div>
  );
}
