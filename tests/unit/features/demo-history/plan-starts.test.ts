// The demo history's rhythm: when its conversations start over the 30 days before the first start.
import { describe, expect, it } from "vitest";
import { HISTORY_DAYS, planStarts } from "@/lib/features/demo-history/generate-history";
import { prng } from "@/lib/platform/prng";

const DAY = 86_400_000;
// A Sunday evening, so the 30 days hold four full weekends.
const now = Date.parse("2026-12-06T21:00:00Z");
const starts = planStarts(now, prng(7));
const perDay = (offset: number) => {
  const day = Math.floor(now / DAY) * DAY - offset * DAY;
  return starts.filter((s) => s.at >= day && s.at < day + DAY).length;
};

describe("planStarts", () => {
  it("plans about 3,000 conversations, oldest first, all in the 30 days before now and none in the last minutes", () => {
    expect(starts.length).toBeGreaterThan(2_600);
    expect(starts.length).toBeLessThan(3_400);
    expect(starts.every((s, i) => i === 0 || s.at >= starts[i - 1].at)).toBe(true);
    expect(starts[0].at).toBeGreaterThanOrEqual(now - HISTORY_DAYS * DAY);
    expect(starts.at(-1)!.at).toBeLessThan(now - 5 * 60_000);
  });

  it("is busier on weekdays than at weekends, and in the afternoon than at night (UTC)", () => {
    const weekday = [5, 6, 12, 13, 19, 20].reduce((sum, d) => sum + perDay(d), 0) / 6; // Mondays and Tuesdays
    const weekend = [7, 8, 14, 15].reduce((sum, d) => sum + perDay(d), 0) / 4; // Saturdays and Sundays
    expect(weekday).toBeGreaterThan(weekend * 1.4);
    const hour = (h: number) => starts.filter((s) => new Date(s.at).getUTCHours() === h).length;
    expect(hour(16)).toBeGreaterThan(hour(5) * 5);
  });

  it("has its two incidents: a wave of order questions 11 days ago and of billing disputes 4 days ago", () => {
    const incident = (offset: number) => starts.filter((s) => s.kind && Math.floor((now - s.at) / DAY) <= offset);
    expect(starts.filter((s) => s.kind === "billing_dispute").length).toBe(40);
    expect(starts.filter((s) => s.kind === "order_status" || s.kind === "frustrated").length).toBe(70);
    expect(incident(4).every((s) => s.kind === "billing_dispute")).toBe(true);
  });

  it("is the same plan for the same seed", () => {
    expect(planStarts(now, prng(7))).toEqual(starts);
    expect(planStarts(now, prng(8))).not.toEqual(starts);
  });
});
