// Fixed log-scale duration histograms. Roll-up rows store int[HISTOGRAM_BUCKETS] of counts; summing the arrays of any
// set of rows (days, flows, versions, channels) gives the histogram of the union, so p50/p95 over any filter are read
// from roll-ups instead of raw rows.
//
// Bucket 0 holds durations under 1 ms; bucket i ≥ 1 holds [2^((i-1)/4), 2^(i/4)) ms, four buckets per doubling, the
// last one open-ended (from about 40 days). A percentile is reported as the geometric middle of its bucket, so it is
// within a factor 2^(1/8) of the true value: at most ±9.1% relative error (e.g. a true p95 of 1,000 ms reads between
// 917 and 1,091 ms). Bucket 0 reads as 0.5 ms.

export const HISTOGRAM_BUCKETS = 128;
export const BUCKETS_PER_DOUBLING = 4;
/** Worst-case relative error of a percentile read from these buckets. */
export const HISTOGRAM_RELATIVE_ERROR = 2 ** (1 / (2 * BUCKETS_PER_DOUBLING)) - 1;

export function bucketOf(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(HISTOGRAM_BUCKETS - 1, Math.floor(BUCKETS_PER_DOUBLING * Math.log2(ms)) + 1);
}

/** The same bucketing in SQL, for an expression giving milliseconds (double precision). Keep in step with bucketOf. */
export function bucketSql(msExpr: string): string {
  return `(CASE WHEN (${msExpr}) IS NULL OR (${msExpr}) < 1 THEN 0 ELSE LEAST(${HISTOGRAM_BUCKETS - 1}, floor(${BUCKETS_PER_DOUBLING} * ln((${msExpr})::float8) / ln(2.0::float8))::int + 1) END)`;
}

/** The value reported for a bucket: its geometric middle. */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) return 0.5;
  return 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING);
}

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_BUCKETS).fill(0);
}

export function histogramOf(values: number[]): number[] {
  const h = emptyHistogram();
  for (const v of values) h[bucketOf(v)]++;
  return h;
}

export function mergeHistograms(histograms: (readonly number[] | null | undefined)[]): number[] {
  const out = emptyHistogram();
  for (const h of histograms) {
    if (!h) continue;
    for (let i = 0; i < Math.min(h.length, HISTOGRAM_BUCKETS); i++) out[i] += Number(h[i]) || 0;
  }
  return out;
}

export function histogramCount(h: readonly number[]): number {
  let n = 0;
  for (const c of h) n += Number(c) || 0;
  return n;
}

/**
 * The q-quantile (0 < q ≤ 1) with the nearest-rank rule: the smallest bucket holding at least ceil(q·n) values.
 * Null when the histogram is empty.
 */
export function histogramPercentile(h: readonly number[], q: number): number | null {
  const n = histogramCount(h);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += Number(h[i]) || 0;
    if (seen >= rank) return bucketValue(i);
  }
  return bucketValue(h.length - 1);
}
