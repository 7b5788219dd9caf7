// Pure: turns the roll-up figures into what the dashboard shows — rates, percentiles, units, deltas, empty states and
// chart series. No database and no React, so every number on the page is unit-testable here.
import { KPI_DEFINITIONS, type KpiKey } from "./definitions";
import { addDays, daysBetween, type KpiFilters } from "./filters";
import { histogramCount, histogramPercentile } from "./histogram";
import type {
  DailyPoint,
  FilterOptions,
  KpiTotals,
  ModelUsageRow,
  NodeLatencyRow,
  ReviewedResolution,
  RoutingAccuracySource,
} from "./queries";

export type Tone = "neutral" | "good" | "warn" | "bad";

export function formatPercent(ratio: number): string {
  const pct = ratio * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)}%`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en").format(n);
}

export function formatUsd(n: number): string {
  return n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/** Every KPI as a number (or null when there is nothing to compute it from), before formatting. */
export type KpiValues = {
  conversations: number;
  resolved_rate: number | null;
  /** The review queue's "resolved?" answers: resolved ÷ answered. */
  reviewed_resolution: number | null;
  reviewed_resolution_counts: ReviewedResolution;
  containment: number | null;
  escalation_rate: number | null;
  handoff_success: number | null;
  routing_accuracy: number | null;
  routing_reviewed: { correct: number; total: number };
  tool_success: number | null;
  recontact_rate: number | null;
  sla_breaches: number;
  ttr_bot: { p50: number | null; p95: number | null; n: number };
  ttr_human: { p50: number | null; p95: number | null; n: number };
  first_response: { p50: number | null; p95: number | null; n: number };
};

const percentiles = (h: number[]) => ({
  p50: histogramPercentile(h, 0.5),
  p95: histogramPercentile(h, 0.95),
  n: histogramCount(h),
});

export function computeKpis(
  t: KpiTotals,
  routing: RoutingAccuracySource[],
  judged: ReviewedResolution = { resolved: 0, total: 0 },
): KpiValues {
  const reviewed = routing.reduce((s, r) => s + r.total, 0);
  const correct = routing.reduce((s, r) => s + r.correct, 0);
  return {
    conversations: t.started,
    resolved_rate: ratio(t.resolved, t.started),
    reviewed_resolution: ratio(judged.resolved, judged.total),
    reviewed_resolution_counts: { resolved: judged.resolved, total: judged.total },
    containment: ratio(t.contained, t.started),
    escalation_rate: ratio(t.escalated, t.started),
    handoff_success: ratio(t.handoffs - t.handoffsAskedAgain, t.handoffs),
    routing_accuracy: ratio(correct, reviewed),
    routing_reviewed: { correct, total: reviewed },
    tool_success: ratio(t.toolCallsOk, t.toolCalls),
    recontact_rate: ratio(t.recontacts, t.recontactEligible),
    sla_breaches: t.slaBreaches,
    ttr_bot: percentiles(t.ttrBot),
    ttr_human: percentiles(t.ttrHuman),
    first_response: percentiles(t.firstResponse),
  };
}

export type KpiCardData = {
  key: KpiKey;
  label: string;
  definition: string;
  value: string | null;
  detail: string;
  /** Change against the comparison (the previous period, or version A); null when either side has no value. */
  delta: { text: string; tone: Tone } | null;
  /** The drill-down (query params) behind the figure, if it has one. */
  drill: Record<string, string> | null;
};

type RateKey =
  | "resolved_rate"
  | "reviewed_resolution"
  | "containment"
  | "escalation_rate"
  | "handoff_success"
  | "routing_accuracy"
  | "tool_success"
  | "recontact_rate";
/** Whether a higher value is better; decides the colour of a delta. */
const HIGHER_IS_BETTER: Record<
  RateKey | "conversations" | "sla_breaches" | "ttr_bot" | "ttr_human" | "first_response",
  boolean | null
> = {
  conversations: null,
  resolved_rate: true,
  reviewed_resolution: true,
  containment: true,
  escalation_rate: false,
  handoff_success: true,
  routing_accuracy: true,
  tool_success: true,
  recontact_rate: false,
  sla_breaches: false,
  ttr_bot: false,
  ttr_human: false,
  first_response: false,
};

function deltaTone(diff: number, higherIsBetter: boolean | null): Tone {
  if (diff === 0 || higherIsBetter === null) return "neutral";
  return diff > 0 === higherIsBetter ? "good" : "bad";
}

/** +5.0, −12, ±0: one decimal below ten, a typographic minus. */
function signed(n: number): string {
  const abs = Math.abs(n);
  return `${n > 0 ? "+" : n < 0 ? "−" : "±"}${abs >= 10 || abs === 0 ? Math.round(abs) : abs.toFixed(1)}`;
}

export function rateDelta(
  now: number | null,
  before: number | null,
  higherIsBetter: boolean | null,
): KpiCardData["delta"] {
  if (now === null || before === null) return null;
  const pts = Math.round((now - before) * 1000) / 10;
  const text = `${signed(pts)} pts`;
  return { text, tone: deltaTone(Math.round(pts * 10), higherIsBetter) };
}

export function relativeDelta(
  now: number | null,
  before: number | null,
  higherIsBetter: boolean | null,
): KpiCardData["delta"] {
  if (now === null || before === null) return null;
  if (before === 0) return now === 0 ? { text: "±0%", tone: "neutral" } : null;
  const pct = Math.round(((now - before) / before) * 1000) / 10;
  const text = `${signed(pct)}%`;
  return { text, tone: deltaTone(Math.round(pct * 10), higherIsBetter) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The KPI cards; `before` is the comparison (previous period or the other version), null for none. */
export function prepareKpiCards(t: KpiTotals, now: KpiValues, before: KpiValues | null): KpiCardData[] {
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
  ): KpiCardData => ({
    ...def(key),
    value: now[key] === null ? null : formatPercent(now[key]!),
    detail: den > 0 ? detail : emptyDetail,
    delta: before ? rateDelta(now[key], before[key], HIGHER_IS_BETTER[key]) : null,
    drill,
  });
  const timing = (key: "ttr_bot" | "ttr_human" | "first_response", what: string, empty: string): KpiCardData => ({
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

/** The previous period of the same length, for the cards' deltas. */
export function previousPeriod(f: KpiFilters): KpiFilters {
  const n = daysBetween(f.from, f.to);
  return { ...f, from: addDays(f.from, -n), to: addDays(f.from, -1) };
}

export type DailySeriesPoint = { day: string; label: string; started: number; resolved: number; escalated: number };

/** One point per UTC day of the range, oldest first, days without conversations included as zeros. */
export function prepareDailySeries(points: DailyPoint[], f: KpiFilters): DailySeriesPoint[] {
  const byDay = new Map(points.map((p) => [p.day, p]));
  const fmt = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
  const out: DailySeriesPoint[] = [];
  for (let d = f.from; d <= f.to; d = addDays(d, 1)) {
    const p = byDay.get(d);
    out.push({
      day: d,
      label: fmt.format(new Date(`${d}T00:00:00Z`)),
      started: p?.started ?? 0,
      resolved: p?.resolved ?? 0,
      escalated: p?.escalated ?? 0,
    });
  }
  return out;
}

export type NodeLatencyBar = {
  key: string;
  nodeId: string;
  label: string;
  flowName: string;
  kind: string;
  steps: number;
  errorRate: number;
  p50: number | null;
  p95: number | null;
};

/** The slowest nodes by p95 (at most `limit`), labelled from the flow's graph. */
export function prepareNodeLatency(rows: NodeLatencyRow[], options: FilterOptions, limit = 12): NodeLatencyBar[] {
  const flows = new Map(options.flows.map((f) => [f.id, f]));
  return rows
    .map((r) => {
      const flow = flows.get(r.flowId);
      return {
        key: `${r.flowId}:${r.nodeId}`,
        nodeId: r.nodeId,
        label: flow?.nodeLabels[r.nodeId] ?? r.nodeId,
        flowName: flow?.name ?? "(deleted flow)",
        kind: r.nodeKind,
        steps: r.steps,
        errorRate: r.steps ? r.failed / r.steps : 0,
        p50: histogramPercentile(r.hist, 0.5),
        p95: histogramPercentile(r.hist, 0.95),
      };
    })
    .sort((a, b) => (b.p95 ?? -1) - (a.p95 ?? -1) || b.steps - a.steps || a.key.localeCompare(b.key))
    .slice(0, limit);
}

export type ModelUsageBar = ModelUsageRow & { p50: number | null; p95: number | null; costLabel: string };

export function prepareModelUsage(rows: ModelUsageRow[]): ModelUsageBar[] {
  return rows
    .map((r) => ({
      ...r,
      p50: histogramPercentile(r.hist, 0.5),
      p95: histogramPercentile(r.hist, 0.95),
      costLabel: formatUsd(r.costUsd),
    }))
    .sort(
      (a, b) =>
        b.costUsd - a.costUsd ||
        b.tokensIn + b.tokensOut - (a.tokensIn + a.tokensOut) ||
        a.model.localeCompare(b.model),
    );
}

export type CompareRow = { key: KpiKey; label: string; a: string; b: string; delta: KpiCardData["delta"] };

/** Version A against version B, KPI by KPI: the delta is B − A. */
export function prepareVersionCompare(a: KpiValues, b: KpiValues): CompareRow[] {
  const rates: RateKey[] = [
    "resolved_rate",
    "reviewed_resolution",
    "containment",
    "escalation_rate",
    "handoff_success",
    "routing_accuracy",
    "tool_success",
    "recontact_rate",
  ];
  const fmtRate = (v: number | null) => (v === null ? "—" : formatPercent(v));
  const rows: CompareRow[] = [
    {
      key: "conversations",
      label: KPI_DEFINITIONS.conversations.label,
      a: formatCount(a.conversations),
      b: formatCount(b.conversations),
      delta: relativeDelta(b.conversations, a.conversations, null),
    },
    ...rates.map((k) => ({
      key: k,
      label: KPI_DEFINITIONS[k].label,
      a: fmtRate(a[k]),
      b: fmtRate(b[k]),
      delta: rateDelta(b[k], a[k], HIGHER_IS_BETTER[k]),
    })),
  ];
  for (const k of ["ttr_bot", "ttr_human", "first_response"] as const) {
    rows.push({
      key: k,
      label: `${KPI_DEFINITIONS[k].label} (p95)`,
      a: formatDuration(a[k].p95),
      b: formatDuration(b[k].p95),
      delta: relativeDelta(b[k].p95, a[k].p95, false),
    });
  }
  rows.push({
    key: "sla_breaches",
    label: KPI_DEFINITIONS.sla_breaches.label,
    a: formatCount(a.sla_breaches),
    b: formatCount(b.sla_breaches),
    delta: relativeDelta(b.sla_breaches, a.sla_breaches, false),
  });
  return rows;
}
