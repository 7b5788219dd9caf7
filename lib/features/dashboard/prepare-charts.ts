// Pure: the dashboard's chart series — conversations per day, the slowest nodes and model usage with its cost,
// each with its percentiles and labels ready to draw.
import { addDays, type KpiFilters } from "./filters";
import { formatUsd } from "./format-figures";
import { histogramPercentile } from "./histogram";
import type { DailyPoint, FilterOptions, ModelUsageRow, NodeLatencyRow } from "./queries";

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
