import { describe, expect, it } from "vitest";
import { filtersQuery, filtersWindow, parseDrill, parseKpiFilters } from "@/lib/features/dashboard/filters";
import {
  bucketDrill,
  bucketStarts,
  chooseBucket,
  dayRangeWindow,
  describeWindow,
  relativeWindow,
  windowTitle,
} from "@/lib/features/dashboard/time-window";

const now = new Date("2026-11-21T15:37:12Z");
const iso = (d: Date) => d.toISOString();

describe("bucket choice", () => {
  it("uses five minutes up to two hours, hours up to two days, days above", () => {
    expect(chooseBucket(3_600_000)).toBe("5m");
    expect(chooseBucket(2 * 3_600_000)).toBe("5m");
    expect(chooseBucket(2 * 3_600_000 + 1)).toBe("hour");
    expect(chooseBucket(24 * 3_600_000)).toBe("hour");
    expect(chooseBucket(48 * 3_600_000)).toBe("hour");
    expect(chooseBucket(48 * 3_600_000 + 1)).toBe("day");
  });

  it("buckets a custom range of one or two days by hour and of three by day", () => {
    expect(dayRangeWindow("2026-11-21", "2026-11-21").bucket).toBe("hour");
    expect(dayRangeWindow("2026-11-20", "2026-11-21").bucket).toBe("hour");
    expect(dayRangeWindow("2026-11-19", "2026-11-21").bucket).toBe("day");
  });
});

describe("relative ranges", () => {
  it("the last 24 hours are 24 whole clock hours ending with the one in progress", () => {
    const w = relativeWindow("24h", now);
    expect(w.bucket).toBe("hour");
    expect(iso(w.current.start)).toBe("2026-11-20T16:00:00.000Z");
    expect(iso(w.current.end)).toBe("2026-11-21T16:00:00.000Z");
    expect(bucketStarts(w.current, w.bucket)).toHaveLength(24);
  });

  it("the last hour is twelve five-minute buckets", () => {
    const w = relativeWindow("1h", now);
    expect(w.bucket).toBe("5m");
    expect(iso(w.current.start)).toBe("2026-11-21T14:40:00.000Z");
    expect(iso(w.current.end)).toBe("2026-11-21T15:40:00.000Z");
    expect(bucketStarts(w.current, w.bucket)).toHaveLength(12);
  });

  it("7 and 30 days are whole UTC days including today", () => {
    const w = relativeWindow("7d", now);
    expect(w.bucket).toBe("day");
    expect(iso(w.current.start)).toBe("2026-11-15T00:00:00.000Z");
    expect(iso(w.current.end)).toBe("2026-11-22T00:00:00.000Z");
    expect(bucketStarts(relativeWindow("30d", now).current, "day")).toHaveLength(30);
  });

  it("a time exactly on a boundary belongs to the bucket it starts", () => {
    const w = relativeWindow("24h", new Date("2026-11-21T15:00:00Z"));
    expect(iso(w.current.end)).toBe("2026-11-21T16:00:00.000Z");
  });
});

describe("period comparison", () => {
  it("compares with the period of equal length just before", () => {
    const w = relativeWindow("24h", now);
    expect(iso(w.previous.start)).toBe("2026-11-19T16:00:00.000Z");
    expect(iso(w.previous.end)).toBe(iso(w.current.start));
    const days = dayRangeWindow("2026-11-01", "2026-11-07");
    expect(iso(days.previous.start)).toBe("2026-10-25T00:00:00.000Z");
    expect(iso(days.previous.end)).toBe("2026-11-01T00:00:00.000Z");
  });
});

describe("range in the URL", () => {
  it("reads a relative range and derives the days it touches", () => {
    const f = parseKpiFilters({ range: "24h", channel: "web", from: "2026-01-01" }, now);
    expect(f).toMatchObject({ range: "24h", from: "2026-11-20", to: "2026-11-21", channel: "web" });
    expect(iso(filtersWindow(f, now).current.start)).toBe("2026-11-20T16:00:00.000Z");
  });

  it("writes a relative range by name, so the link keeps meaning 'the last 24 hours'", () => {
    const f = parseKpiFilters({ range: "24h", flow: "f1" }, now);
    expect(filtersQuery(f)).toBe("range=24h&flow=f1");
    expect(parseKpiFilters(new URLSearchParams(filtersQuery(f)), now)).toEqual(f);
  });

  it("ignores an unknown range and keeps the custom dates", () => {
    const f = parseKpiFilters({ range: "2y", from: "2026-11-01", to: "2026-11-07" }, now);
    expect(f.range).toBeUndefined();
    expect(f).toMatchObject({ from: "2026-11-01", to: "2026-11-07" });
  });

  it("names the window for the page", () => {
    expect(describeWindow("24h", "2026-11-20", "2026-11-21")).toBe("in the last 24 hours");
    expect(describeWindow(null, "2026-11-01", "2026-11-07")).toBe("2026-11-01 – 2026-11-07");
    expect(describeWindow(null, "2026-11-01", "2026-11-01")).toBe("on 2026-11-01");
  });
});

describe("drill-down of a bucket", () => {
  it("opens a day bucket's day and an hour bucket's hour", () => {
    expect(bucketDrill(new Date("2026-11-03T00:00:00Z"), "day")).toEqual({ day: "2026-11-03" });
    const hour = bucketDrill(new Date("2026-11-03T14:00:00Z"), "hour");
    expect(hour).toEqual({ since: "2026-11-03T14:00:00.000Z", until: "2026-11-03T15:00:00.000Z" });
    expect(parseDrill(hour)).toEqual({ kind: "window", ...hour });
    expect(windowTitle(new Date(hour.since), new Date(hour.until))).toBe("Nov 3, 14:00–15:00 UTC");
  });

  it("refuses a window that is reversed, malformed or longer than an hour", () => {
    expect(parseDrill({ since: "2026-11-03T15:00:00Z", until: "2026-11-03T14:00:00Z" })).toBeNull();
    expect(parseDrill({ since: "yesterday", until: "2026-11-03T14:00:00Z" })).toBeNull();
    expect(parseDrill({ since: "2026-11-03T00:00:00Z", until: "2026-11-04T00:00:00Z" })).toBeNull();
  });
});
