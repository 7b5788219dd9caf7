// A suite run turned into what its report page draws: per-case checks with expected vs actual as text, routing
// accuracy per intent, a confusion matrix (expected × actual route) and a side-by-side comparison with another run.
// Pure, so every number on the page is unit-tested.
import type { CheckResult, RouteResult } from "@/lib/features/evals/expectations";
import { DEFAULT_HOLD_OUT, routingBasisLabel, type RoutingBasis } from "@/lib/features/evals/held-out";

export type RunResultInput = {
  caseId: string;
  caseName: string;
  passed: boolean;
  checks: unknown;
  routes: unknown;
  error: string | null;
  durationMs: number;
  /** Null when the case ran without a conversation, or its conversation has since been deleted. */
  conversationId: string | null;
  /** A simulated case's: made from held-out examples ("held_out") or trained-on ones ("training"); else null. */
  routingBasis?: string | null;
  /** Replies of the case the offline stand-in wrote: its result says nothing about a model. */
  offlineReplies?: number;
};

export type ReportCheck = { label: string; passed: boolean; expected: string; actual: string };
export type ReportCase = {
  caseId: string;
  name: string;
  passed: boolean;
  error: string | null;
  durationMs: number;
  checks: ReportCheck[];
  failedChecks: number;
  traceHref: string | null;
  offlineReplies: number;
};
export type IntentAccuracy = { intent: string; total: number; correct: number; accuracy: number };
export type ConfusionMatrix = { expected: string[]; actual: string[]; counts: number[][]; max: number };
/** Routing accuracy over the simulated cases of one basis, with the words every output names it by. */
export type BasisAccuracy = { basis: RoutingBasis; label: string; total: number; correct: number; accuracy: number };
export type RunReport = {
  total: number;
  passed: number;
  passRate: number | null;
  cases: ReportCase[];
  routing: {
    total: number;
    correct: number;
    accuracy: number | null;
    perIntent: IntentAccuracy[];
    matrix: ConfusionMatrix;
    /** Simulated cases' turns by basis (held-out first); empty when the run had no simulated case. */
    byBasis: BasisAccuracy[];
  };
};

/** What a route that was never chosen (the conversation stopped, or no router ran) is called in the matrix. */
export const NO_ROUTE = "(none)";

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value || "(empty)";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value))
    return value.length ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ") : "none";
  return JSON.stringify(value);
}

function asChecks(value: unknown): CheckResult[] {
  return Array.isArray(value)
    ? (value.filter((c) => c && typeof c === "object" && typeof (c as CheckResult).label === "string") as CheckResult[])
    : [];
}

function asRoutes(value: unknown): RouteResult[] {
  return Array.isArray(value)
    ? (value.filter((r) => r && typeof r === "object" && typeof (r as RouteResult).turn === "number") as RouteResult[])
    : [];
}

export function passRate(passed: number, total: number): number | null {
  return total > 0 ? passed / total : null;
}

function accuracyByBasis(results: RunResultInput[], heldOutShare: number): BasisAccuracy[] {
  return (["held_out", "training"] as const).flatMap((basis) => {
    const pairs = results
      .filter((r) => r.routingBasis === basis)
      .flatMap((r) => asRoutes(r.routes))
      .filter((r) => typeof r.expected === "string");
    if (!pairs.length) return [];
    const correct = pairs.filter((p) => p.actual === p.expected).length;
    const label = routingBasisLabel(basis, heldOutShare);
    return [{ basis, label, total: pairs.length, correct, accuracy: correct / pairs.length }];
  });
}

