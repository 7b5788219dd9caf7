import { describe, expect, it } from "vitest";
import { histogramOf } from "@/lib/features/dashboard/histogram";
import { computeKpis } from "@/lib/features/dashboard/compute-kpis";
import { formatDuration } from "@/lib/features/dashboard/format-figures";
import { rateDelta, relativeDelta } from "@/lib/features/dashboard/kpi-deltas";
import { densifySeries } from "@/lib/features/dashboard/kpi-series";
import { prepareActivitySeries, prepareModelUsage, prepareNodeLatency } from "@/lib/features/dashboard/prepare-charts";
import { prepareKpiCards, trendSummary, withTrends } from "@/lib/features/dashboard/prepare-kpi-cards";
import { prepareVersionCompare } from "@/lib/features/dashboard/prepare-version-compare";
import type { KpiTotals } from "@/lib/features/dashboard/queries";

const empty = histogramOf([]);
const totals = (over: Partial<KpiTotals> = {}): KpiTotals => ({
  started: 10,
  resolved: 6,
  contained: 4,
  escalated: 3,
  abandoned: 2,
  failed: 1,
  handoffs: 5,
  handoffsAskedAgain: 1,
  recontactEligible: 8,
  recontacts: 2,
  toolCalls: 20,
  toolCallsOk: 19,
  escalations: 3,
  escalationsAnswered: 2,
  slaBreaches: 1,
  ttrBot: histogramOf([60_000, 120_000, 180_000, 240_000]),
  ttrHuman: histogramOf([3_600_000, 7_200_000]),
  firstResponse: histogramOf([30_000, 90_000]),
  ...over,
});
const f = { from: "2026-11-01", to: "2026-11-07", flowId: null, versionId: null, channel: null };

describe("KPI values", () => {
  it("computes every rate from the roll-up counts", () => {
    const v = computeKpis(totals(), [{ source: "review", correct: 9, total: 12 }]);
    expect(v.resolved_rate).toBe(0.6);
    expect(v.containment).toBe(0.4);
    expect(v.escalation_rate).toBe(0.3);
    expect(v.handoff_success).toBe(0.8);
    expect(v.routing_accuracy).toBe(0.75);
    expect(v.tool_success).toBe(0.95);
    expect(v.recontact_rate).toBe(0.25);
    expect(v.ttr_bot.n).toBe(4);
    expect(v.first_response.n).toBe(2);
  });

  it("is null, not zero, where there is nothing to divide by", () => {
    const v = computeKpis(
      totals({
        started: 0,
        handoffs: 0,
        handoffsAskedAgain: 0,
        toolCalls: 0,
        toolCallsOk: 0,
        recontactEligible: 0,
        ttrBot: empty,
      }),
      [],
    );
    expect(v.resolved_rate).toBeNull();
    expect(v.handoff_success).toBeNull();
    expect(v.routing_accuracy).toBeNull();
    expect(v.tool_success).toBeNull();
    expect(v.recontact_rate).toBeNull();
    expect(v.ttr_bot).toEqual({ p50: null, p95: null, n: 0 });
  });
});

describe("KPI cards", () => {
  it("formats values, details, definitions and drill links", () => {
    const t = totals();
    const cards = prepareKpiCards(t, computeKpis(t, []), null);
    const card = (key: string) => cards.find((c) => c.key === key)!;
    expect(card("resolved_rate")).toMatchObject({ value: "60%", drill: { outcome: "resolved" }, delta: null });
    expect(card("containment").definition).toMatch(/without any escalation/);
    expect(card("routing_accuracy").value).toBeNull();
    expect(card("routing_accuracy").detail).toMatch(/No routing decisions reviewed/);
    expect(card("ttr_bot").value).toMatch(/min \/ .*min/);
    expect(card("sla_breaches")).toMatchObject({ value: "1", drill: { outcome: "sla_breached" } });
  });

  it("shows deltas against the comparison, coloured by whether higher is better", () => {
    const a = totals();
    const b = totals({ escalated: 5, resolved: 8 });
    const cards = prepareKpiCards(b, computeKpis(b, []), computeKpis(a, []));
    expect(cards.find((c) => c.key === "resolved_rate")!.delta).toEqual({
      text: "+20 pts",
      tone: "good",
      direction: "up",
    });
    expect(cards.find((c) => c.key === "escalation_rate")!.delta).toEqual({
      text: "+20 pts",
      tone: "bad",
      direction: "up",
    });
    expect(cards.find((c) => c.key === "conversations")!.delta).toEqual({
      text: "±0%",
      tone: "neutral",
      direction: "flat",
    });
  });

  it("says honestly when there are no conversations", () => {
    const t = totals({
      started: 0,
      resolved: 0,
      contained: 0,
      escalated: 0,
      escalations: 0,
      ttrBot: empty,
      ttrHuman: empty,
      firstResponse: empty,
    });
    const cards = prepareKpiCards(t, computeKpis(t, []), null);
    expect(cards.find((c) => c.key === "resolved_rate")).toMatchObject({
      value: null,
      detail: "No conversations in this range.",
    });
    expect(cards.find((c) => c.key === "sla_breaches")!.value).toBeNull();
  });
});

describe("deltas", () => {
  it("uses percentage points for rates and relative change for amounts", () => {
    expect(rateDelta(0.5, 0.45, true)).toEqual({ text: "+5.0 pts", tone: "good", direction: "up" });
    expect(rateDelta(0.4, 0.5, false)).toEqual({ text: "−10 pts", tone: "good", direction: "down" });
    expect(rateDelta(null, 0.5, true)).toBeNull();
    expect(relativeDelta(150, 100, false)).toEqual({ text: "+50%", tone: "bad", direction: "up" });
    expect(relativeDelta(5, 0, null)).toBeNull();
  });
});

