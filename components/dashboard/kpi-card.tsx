import Link from "next/link";
import { clsx } from "clsx";
import type { Tone } from "@/lib/features/dashboard/kpi-deltas";
import type { KpiCardData } from "@/lib/features/dashboard/prepare-kpi-cards";
import { DefinitionPopover } from "./definition-popover";
import { Sparkline } from "./sparkline";

const DELTA_TONE: Record<Tone, string> = {
  neutral: "text-slate-600",
  good: "text-emerald-700",
  warn: "text-amber-700",
  bad: "text-rose-700",
};
const ARROW = { up: "▲", down: "▼", flat: "■" } as const;
/** Said in words as well as in colour. */
const VERDICT: Record<Tone, string> = { neutral: "", good: "better", warn: "watch", bad: "worse" };

/** One KPI: value, change against the comparison, its trend, a sentence of detail, and its definition one click away. */
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
      className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
      data-testid={`kpi-${card.key}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-medium text-slate-700">{card.label}</h3>
        <DefinitionPopover label={card.label} definition={card.definition} />
      </div>
      <p className="mt-1 flex flex-wrap items-baseline gap-x-2">
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
          <span
            className={clsx("text-xs font-medium tabular-nums", DELTA_TONE[card.delta.tone])}
            title={deltaLabel}
            data-testid="kpi-delta"
          >
            <span aria-hidden>{ARROW[card.delta.direction]} </span>
            {card.delta.text}
            {VERDICT[card.delta.tone] ? ` ${VERDICT[card.delta.tone]}` : ""}
            <span className="sr-only"> {deltaLabel}</span>
          </span>
        ) : null}
      </p>
      {card.trend ? (
        <div className="mt-2">
          <Sparkline points={card.trend.points} summary={card.trend.summary} />
        </div>
      ) : null}
      <p className="mt-1 text-xs text-slate-600">{card.detail}</p>
    </div>
  );
}
