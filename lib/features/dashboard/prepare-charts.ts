// Pure: the dashboard's chart series — conversations per bucket, the slowest nodes and model usage with its cost,
// each with its percentiles and labels ready to draw.
import { utcDay } from "./filters";
import { formatUsd } from "./format-figures";
import { histogramPercentile } from "./histogram";
import type { BucketTotals } from "./kpi-series";
import type { FilterOptions, ModelUsageRow, NodeLatencyRow } from "./queries";
import { bucketLabel, bucketTitle, type Bucket } from "./time-window";
import { OFFLINE_MODEL } from "@/lib/model/flow/model-spec";

export type ActivityPoint = {
  /** The bucket's start, ISO (UTC). */
  at: string;
  /** The UTC day it falls on, for the drill-down. */
  day: string;
  label: string;
  title: string;
  started: number;
  resolved: number;
  escalated: number;
};

/** Conversations started, resolved and escalated per bucket of the period, oldest first, empty buckets as zeros. */
export function prepareActivitySeries(points: BucketTotals[], bucket: Bucket): ActivityPoint[] {
  return points.map(({ start, totals }) => ({
    at: start.toISOString(),
    day: utcDay(start),
    label: bucketLabel(start, bucket),
    title: bucketTitle(start, bucket),
    started: totals.started,
    resolved: totals.resolved,
    escalated: totals.escalated,
  }));
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

/** `offline`: the offline stand-in's calls, which read no tokens and cost nothing: shown as such, never as usage. */
export type ModelUsageBar = ModelUsageRow & {
  p50: number | null;
  p95: number | null;
  costLabel: string;
  offline: boolean;
};

export function prepareModelUsage(rows: ModelUsageRow[]): ModelUsageBar[] {
  return rows
    .map((r) => {
      const offline = r.model === OFFLINE_MODEL;
      return {
        ...r,
        p50: histogramPercentile(r.hist, 0.5),
        p95: histogramPercentile(r.hist, 0.95),
        costLabel: offline ? "none (offline stand-in)" : formatUsd(r.costUsd),
        offline,
      };
    })
    .sort(
      (a, b) =>
        b.costUsd - a.costUsd ||
        b.tokensIn + b.tokensOut - (a.tokensIn + a.tokensOut) ||
        a.model.localeCompare(b.model),
    );
}
