import Link from "next/link";
import { clsx } from "clsx";
import { filtersQuery, type KpiFilters } from "@/lib/features/dashboard/filters";
import { RANGE_LABELS, RELATIVE_RANGES } from "@/lib/features/dashboard/time-window";

const SHORT: Record<(typeof RELATIVE_RANGES)[number], string> = {
  "1h": "1 h",
  "24h": "24 h",
  "7d": "7 d",
  "30d": "30 d",
};

/** The relative ranges and the custom one as links (each view stays a URL), keeping flow, version and channel. */
export function RangeSwitch({ action, filters }: { action: string; filters: KpiFilters }) {
  const item = (href: string, current: boolean, label: string, short: string, testId: string) => (
    <li key={testId}>
      <Link
        href={href}
        aria-current={current ? "page" : undefined}
        className={clsx(
          "inline-flex h-8 items-center rounded-md px-2.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
          current ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-100",
        )}
        data-testid={testId}
      >
        <span className="sr-only">{label}</span>
        <span aria-hidden>{short}</span>
      </Link>
    </li>
  );
  return (
    <nav aria-label="Date range" className="mb-3">
      <ul className="inline-flex flex-wrap gap-1 rounded-lg border border-slate-200 bg-white p-1">
        {RELATIVE_RANGES.map((range) =>
          item(
            `${action}?${filtersQuery({ ...filters, range })}`,
            filters.range === range,
            RANGE_LABELS[range],
            SHORT[range],
            `range-${range}`,
          ),
        )}
        {item(
          `${action}?${filtersQuery({ ...filters, range: null })}`,
          !filters.range,
          "Custom dates",
          "Custom",
          "range-custom",
        )}
      </ul>
    </nav>
  );
}
