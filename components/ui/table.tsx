// Semantic tables with one look: a caption for screen readers, header cells with scope; a table wider than the
// screen scrolls inside its own frame.
import type { ReactNode } from "react";
import { clsx } from "clsx";
import { ScrollRegion } from "./scroll-region";

/** A table's frame, header cell and body cell, also for lists laid out as a grid with table roles (components/live/). */
export const TABLE_FRAME_CLASS = "rounded-lg border border-slate-200 bg-white shadow-xs";
export const HEADER_CELL_CLASS = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500";
export const CELL_CLASS = "px-3 py-2.5 align-top text-slate-700";

export function Table({ caption, children, className }: { caption: string; children: ReactNode; className?: string }) {
  return (
    <ScrollRegion label={caption} className={clsx(TABLE_FRAME_CLASS, className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </ScrollRegion>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ children, className, srOnly }: { children: ReactNode; className?: string; srOnly?: boolean }) {
  return (
    <th scope="col" className={clsx(HEADER_CELL_CLASS, className)}>
      {srOnly ? <span className="sr-only">{children}</span> : children}
    </th>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Td({
  children,
  className,
  ...rest
}: { children?: ReactNode; className?: string } & React.TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td className={clsx(CELL_CLASS, className)} {...rest}>
      {children}
    </td>
  );
}
