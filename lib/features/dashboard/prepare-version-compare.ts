// Pure: the version comparison table — version A against version B, KPI by KPI, with the change from A to B.
import type { KpiValues } from "./compute-kpis";
import { KPI_DEFINITIONS, type KpiKey } from "./definitions";
import { formatCount, formatDuration, formatPercent } from "./format-figures";
import { HIGHER_IS_BETTER, rateDelta, relativeDelta, type RateKey } from "./kpi-deltas";
import type { KpiCardData } from "./prepare-kpi-cards";

export type CompareRow = { key: KpiKey; label: string; a: string; b: string; delta: KpiCardData["delta"] };

/** Version A against version B, KPI by KPI: the delta is B − A. */
export function prepareVersionCompare(a: KpiValues, b: KpiValues): CompareRow[] {
  const rates: RateKey[] = [
    "resolved_rate",
    "reviewed_resolution",
    "containment",
    "escalation_rate",
    "handoff_success",
    "routing_accuracy",
    "tool_success",
    "recontact_rate",
  ];
  const fmtRate = (v: number | null) => (v === null ? "—" : formatPercent(v));
  const rows: CompareRow[] = [
    {
      key: "conversations",
      label: KPI_DEFINITIONS.conversations.label,
      a: formatCount(a.conversations),
      b: formatCount(b.conversations),
      delta: relativeDelta(b.conversations, a.conversations, null),
    },
    ...rates.map((k) => ({
      key: k,
      label: KPI_DEFINITIONS[k].label,
      a: fmtRate(a[k]),
      b: fmtRate(b[k]),
      delta: rateDelta(b[k], a[k], HIGHER_IS_BETTER[k]),
    })),
  ];
  for (const k of ["ttr_bot", "ttr_human", "first_response"] as const) {
    rows.push({
      key: k,
      label: `${KPI_DEFINITIONS[k].label} (p95)`,
      a: formatDuration(a[k].p95),
      b: formatDuration(b[k].p95),
      delta: relativeDelta(b[k].p95, a[k].p95, false),
    });
  }
  rows.push({
    key: "sla_breaches",
    label: KPI_DEFINITIONS.sla_breaches.label,
    a: formatCount(a.sla_breaches),
    b: formatCount(b.sla_breaches),
    delta: relativeDelta(b.sla_breaches, a.sla_breaches, false),
  });
  return rows;
}
