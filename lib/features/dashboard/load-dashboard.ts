// Everything the dashboard page shows, from the roll-ups. A page view refreshes them first when they are more than a
// minute old (bounded: only the days touched since the last refresh, skipped when the cron is already at it).
import "server-only";
import { refreshRollups } from "./refresh-rollups";
import { filtersWindow, type KpiFilters } from "./filters";
import { computeKpis } from "./compute-kpis";
import { loadKpiSeries } from "./kpi-series-query";
import { bucketValues, densifySeries, sumSeries } from "./kpi-series";
import {
  prepareActivitySeries,
  prepareModelUsage,
  prepareNodeLatency,
  type ActivityPoint,
  type ModelUsageBar,
  type NodeLatencyBar,
} from "./prepare-charts";
import { prepareKpiCards, withTrends, type KpiCardData } from "./prepare-kpi-cards";
import { prepareVersionCompare, type CompareRow } from "./prepare-version-compare";
import {
  loadFilterOptions,
  loadKpiTotals,
  loadModelUsage,
  loadNodeLatency,
  loadReviewedResolution,
  loadRoutingAccuracy,
  type FilterOptions,
} from "./queries";
import { storedRollups, withWindowRollups, type RollupSource } from "./rollup-source";
import { describeWindow, type Bucket, type DashboardWindow, type Period } from "./time-window";

export const STALE_AFTER_MS = 60_000;

export type DashboardData = {
  started: number;
  bucket: Bucket;
  cards: KpiCardData[];
  activity: ActivityPoint[];
  nodes: NodeLatencyBar[];
  models: ModelUsageBar[];
  options: FilterOptions;
};

const BUCKET_NAME: Record<Bucket, string> = { "5m": "five minutes", hour: "hour", day: "day" };

/** Never fails the page: figures a little older (the page says how old) beat no page; the cron catches up. */
export async function ensureFreshRollups(): Promise<void> {
  try {
    await refreshRollups({ ifOlderThanMs: STALE_AFTER_MS });
  } catch (error) {
    console.warn("[dashboard] refreshing the roll-ups on a page view failed:", (error as Error).message);
  }
}

/** Reads from the stored daily roll-ups for day buckets, from roll-ups of the raw rows for finer ones. */
function withSource<T>(workspaceId: string, w: DashboardWindow, read: (source: RollupSource) => Promise<T>) {
  const span: Period = { start: w.previous.start, end: w.current.end };
  return w.bucket === "day" ? read(storedRollups()) : withWindowRollups(workspaceId, span, w.bucket, read);
}

export async function loadKpiValues(
  workspaceId: string,
  f: KpiFilters,
  source: RollupSource = storedRollups(),
  period?: Period,
) {
  const [totals, routing, reviewed] = await Promise.all([
    loadKpiTotals(workspaceId, f, source, period),
    loadRoutingAccuracy(workspaceId, f, period),
    loadReviewedResolution(workspaceId, f, period),
  ]);
  return { totals, values: computeKpis(totals, routing, reviewed) };
}

export async function loadDashboardData(
  workspaceId: string,
  f: KpiFilters,
  knownOptions?: FilterOptions,
  now = new Date(),
): Promise<DashboardData> {
  const w = filtersWindow(f, now);
  const span: Period = { start: w.previous.start, end: w.current.end };
  const [[series, nodes, models], routingNow, routingBefore, reviewedNow, reviewedBefore, options] = await Promise.all([
    // One source at a time inside its transaction: a window's temp tables live on one connection.
    withSource(
      workspaceId,
      w,
      async (source) =>
        [
          await loadKpiSeries(workspaceId, f, source, span),
          await loadNodeLatency(workspaceId, f, source, w.current),
          await loadModelUsage(workspaceId, f, source, w.current),
        ] as const,
    ),
    loadRoutingAccuracy(workspaceId, f, w.current),
    loadRoutingAccuracy(workspaceId, f, w.previous),
    loadReviewedResolution(workspaceId, f, w.current),
    loadReviewedResolution(workspaceId, f, w.previous),
    knownOptions ?? loadFilterOptions(workspaceId),
  ]);
  const current = densifySeries(series, w.current, w.bucket);
  const previous = densifySeries(series, w.previous, w.bucket);
  const totals = sumSeries(current);
  const before = sumSeries(previous);
  const cards = prepareKpiCards(
    totals,
    computeKpis(totals, routingNow, reviewedNow),
    before.started ? computeKpis(before, routingBefore, reviewedBefore) : null,
  );
  return {
    started: totals.started,
    bucket: w.bucket,
    cards: withTrends(cards, {
      values: bucketValues(current),
      period: describeWindow(f.range ?? null, f.from, f.to),
      bucketName: BUCKET_NAME[w.bucket],
    }),
    activity: prepareActivitySeries(current, w.bucket),
    nodes: prepareNodeLatency(nodes, options),
    models: prepareModelUsage(models),
    options,
  };
}

/** Two versions of the selected flow side by side (same range and channel); the delta is B − A. */
export async function loadVersionCompare(
  workspaceId: string,
  f: KpiFilters,
  versionA: string,
  versionB: string,
  now = new Date(),
): Promise<CompareRow[]> {
  const w = filtersWindow(f, now);
  const [a, b] = await withSource(workspaceId, w, async (source) => [
    await loadKpiValues(workspaceId, { ...f, versionId: versionA }, source, w.current),
    await loadKpiValues(workspaceId, { ...f, versionId: versionB }, source, w.current),
  ]);
  return prepareVersionCompare(a.values, b.values);
}
