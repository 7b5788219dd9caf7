import { describe, expect, it } from "vitest";
import { formatPercent, prepareKpis, type KpiCounts } from "@/lib/console/prepare-kpis";

const empty: KpiCounts = {
  windowDays: 7,
  started: 0,
  resolved: 0,
  active: 0,
  withEscalation: 0,
  messages: 0,
  openEscalations: 0,
  unclaimedEscalations: 0,
  breachedInWindow: 0,
  escalationsInWindow: 0,
  breachedOpenNow: 0,
};

describe("dashboard KPIs", () => {
  it("shows no rate at all, rather than 0%, when nothing happened", () => {
    const cards = prepareKpis(empty);
    expect(cards.find((c) => c.name === "resolved-rate")?.value).toBeNull();
    expect(cards.find((c) => c.name === "escalation-rate")?.value).toBeNull();
    expect(cards.find((c) => c.name === "conversations-started")?.value).toBe("0");
  });

  it("computes rates from the counts", () => {
    const cards = prepareKpis({ ...empty, started: 8, resolved: 2, withEscalation: 3, messages: 40 });
    expect(cards.find((c) => c.name === "resolved-rate")?.value).toBe("25%");
    expect(cards.find((c) => c.name === "escalation-rate")?.value).toBe("38%");
  });

  it("keeps one decimal below ten percent", () => {
    expect(formatPercent(0.0456)).toBe("4.6%");
    expect(formatPercent(0.5)).toBe("50%");
  });
});