describe("chart series", () => {
  it("has one point per day of the range, zeros included", () => {
    const period = { start: new Date(`${f.from}T00:00:00Z`), end: new Date("2026-11-08T00:00:00Z") };
    const byBucket = new Map([["2026-11-03T00:00:00.000Z", totals({ started: 4, resolved: 2, escalated: 1 })]]);
    const series = prepareActivitySeries(densifySeries(byBucket, period, "day"), "day");
    expect(series).toHaveLength(7);
    expect(series[0]).toMatchObject({ day: "2026-11-01", started: 0 });
    expect(series[2]).toMatchObject({ day: "2026-11-03", label: "Nov 3", started: 4, resolved: 2, escalated: 1 });
  });

  it("has one point per hour of a day, labelled with the UTC time", () => {
    const period = { start: new Date("2026-11-03T00:00:00Z"), end: new Date("2026-11-04T00:00:00Z") };
    const byBucket = new Map([["2026-11-03T14:00:00.000Z", totals({ started: 3 })]]);
    const series = prepareActivitySeries(densifySeries(byBucket, period, "hour"), "hour");
    expect(series).toHaveLength(24);
    expect(series[14]).toMatchObject({
      day: "2026-11-03",
      label: "14:00",
      title: "Nov 3, 14:00–15:00 UTC",
      started: 3,
    });
    expect(series[13].started).toBe(0);
  });

  it("orders nodes by p95 and labels them from the flow graph", () => {
    const options = { flows: [{ id: "fl", name: "Retail", versions: [], nodeLabels: { a: "Orders agent" } }] };
    const bars = prepareNodeLatency(
      [
        { flowId: "fl", nodeId: "a", nodeKind: "agent", steps: 4, failed: 1, hist: histogramOf([100, 200, 300, 4000]) },
        { flowId: "fl", nodeId: "r", nodeKind: "router", steps: 2, failed: 0, hist: histogramOf([5, 6]) },
      ],
      options,
    );
    expect(bars.map((b) => b.label)).toEqual(["Orders agent", "r"]);
    expect(bars[0].errorRate).toBe(0.25);
    expect(bars[0].p95! > bars[1].p95!).toBe(true);
  });

  it("orders models by cost and formats it", () => {
    const rows = prepareModelUsage([
      { model: "cheap", calls: 1, errors: 0, tokensIn: 10, tokensOut: 5, costUsd: 0.001, hist: empty },
      { model: "dear", calls: 1, errors: 0, tokensIn: 10, tokensOut: 5, costUsd: 1.5, hist: empty },
    ]);
    expect(rows.map((r) => [r.model, r.costLabel])).toEqual([
      ["dear", "$1.50"],
      ["cheap", "$0.0010"],
    ]);
  });

  it("shows the offline stand-in's calls as offline, with no cost, not as a priced model", () => {
    const rows = prepareModelUsage([
      { model: "offline", calls: 7, errors: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, hist: empty },
      { model: "gpt-4o-mini", calls: 1, errors: 0, tokensIn: 10, tokensOut: 5, costUsd: 0.00001, hist: empty },
    ]);
    expect(rows.map((r) => [r.model, r.offline, r.costLabel])).toEqual([
      ["gpt-4o-mini", false, "$0.0000"],
      ["offline", true, "none (offline stand-in)"],
    ]);
  });

  it("compares two versions KPI by KPI (B against A)", () => {
    const a = computeKpis(totals(), []);
    const b = computeKpis(totals({ contained: 6 }), []);
    const row = prepareVersionCompare(a, b).find((r) => r.key === "containment")!;
    expect(row).toEqual({
      key: "containment",
      label: "Containment",
      a: "40%",
      b: "60%",
      delta: { text: "+20 pts", tone: "good", direction: "up" },
    });
  });

  it("formats durations in the unit a person reads", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(420)).toBe("420 ms");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(90_000)).toBe("1.5 min");
    expect(formatDuration(2 * 3_600_000)).toBe("2.0 h");
  });
});

describe("KPI trends", () => {
  it("gives each roll-up KPI a sparkline of its per-bucket values and says what it does", () => {
    const buckets = [
      totals({ started: 4, contained: 1 }),
      totals({ started: 0 }),
      totals({ started: 4, contained: 3 }),
    ];
    const t = totals();
    const cards = withTrends(prepareKpiCards(t, computeKpis(t, []), null), {
      values: buckets.map((b) => computeKpis(b, [])),
      period: "in the last 24 hours",
      bucketName: "hour",
    });
    const containment = cards.find((c) => c.key === "containment")!;
    expect(containment.trend!.points).toEqual([0.25, null, 0.75]);
    expect(containment.trend!.summary).toBe(
      "Containment per hour, in the last 24 hours, rising: 25% in the first hour with data, 75% in the last; lowest 25%, highest 75%.",
    );
    expect(cards.find((c) => c.key === "conversations")!.trend!.points).toEqual([4, 0, 4]);
    // Review-based KPIs are not bucketed.
    expect(cards.find((c) => c.key === "routing_accuracy")!.trend).toBeNull();
  });

  it("says so when no bucket has data", () => {
    expect(
      trendSummary("Tool-call success", [null, null], String, { period: "on 2026-11-01", bucketName: "hour" }),
    ).toBe("Tool-call success per hour, on 2026-11-01: no data.");
  });
});
