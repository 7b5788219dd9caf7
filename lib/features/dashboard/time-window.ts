// Pure: the period a dashboard view covers, how finely its charts are bucketed, and the previous period of equal
// length its changes are measured against. Relative ranges (last hour, 24 h, 7 d, 30 d) end at the next bucket
// boundary after now, so every bucket is a whole clock interval and the newest one is the one in progress.

export const RELATIVE_RANGES = ["1h", "24h", "7d", "30d"] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

export const RANGE_LABELS: Record<RelativeRange, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

export type Bucket = "5m" | "hour" | "day";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const BUCKET_MS: Record<Bucket, number> = { "5m": 5 * MINUTE_MS, hour: HOUR_MS, day: DAY_MS };
/** The Postgres interval of a bucket (date_bin's stride). */
export const BUCKET_INTERVAL: Record<Bucket, string> = { "5m": "5 minutes", hour: "1 hour", day: "1 day" };

const RANGE_MS: Record<RelativeRange, number> = { "1h": HOUR_MS, "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS };

/** Up to two hours: five-minute buckets; up to two days: hours (a day bar would hide the busy hours); above: days. */
export function chooseBucket(lengthMs: number): Bucket {
  if (lengthMs <= 2 * HOUR_MS) return "5m";
  if (lengthMs <= 2 * DAY_MS) return "hour";
  return "day";
}

export type Period = { start: Date; end: Date };

export type DashboardWindow = {
  /** [start, end): what the figures count. */
  current: Period;
  /** The same length just before, for the changes on the cards. */
  previous: Period;
  bucket: Bucket;
};

const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;

/** The window of a relative range at `now`. */
export function relativeWindow(range: RelativeRange, now: Date): DashboardWindow {
  const length = RANGE_MS[range];
  const bucket = chooseBucket(length);
  // A time exactly on a boundary still belongs to the bucket it starts, so the end is the boundary after it.
  const end = ceilTo(now.getTime() + 1, BUCKET_MS[bucket]);
  return windowOf(end - length, end, bucket);
}

/** The window of inclusive UTC days `from`..`to` (YYYY-MM-DD). */
export function dayRangeWindow(from: string, to: string): DashboardWindow {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
  return windowOf(start, end, chooseBucket(end - start));
}

function windowOf(start: number, end: number, bucket: Bucket): DashboardWindow {
  const length = end - start;
  return {
    current: { start: new Date(start), end: new Date(end) },
    previous: { start: new Date(start - length), end: new Date(start) },
    bucket,
  };
}

/** Every bucket's start in a period, oldest first (the period's start is a bucket boundary). */
export function bucketStarts(period: Period, bucket: Bucket): Date[] {
  const out: Date[] = [];
  for (let t = period.start.getTime(); t < period.end.getTime(); t += BUCKET_MS[bucket]) out.push(new Date(t));
  return out;
}

const dayLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const timeLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** A bucket's axis label: "Nov 21" for a day, "14:00" for an hour or five minutes (UTC). */
export function bucketLabel(start: Date, bucket: Bucket): string {
  return bucket === "day" ? dayLabel.format(start) : timeLabel.format(start);
}

/** A bucket's full name for tables and tooltips: "Nov 21" or "Nov 21, 14:00–15:00 UTC". */
export function bucketTitle(start: Date, bucket: Bucket): string {
  if (bucket === "day") return dayLabel.format(start);
  const end = new Date(start.getTime() + BUCKET_MS[bucket]);
  return `${dayLabel.format(start)}, ${timeLabel.format(start)}–${timeLabel.format(end)} UTC`;
}

/** A drill-down window's name: "Nov 21, 14:00–15:00 UTC". */
export function windowTitle(start: Date, end: Date): string {
  return `${dayLabel.format(start)}, ${timeLabel.format(start)}–${timeLabel.format(end)} UTC`;
}

/** The drill-down of one bucket: its day, or its window for hours and five minutes. */
export function bucketDrill(start: Date, bucket: Bucket): Record<string, string> {
  if (bucket === "day") return { day: start.toISOString().slice(0, 10) };
  return { since: start.toISOString(), until: new Date(start.getTime() + BUCKET_MS[bucket]).toISOString() };
}

/** How the page names a window: "the last 24 hours" or "2026-11-01 – 2026-11-07". */
export function describeWindow(range: RelativeRange | null, from: string, to: string): string {
  if (range) return RANGE_LABELS[range].toLowerCase().replace(/^last/, "in the last");
  return from === to ? `on ${from}` : `${from} – ${to}`;
}
