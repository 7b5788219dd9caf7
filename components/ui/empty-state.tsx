import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** Says what will appear here and how to make it appear. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <span className="mb-3 grid size-10 place-items-center rounded-full bg-slate-100 text-slate-600">
        <Icon aria-hidden className="size-5" />
      </span>
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      {children ? <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
