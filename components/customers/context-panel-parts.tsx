// Small pieces the context panel's sections share: a heading with a count, a dashed "nothing known" note and a
// label/value list. Server-safe and client-safe (no hooks).
import type { ReactNode } from "react";

export function PanelSection({
  id,
  title,
  count,
  children,
  testId,
}: {
  id: string;
  title: string;
  count?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section aria-labelledby={id} className="space-y-2" data-testid={testId}>
      <h3 id={id} className="text-xs font-semibold uppercase tracking-wide text-slate-600">
        {title}
        {count ? <span className="ml-1 font-normal normal-case tracking-normal text-slate-600">· {count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

export function PanelNote({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p
      className="rounded-md border border-dashed border-slate-300 bg-white px-3 py-2 text-sm text-slate-600"
      data-testid={testId}
    >
      {children}
    </p>
  );
}

/** Label/value rows; a value of null reads "Not recorded" rather than disappearing. */
export function FactList({ rows, testId }: { rows: { label: string; value: ReactNode | null }[]; testId?: string }) {
  return (
    <dl className="space-y-1 text-sm" data-testid={testId}>
      {rows.map((row) => (
        <div key={row.label} className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2">
          <dt className="text-slate-600">{row.label}</dt>
          <dd className="min-w-0 break-words text-slate-900">
            {row.value ?? <span className="text-slate-600">Not recorded</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
