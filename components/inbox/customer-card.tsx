// The customer behind an escalation and what Switchboard remembers about them (unexpired facts and summaries).
import Link from "next/link";
import { linkClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { CustomerDetail } from "@/lib/features/customers/get-customer-memory";

export function CustomerCard({ memory, canOpen }: { memory: CustomerDetail | null; canOpen: boolean }) {
  if (!memory) {
    return (
      <p className="text-sm text-slate-500">
        An anonymous visitor: no customer profile or memory for this conversation.
      </p>
    );
  }
  const { customer } = memory;
  return (
    <div className="space-y-3 text-sm" data-testid="customer-card">
      <div>
        <div className="font-medium text-slate-900">
          {canOpen ? (
            <Link href={`/customers/${customer.id}`} className={linkClass}>
              {customer.name}
            </Link>
          ) : (
            customer.name
          )}
        </div>
        <div className="text-xs text-slate-500">
          {customer.ref} · {customer.tier} · {customer.email} · {memory.conversationTotal} conversation
          {memory.conversationTotal === 1 ? "" : "s"}
        </div>
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Remembered facts</h3>
        {memory.facts.length ? (
          <dl className="space-y-1">
            {memory.facts.map((f) => (
              <div key={f.key} className="grid grid-cols-[8rem_1fr] gap-2">
                <dt className="truncate text-slate-500" title={f.key}>
                  {f.key}
                </dt>
                <dd className="min-w-0 break-words text-slate-800">{f.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-slate-500">None.</p>
        )}
      </div>
      {memory.summaries.length ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Earlier conversations</h3>
          <ul className="space-y-1.5">
            {memory.summaries.slice(0, 5).map((s) => (
              <li key={s.conversationId} className="text-slate-700">
                {s.summary} <Time value={s.updatedAt} mode="relative" className="text-xs text-slate-500" />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
