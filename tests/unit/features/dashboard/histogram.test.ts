import { describe, expect, it } from "vitest";
import {
  HISTOGRAM_BUCKETS,
  HISTOGRAM_RELATIVE_ERROR,
  bucketOf,
  bucketValue,
  histogramCount,
  histogramOf,
  histogramPercentile,
  mergeHistograms,
} from "@/lib/features/dashboard/histogram";

describe("duration histograms", () => {
  it("puts sub-millisecond durations in bucket 0 and uses four buckets per doubling", () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.4)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(2)).toBe(5);
    expect(bucketOf(4)).toBe(9);
    expect(bucketOf(Number.NaN)).toBe(0);
  });

  it("clamps very long durations into the last bucket", () => {
    expect(bucketOf(1e15)).toBe(HISTOGRAM_BUCKETS - 1);
  });

  it("reads every value back within the documented relative error", () => {
    for (const ms of [1.5, 3, 17, 250, 999, 1000, 4321, 60_000, 3_600_000, 86_400_000]) {
      const read = bucketValue(bucketOf(ms));
      expect(Math.abs(read - ms) / ms).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR + 1e-9);
    }
    expect(HISTOGRAM_RELATIVE_ERROR).toBeCloseTo(0.0905, 3);
  });

  it("computes nearest-rank percentiles from buckets", () => {
    const values = Array.from({ length: 100 }, (_, i) => (i + 1) * 10); // 10 … 1000 ms
    const h = histogramOf(values);
    expect(histogramCount(h)).toBe(100);
    const p50 = histogramPercentile(h, 0.5)!;
    const p95 = histogramPercentile(h, 0.95)!;
    expect(Math.abs(p50 - 500) / 500).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    expect(Math.abs(p95 - 950) / 950).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    expect(histogramPercentile(h, 1)).toBe(bucketValue(bucketOf(1000)));
  });

  it("returns null for an empty histogram", () => {
    expect(histogramPercentile(histogramOf([]), 0.5)).toBeNull();
  });

  it("merges histograms by summing buckets, so percentiles of a union are exact to the bucket", () => {
    const a = histogramOf([5, 5, 5]);
    const b = histogramOf([5000]);
    const merged = mergeHistograms([a, b, null]);
    expect(histogramCount(merged)).toBe(4);
    expect(histogramPercentile(merged, 0.5)).toBe(bucketValue(bucketOf(5)));
    expect(histogramPercentile(merged, 0.95)).toBe(bucketValue(bucketOf(5000)));
    expect(merged).toHaveLength(HISTOGRAM_BUCKETS);
  });
});