/** `heldOutShare`: the share the run held out (stored with it), for the held-out figure's label. */
export function prepareRunReport(results: RunResultInput[], options: { heldOutShare?: number | null } = {}): RunReport {
  const cases: ReportCase[] = results
    .map((r) => {
      const checks = asChecks(r.checks).map((c) => ({
        label: c.label,
        passed: !!c.passed,
        expected: formatValue(c.expected),
        actual: formatValue(c.actual),
      }));
      return {
        caseId: r.caseId,
        name: r.caseName,
        passed: r.passed,
        error: r.error,
        durationMs: r.durationMs,
        checks,
        failedChecks: checks.filter((c) => !c.passed).length,
        traceHref: r.conversationId ? `/conversations/${r.conversationId}` : null,
        offlineReplies: r.offlineReplies ?? 0,
      };
    })
    // Failures first (what a person came to see), then by name.
    .sort((a, b) => Number(a.passed) - Number(b.passed) || a.name.localeCompare(b.name));

  const pairs = results
    .flatMap((r) => asRoutes(r.routes))
    .filter((r): r is RouteResult & { expected: string } => typeof r.expected === "string");
  const perIntentMap = new Map<string, { total: number; correct: number }>();
  for (const pair of pairs) {
    const entry = perIntentMap.get(pair.expected) ?? { total: 0, correct: 0 };
    entry.total += 1;
    if (pair.actual === pair.expected) entry.correct += 1;
    perIntentMap.set(pair.expected, entry);
  }
  const perIntent = [...perIntentMap.entries()]
    .map(([intent, { total, correct }]) => ({ intent, total, correct, accuracy: correct / total }))
    .sort((a, b) => a.intent.localeCompare(b.intent));

  const expectedLabels = perIntent.map((p) => p.intent);
  const actualSet = new Set(pairs.map((p) => p.actual ?? NO_ROUTE));
  // Columns start with the expected intents in the same order, so the diagonal is the correct answers.
  const actualLabels = [
    ...expectedLabels.filter((l) => actualSet.has(l)),
    ...[...actualSet].filter((l) => !expectedLabels.includes(l)).sort(),
  ];
  const counts = expectedLabels.map(() => actualLabels.map(() => 0));
  for (const pair of pairs)
    counts[expectedLabels.indexOf(pair.expected)][actualLabels.indexOf(pair.actual ?? NO_ROUTE)] += 1;
  const correct = perIntent.reduce((n, p) => n + p.correct, 0);

  const passed = results.filter((r) => r.passed).length;
  return {
    total: results.length,
    passed,
    passRate: passRate(passed, results.length),
    cases,
    routing: {
      total: pairs.length,
      correct,
      accuracy: pairs.length ? correct / pairs.length : null,
      perIntent,
      matrix: { expected: expectedLabels, actual: actualLabels, counts, max: Math.max(0, ...counts.flat()) },
      byBasis: accuracyByBasis(results, options.heldOutShare ?? DEFAULT_HOLD_OUT.share),
    },
  };
}

export type ComparisonRow = {
  caseId: string;
  name: string;
  left: boolean | null;
  right: boolean | null;
  change: "fixed" | "broke" | "same" | "only_left" | "only_right";
};
export type RunComparison = {
  rows: ComparisonRow[];
  leftRate: number | null;
  rightRate: number | null;
  delta: number | null;
  fixed: number;
  broke: number;
};

/** Two runs of one suite, case by case; `delta` is right − left (positive = the right run passes more). */
export function compareRuns(
  left: { caseId: string; caseName: string; passed: boolean }[],
  right: { caseId: string; caseName: string; passed: boolean }[],
): RunComparison {
  const byId = new Map<string, ComparisonRow>();
  for (const r of left)
    byId.set(r.caseId, { caseId: r.caseId, name: r.caseName, left: r.passed, right: null, change: "only_left" });
  for (const r of right) {
    const row = byId.get(r.caseId);
    if (!row)
      byId.set(r.caseId, { caseId: r.caseId, name: r.caseName, left: null, right: r.passed, change: "only_right" });
    else {
      row.right = r.passed;
      row.change = row.left === r.passed ? "same" : r.passed ? "fixed" : "broke";
    }
  }
  const order = { broke: 0, fixed: 1, only_left: 2, only_right: 3, same: 4 } as const;
  const rows = [...byId.values()].sort((a, b) => order[a.change] - order[b.change] || a.name.localeCompare(b.name));
  const leftRate = passRate(left.filter((r) => r.passed).length, left.length);
  const rightRate = passRate(right.filter((r) => r.passed).length, right.length);
  return {
    rows,
    leftRate,
    rightRate,
    delta: leftRate !== null && rightRate !== null ? rightRate - leftRate : null,
    fixed: rows.filter((r) => r.change === "fixed").length,
    broke: rows.filter((r) => r.change === "broke").length,
  };
}

export function formatPercent(rate: number | null, digits = 0): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(digits)}%`;
}

export function formatDelta(delta: number | null): string {
  if (delta === null) return "—";
  const points = Math.round(delta * 1000) / 10;
  return `${points > 0 ? "+" : points < 0 ? "−" : "±"}${Math.abs(points)} pts`;
}
