import type { ReactNode } from "react";

/**
 * A chart with its accessible twin: the drawing is an image with a one-sentence summary for screen readers, and the
 * same figures are a table (with the drill-down links) one click away, which is also the keyboard path to drill down.
 */
export function ChartFrame({
  summary,
  chart,
  table,
  tableLabel = "Show the figures as a table",
}: {
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  tableLabel?: string;
}) {
  return (
    <div>
      <div role="img" aria-label={summary}>
        {chart}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer select-none text-xs font-medium text-indigo-700 hover:text-indigo-900">
          {tableLabel}
        </summary>
        <div className="mt-2 max-h-80 overflow-auto">{table}</div>
      </details>
    </div>
  );
}
