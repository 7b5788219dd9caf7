import Link from "next/link";
import { clsx } from "clsx";
import type { Tone } from "@/lib/features/dashboard/kpi-deltas";
import type { KpiCardData } from "@/lib/features/dashboard/prepare-kpi-cards";

const DELTA_TONE: Record<Tone, string> = {
  neutral: "text-slate-500",
  good: "text-emerald-700",
  warn: "text-amber-700",
  bad: "text-rose-700",
};

/** One KPI: value, change against the comparison, a sentence of detail, and its definition one click away. */
export function KpiCard({ card, href, deltaLabel }: { card: KpiCardData; href: string | null; deltaLabel: string }) {
  const value = (
    <span
      className={clsx(
        "text-2xl font-semibold tabular-nums tracking-tight",
        card.value === null ? "text-slate-500" : "text-slate-900",
      )}
      data-testid="kpi-value"
    >
      {card.value ?? "—"}
    </span>
  );
  return (
    <div
      className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
      data-testid={`kpi-${card.key}`}
    >
      <h3 className="text-sm font-medium text-slate-600">{card.label}</h3>
      <p className="mt-1 flex items-baseline gap-2">
        {href && card.value !== null ? (
          <Link
            href={href}
            className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
            aria-label={`${card.label}: ${card.value}. Show these conversations`}
          >
            {value}
          </Link>
        ) : (
          value
        )}
        {card.delta ? (
          <span className={clsx("text-xs font-medium tabular-nums", DELTA_TONE[card.delta.tone])} title={deltaLabel}>
            {card.delta.text}
            <span className="sr-only"> {deltaLabel}</span>
          </span>
        ) : null}
      </p>
      <p className="mt-1 text-xs text-slate-500">{card.detail}</p>
      <details className="mt-2 text-xs text-slate-600">
        <summary className="cursor-pointer select-none font-medium text-indigo-700 hover:text-indigo-900">
          Definition
        </summary>
        <p className="mt-1">{card.definition}</p>
      </details>
    </div>
  );
}
