// Pure: every KPI as a raw number (rates, percentiles with their sample size) from the roll-up totals and the
// reviews, before any formatting. No database and no React, so every number on the page is unit-testable.
import { histogramCount, histogramPercentile } from "./histogram";
import type { KpiTotals, ReviewedResolution, RoutingAccuracySource } from "./queries";

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
