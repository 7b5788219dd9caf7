import type { ReactNode } from "react";

/** A titled block of the customer page: a heading, a one-line description and its content (a table or a note). */
export function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <div className="mb-2">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

export function SectionNote({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p
      className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-4 text-sm text-slate-600"
      data-testid={testId}
    >
      {children}
    </p>
  );
}
