import { describe, expect, it } from "vitest";
import { drillHref } from "@/lib/features/dashboard/drill-href";
import {
  MAX_RANGE_DAYS,
  addDays,
  daysBetween,
  filtersQuery,
  parseDrill,
  parseKpiFilters,
  reconcileFilters,
} from "@/lib/features/dashboard/filters";

const now = new Date("2026-11-21T15:00:00Z");

describe("dashboard filters from the URL", () => {
  it("defaults to the last 30 UTC days, all flows and channels", () => {
    expect(parseKpiFilters({}, now)).toEqual({
      from: "2026-10-23",
      to: "2026-11-21",
      flowId: null,
      versionId: null,
      channel: null,
    });
  });

  it("reads flow, version, channel and dates", () => {
    const f = parseKpiFilters({ flow: "f1", version: "v2", channel: "api", from: "2026-11-01", to: "2026-11-07" }, now);
    expect(f).toEqual({ from: "2026-11-01", to: "2026-11-07", flowId: "f1", versionId: "v2", channel: "api" });
  });

  it("ignores a version without a flow, unknown channels (test runs included) and malformed dates", () => {
    const f = parseKpiFilters({ version: "v2", channel: "test", from: "yesterday", to: "2026-13-45" }, now);
    expect(f.versionId).toBeNull();
    expect(f.channel).toBeNull();
    expect(f.to).toBe("2026-11-21");
  });

  it("swaps a reversed range and caps its length", () => {
    expect(parseKpiFilters({ from: "2026-11-10", to: "2026-11-01" }, now)).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-10",
    });
    const long = parseKpiFilters({ from: "2020-01-01", to: "2026-11-21" }, now);
    expect(daysBetween(long.from, long.to)).toBe(MAX_RANGE_DAYS);
  });

  it("round-trips through the query string", () => {
    const f = parseKpiFilters({ flow: "f1", channel: "web", from: "2026-11-01", to: "2026-11-07" }, now);
    expect(parseKpiFilters(new URLSearchParams(filtersQuery(f)), now)).toEqual(f);
  });

  it("reads one drill dimension and builds the drill-down link with the filters", () => {
    expect(parseDrill({ day: "2026-11-20" })).toEqual({ kind: "day", day: "2026-11-20" });
    expect(parseDrill({ node: "agent_a" })).toEqual({ kind: "node", nodeId: "agent_a" });
    expect(parseDrill({ outcome: "contained" })).toEqual({ kind: "outcome", outcome: "contained" });
    expect(parseDrill({ outcome: "bogus" })).toBeNull();
    const f = parseKpiFilters({ flow: "f1", from: "2026-11-01", to: "2026-11-07" }, now);
    expect(drillHref(f, { day: "2026-11-03" }, 2)).toBe(
      "/dashboard/conversations?from=2026-11-01&to=2026-11-07&flow=f1&day=2026-11-03&page=2",
    );
  });

  it("drops an unknown flow and a version of another flow", () => {
    const options = {
      flows: [
        { id: "f1", versions: [{ id: "v1" }] },
        { id: "f2", versions: [{ id: "v9" }] },
      ],
    };
    const base = parseKpiFilters({}, now);
    expect(reconcileFilters({ ...base, flowId: "f1", versionId: "v9" }, options)).toMatchObject({
      flowId: "f1",
      versionId: null,
    });
    expect(reconcileFilters({ ...base, flowId: "f1", versionId: "v1" }, options)).toMatchObject({
      flowId: "f1",
      versionId: "v1",
    });
    expect(reconcileFilters({ ...base, flowId: "elsewhere", versionId: "v1" }, options)).toMatchObject({
      flowId: null,
      versionId: null,
    });
  });

  it("adds days across month ends", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
