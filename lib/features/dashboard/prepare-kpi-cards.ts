// Pure: the dashboard's KPI cards — each KPI's formatted value, the detail line (or why it is empty), its delta
// against the comparison and its drill-down. No database and no React, so every card is unit-testable.
import type { KpiValues } from "./compute-kpis";
import { KPI_DEFINITIONS, type KpiKey } from "./definitions";
import { formatCount, formatDuration, formatPercent } from "./format-figures";
import { HIGHER_IS_BETTER, rateDelta, relativeDelta, type KpiDelta, type RateKey } from "./kpi-deltas";
import type { KpiTotals } from "./queries";

export type KpiCardData = {
  key: KpiKey;
  label: string;
  definition: string;
  value: string | null;
  detail: string;
  /** Change against the comparison (the previous period, or version A); null when either side has no value. */
  delta: KpiDelta | null;
  /** The drill-down (query params) behind the figure, if it has one. */
  drill: Record<string, string> | null;
  /** The KPI per bucket of the period, for the sparkline; null for KPIs from reviews (not bucketed). */
  trend: KpiTrend | null;
};

export type KpiTrend = {
  /** Oldest first; null where a bucket had nothing to compute the KPI from. */
  points: (number | null)[];
  /** The trend in words, for the sparkline's accessible name. */
  summary: string;
};

/** Each bucket's values and how to name the period and its buckets in the trend's summary. */
export type TrendInput = { values: KpiValues[]; period: string; bucketName: string };

type Valued = { key: KpiKey; label: string; value: string | null };

/** Attaches a sparkline to each card whose KPI comes from the roll-ups. */
export function withTrends<T extends Valued>(cards: T[], input: TrendInput): (T & { trend: KpiTrend | null })[] {
  return cards.map((card) => {
    const pick = TREND_VALUE[card.key];
    if (!pick) return { ...card, trend: null };
    const points = input.values.map(pick.get);
    return { ...card, trend: { points, summary: trendSummary(card.label, points, pick.format, input) } };
  });
}

const ratePick = (key: RateKey) => ({ get: (v: KpiValues) => v[key], format: formatPercent });
const p95Pick = (key: "ttr_bot" | "ttr_human" | "first_response") => ({
  get: (v: KpiValues) => v[key].p95,
  format: (n: number) => `p95 ${formatDuration(n)}`,
});
const TREND_VALUE: Partial<Record<KpiKey, { get: (v: KpiValues) => number | null; format: (n: number) => string }>> = {
  conversations: { get: (v) => v.conversations, format: formatCount },
  resolved_rate: ratePick("resolved_rate"),
  containment: ratePick("containment"),
  escalation_rate: ratePick("escalation_rate"),
  handoff_success: ratePick("handoff_success"),
  tool_success: ratePick("tool_success"),
  recontact_rate: ratePick("recontact_rate"),
  ttr_bot: p95Pick("ttr_bot"),
  ttr_human: p95Pick("ttr_human"),
  first_response: p95Pick("first_response"),
  sla_breaches: { get: (v) => v.sla_breaches, format: formatCount },
};

