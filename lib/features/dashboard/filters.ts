// The dashboard's filters, read from and written to the URL. Pure (no database), shared by the page, the drill-down
// list and the benchmark.
import { z } from "zod";
import { CUSTOMER_CHANNELS } from "@/lib/model/flow/channels";
import {
  RELATIVE_RANGES,
  dayRangeWindow,
  relativeWindow,
  type DashboardWindow,
  type RelativeRange,
} from "./time-window";

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;

export type KpiFilters = {
  /** A relative range ending now; null for the custom range of days below. */
  range?: RelativeRange | null;
  /** Inclusive UTC days, YYYY-MM-DD (for a relative range, the days it touches). */
  from: string;
  to: string;
  flowId: string | null;
  versionId: string | null;
  channel: string | null;
};

export const DRILL_OUTCOMES = ["resolved", "contained", "escalated", "abandoned", "failed", "sla_breached"] as const;
export type DrillOutcome = (typeof DRILL_OUTCOMES)[number];
export type Drill =
  | { kind: "day"; day: string }
  /** One bucket of an hourly or five-minute chart: [since, until), ISO. */
  | { kind: "window"; since: string; until: string }
  | { kind: "node"; nodeId: string }
  | { kind: "model"; model: string }
  | { kind: "outcome"; outcome: DrillOutcome }
  | null;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));
const id = z.string().trim().min(1).max(100);
const instant = z.iso.datetime().transform((s) => new Date(s).toISOString());

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (dayStr: string, n: number) => utcDay(new Date(Date.parse(`${dayStr}T00:00:00Z`) + n * DAY_MS));
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;
const get = (p: Params, key: string): string | undefined => {
  const v = p instanceof URLSearchParams ? (p.get(key) ?? undefined) : p[key];
  return Array.isArray(v) ? v[0] : v || undefined;
};

/** Unknown or malformed values fall back to the defaults instead of failing the page. */
export function parseKpiFilters(params: Params, now = new Date()): KpiFilters {
  const today = utcDay(now);
  const rangeParam = get(params, "range");
  const range = (RELATIVE_RANGES as readonly string[]).includes(rangeParam ?? "")
    ? (rangeParam as RelativeRange)
    : null;
  const common = parseCommon(params);
  if (range) {
    const w = relativeWindow(range, now);
    return {
      range,
      from: utcDay(w.current.start),
      to: utcDay(new Date(w.current.end.getTime() - 1)),
      ...common,
    };
  }
  let to = day.safeParse(get(params, "to")).data ?? today;
  let from = day.safeParse(get(params, "from")).data ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) [from, to] = [to, from];
  if (daysBetween(from, to) > MAX_RANGE_DAYS) from = addDays(to, -(MAX_RANGE_DAYS - 1));
  return { from, to, ...common };
}

function parseCommon(params: Params): Pick<KpiFilters, "flowId" | "versionId" | "channel"> {
  const channel = get(params, "channel");
  const flowId = id.safeParse(get(params, "flow")).data ?? null;
  return {
    flowId,
    // A version belongs to a flow: without a flow it would silently mix with other flows' numbering.
    versionId: flowId ? (id.safeParse(get(params, "version")).data ?? null) : null,
    channel: channel && (CUSTOMER_CHANNELS as readonly string[]).includes(channel) ? channel : null,
  };
}

/** The period the filters cover, at `now` for a relative range. */
export function filtersWindow(f: KpiFilters, now = new Date()): DashboardWindow {
  return f.range ? relativeWindow(f.range, now) : dayRangeWindow(f.from, f.to);
}

/**
 * Drops a flow the workspace does not have and a version that is not the flow's (switching flows in the form still
 * submits the previous flow's version), so a stale URL shows figures instead of an unexplained zero.
 */
export function reconcileFilters(
  f: KpiFilters,
  options: { flows: { id: string; versions: { id: string }[] }[] },
): KpiFilters {
  const flow = options.flows.find((x) => x.id === f.flowId);
  if (!flow) return { ...f, flowId: null, versionId: null };
  return flow.versions.some((v) => v.id === f.versionId) ? f : { ...f, versionId: null };
}

export function parseDrill(params: Params): Drill {
  const dayValue = day.safeParse(get(params, "day")).data;
  if (dayValue) return { kind: "day", day: dayValue };
  const since = instant.safeParse(get(params, "since")).data;
  const until = instant.safeParse(get(params, "until")).data;
  // A bucket is at most an hour: anything longer is not a link this dashboard made.
  if (since && until && Date.parse(until) > Date.parse(since) && Date.parse(until) - Date.parse(since) <= 3_600_000)
    return { kind: "window", since, until };
  const node = id.safeParse(get(params, "node")).data;
  if (node) return { kind: "node", nodeId: node };
  const model = id.safeParse(get(params, "model")).data;
  if (model) return { kind: "model", model };
  const outcome = get(params, "outcome");
  if (outcome && (DRILL_OUTCOMES as readonly string[]).includes(outcome))
    return { kind: "outcome", outcome: outcome as DrillOutcome };
  return null;
}

/** The query string for filters (+ extra params), leaving out defaults-free empties. */
export function filtersQuery(f: KpiFilters, extra: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  // A relative range is its name, so a bookmark keeps meaning "the last 24 hours".
  if (f.range) q.set("range", f.range);
  else {
    q.set("from", f.from);
    q.set("to", f.to);
  }
  if (f.flowId) q.set("flow", f.flowId);
  if (f.versionId) q.set("version", f.versionId);
  if (f.channel) q.set("channel", f.channel);
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  return q.toString();
}

export function drillParams(drill: Drill): Record<string, string> {
  if (!drill) return {};
  switch (drill.kind) {
    case "day":
      return { day: drill.day };
    case "window":
      return { since: drill.since, until: drill.until };
    case "node":
      return { node: drill.nodeId };
    case "model":
      return { model: drill.model };
    case "outcome":
      return { outcome: drill.outcome };
  }
}
