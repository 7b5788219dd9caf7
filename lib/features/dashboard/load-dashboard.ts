// Everything the dashboard page shows, from the roll-ups. A page view refreshes them first when they are more than a
// minute old (bounded: only the days touched since the last refresh, skipped when the cron is already at it).
import "server-only";
import { refreshRollups } from "./refresh-rollups";
import type { KpiFilters } from "./filters";
import { computeKpis } from "./compute-kpis";
import { previousPeriod } from "./kpi-deltas";
import {
  prepareDailySeries,
  prepareModelUsage,
  prepareNodeLatency,
  type DailySeriesPoint,
  type ModelUsageBar,
  type NodeLatencyBar,
} from "./prepare-charts";
import { prepareKpiCards, type KpiCardData } from "./prepare-kpi-cards";
import { prepareVersionCompare, type CompareRow } from "./prepare-version-compare";
import {
  loadDailySeries,
  loadFilterOptions,
  loadKpiTotals,
  loadModelUsage,
  loadNodeLatency,
  loadReviewedResolution,
  loadRoutingAccuracy,
  type FilterOptions,
} from "./queries";

export const STALE_AFTER_MS = 60_000;

export type DashboardData = {
  started: number;
  cards: KpiCardData[];
  daily: DailySeriesPoint[];
  nodes: NodeLatencyBar[];
  models: ModelUsageBar[];
  options: FilterOptions;
};

/** Never fails the page: figures a little older (the page says how old) beat no page; the cron catches up. */
export async function ensureFreshRollups(): Promise<void> {
  try {
    await refreshRollups({ ifOlderThanMs: STALE_AFTER_MS });
  } catch (error) {
    console.warn("[dashboard] refreshing the roll-ups on a page view failed:", (error as Error).message);
  }
}

export async function loadKpiValues(workspaceId: string, f: KpiFilters) {
  const [totals, routing, reviewed] = await Promise.all([
    loadKpiTotals(workspaceId, f),
    loadRoutingAccuracy(workspaceId, f),
    loadReviewedResolution(workspaceId, f),
  ]);
  return { totals, values: computeKpis(totals, routing, reviewed) };
}

export async function loadDashboardData(
  workspaceId: string,
  f: KpiFilters,
  knownOptions?: FilterOptions,
): Promise<DashboardData> {
  const [current, previous, daily, nodes, models, options] = await Promise.all([
    loadKpiValues(workspaceId, f),
    loadKpiValues(workspaceId, previousPeriod(f)),
    loadDailySeries(workspaceId, f),
    loadNodeLatency(workspaceId, f),
    loadModelUsage(workspaceId, f),
    knownOptions ?? loadFilterOptions(workspaceId),
  ]);
  return {
    started: current.totals.started,
    cards: prepareKpiCards(current.totals, current.values, previous.totals.started ? previous.values : null),
    daily: prepareDailySeries(daily, f),
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
): Promise<CompareRow[]> {
  const [a, b] = await Promise.all([
    loadKpiValues(workspaceId, { ...f, versionId: versionA }),
    loadKpiValues(workspaceId, { ...f, versionId: versionB }),
  ]);
  return prepareVersionCompare(a.values, b.values);
}