/** "Containment per hour, last 24 hours: 40% in the first hour with data, 55% in the last; lowest 20%, highest 70%." */
export function trendSummary(
  label: string,
  points: (number | null)[],
  format: (n: number) => string,
  input: Pick<TrendInput, "period" | "bucketName">,
): string {
  const known = points.filter((p): p is number => p !== null);
  const head = `${label} per ${input.bucketName}, ${input.period}`;
  if (known.length === 0) return `${head}: no data.`;
  if (known.length === 1) return `${head}: ${format(known[0])} in the one ${input.bucketName} with data.`;
  const first = known[0];
  const last = known[known.length - 1];
  const way = last > first ? "rising" : last < first ? "falling" : "level";
  return `${head}, ${way}: ${format(first)} in the first ${input.bucketName} with data, ${format(last)} in the last; lowest ${format(Math.min(...known))}, highest ${format(Math.max(...known))}.`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The KPI cards; `before` is the comparison (previous period or the other version), null for none. */
export function prepareKpiCards(t: KpiTotals, now: KpiValues, before: KpiValues | null): Omit<KpiCardData, "trend">[] {
  const none = "No conversations in this range.";
  const def = (key: KpiKey) => ({
    key,
    label: KPI_DEFINITIONS[key].label,
    definition: KPI_DEFINITIONS[key].definition,
  });
  const rate = (
    key: RateKey,
    num: number,
    den: number,
    detail: string,
    emptyDetail: string,
    drill: Record<string, string> | null,
  ): Omit<KpiCardData, "trend"> => ({
    ...def(key),
    value: now[key] === null ? null : formatPercent(now[key]!),
    detail: den > 0 ? detail : emptyDetail,
    delta: before ? rateDelta(now[key], before[key], HIGHER_IS_BETTER[key]) : null,
    drill,
  });
  const timing = (
    key: "ttr_bot" | "ttr_human" | "first_response",
    what: string,
    empty: string,
  ): Omit<KpiCardData, "trend"> => ({
    ...def(key),
    value: now[key].n ? `${formatDuration(now[key].p50)} / ${formatDuration(now[key].p95)}` : null,
    detail: now[key].n ? `p50 / p95 over ${plural(now[key].n, what)}.` : empty,
    delta: before ? relativeDelta(now[key].p95, before[key].p95, HIGHER_IS_BETTER[key]) : null,
    drill: null,
  });
  return [
    {
      ...def("conversations"),
      value: formatCount(t.started),
      detail: t.started ? `${formatCount(t.abandoned)} abandoned, ${formatCount(t.failed)} failed.` : none,
      delta: before ? relativeDelta(now.conversations, before.conversations, null) : null,
      drill: t.started ? {} : null,
    },
    rate(
      "resolved_rate",
      t.resolved,
      t.started,
      `${formatCount(t.resolved)} of ${plural(t.started, "conversation")} resolved.`,
      none,
      { outcome: "resolved" },
    ),
    rate(
      "reviewed_resolution",
      now.reviewed_resolution_counts.resolved,
      now.reviewed_resolution_counts.total,
      `${formatCount(now.reviewed_resolution_counts.resolved)} of ${plural(now.reviewed_resolution_counts.total, "reviewed conversation")} judged resolved.`,
      "No sampled conversations answered in this range; sample some in the review queue.",
      null,
    ),
    rate("containment", t.contained, t.started, `${formatCount(t.contained)} resolved with no person involved.`, none, {
      outcome: "contained",
    }),
    rate("escalation_rate", t.escalated, t.started, `${formatCount(t.escalated)} handed to a person.`, none, {
      outcome: "escalated",
    }),
    rate(
      "handoff_success",
      t.handoffs - t.handoffsAskedAgain,
      t.handoffs,
      `${formatCount(t.handoffsAskedAgain)} of ${plural(t.handoffs, "handoff")} asked again for known context.`,
      t.started ? "No agent-to-agent handoffs in this range." : none,
      null,
    ),
    rate(
      "routing_accuracy",
      now.routing_reviewed.correct,
      now.routing_reviewed.total,
      `${formatCount(now.routing_reviewed.correct)} of ${plural(now.routing_reviewed.total, "reviewed decision")} correct.`,
      "No routing decisions reviewed in this range; mark them on a conversation's page.",
      null,
    ),
    rate(
      "tool_success",
      t.toolCallsOk,
      t.toolCalls,
      `${formatCount(t.toolCallsOk)} of ${plural(t.toolCalls, "tool call")} succeeded.`,
      t.started ? "No tool calls in this range." : none,
      null,
    ),
    rate(
      "recontact_rate",
      t.recontacts,
      t.recontactEligible,
      `${formatCount(t.recontacts)} of ${plural(t.recontactEligible, "conversation")} with a known customer and intent.`,
      t.started ? "No conversations with both a known customer and a routed intent." : none,
      null,
    ),
    timing("ttr_bot", "resolved conversation", t.started ? "No conversation was resolved by the flow alone." : none),
    timing("ttr_human", "resolved conversation", t.started ? "No escalated conversation was resolved." : none),
    timing(
      "first_response",
      "answered escalation",
      t.escalations ? "No escalation has had a reply yet." : t.started ? "No escalations in this range." : none,
    ),
    {
      ...def("sla_breaches"),
      value: t.escalations ? formatCount(t.slaBreaches) : null,
      detail: t.escalations
        ? `${formatCount(t.slaBreaches)} of ${plural(t.escalations, "escalation")} missed the SLA.`
        : t.started
          ? "No escalations in this range."
          : none,
      delta: before ? relativeDelta(now.sla_breaches, before.sla_breaches, false) : null,
      drill: t.slaBreaches ? { outcome: "sla_breached" } : null,
    },
  ];
}
