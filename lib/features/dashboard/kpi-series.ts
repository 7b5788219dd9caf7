// Pure: KPI totals per bucket turned into what the page shows — the current and previous periods' totals (summed
// from the same buckets, so a card and its sparkline always agree) and each KPI's value per bucket.
import { computeKpis, type KpiValues } from "./compute-kpis";
import { emptyHistogram, mergeHistograms } from "./histogram";
import type { KpiTotals } from "./queries";
import { bucketStarts, type Bucket, type Period } from "./time-window";

export function emptyTotals(): KpiTotals {
  return {
    started: 0,
    resolved: 0,
    contained: 0,
    escalated: 0,
    abandoned: 0,
    failed: 0,
    handoffs: 0,
    handoffsAskedAgain: 0,
    recontactEligible: 0,
    recontacts: 0,
    toolCalls: 0,
    toolCallsOk: 0,
    escalations: 0,
    escalationsAnswered: 0,
    slaBreaches: 0,
    ttrBot: emptyHistogram(),
    ttrHuman: emptyHistogram(),
    firstResponse: emptyHistogram(),
  };
}

const HIST_KEYS = ["ttrBot", "ttrHuman", "firstResponse"] as const;

export function addTotals(a: KpiTotals, b: KpiTotals): KpiTotals {
  const out = { ...a };
  for (const key of Object.keys(a) as (keyof KpiTotals)[]) {
    if ((HIST_KEYS as readonly string[]).includes(key)) continue;
    (out[key] as number) = (a[key] as number) + (b[key] as number);
  }
  for (const key of HIST_KEYS) out[key] = mergeHistograms([a[key], b[key]]);
  return out;
}

export type BucketTotals = { start: Date; totals: KpiTotals };

/** One entry per bucket of the period, oldest first; buckets nothing started in are zeros. */
export function densifySeries(series: Map<string, KpiTotals>, period: Period, bucket: Bucket): BucketTotals[] {
  return bucketStarts(period, bucket).map((start) => ({
    start,
    totals: series.get(start.toISOString()) ?? emptyTotals(),
  }));
}

export const sumSeries = (points: BucketTotals[]): KpiTotals =>
  points.reduce((sum, p) => addTotals(sum, p.totals), emptyTotals());

/** Each bucket's KPI values (reviews are not bucketed: their KPIs get no trend). */
export const bucketValues = (points: BucketTotals[]): KpiValues[] => points.map((p) => computeKpis(p.totals, []));
