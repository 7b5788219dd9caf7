// Publish gates, the pure part: given what a suite's runs say about the draft and the live version, is publishing
// blocked, and why. Shared by the server (publish-gate.ts enforces it) and the publish dialog (which shows it).
import type { Role } from "@/lib/model/permissions";

/** A finished run, as far as gates care. */
export type GateRun = { id: string; total: number; passed: number };

export type GateInput = {
  suiteId: string;
  name: string;
  /** 0..1 */
  threshold: number;
  /** Cases in the suite now: a suite with none has nothing to say, so it never blocks. */
  caseCount: number;
  /** The latest run (status done) against exactly the draft revision being published. */
  draftRun: GateRun | null;
  /** When there is no such run: the revision the suite's latest draft run tested, to say why it does not count. */
  lastDraftRevision: number | null;
  /** A run against this revision that has not finished yet (queued or running). */
  draftRunPending: boolean;
  /** The latest run (status done) against the version that is live now; null when none or nothing is live. */
  liveRun: GateRun | null;
};

export type GateSuite = {
  suiteId: string;
  name: string;
  /** null when there is no finished run of this draft. */
  passRate: number | null;
  threshold: number;
  livePassRate: number | null;
  runId: string | null;
  blocked: boolean;
  /** Why it blocks; for a suite that does not block, a short note when there is one (no cases yet). */
  reason: string | null;
};

export type GateReport = { blocked: boolean; suites: GateSuite[] };

export const RUN_DRAFT_FIRST = "run the suite against this draft first";

// Thresholds are stored as floats (0.9); 9 of 10 passing must count as reaching 90%.
const EPSILON = 1e-9;

export function passRate(run: GateRun): number | null {
  return run.total > 0 ? run.passed / run.total : null;
}

export function formatRate(rate: number): string {
  const percent = rate * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

export function decideGate(input: GateInput): GateSuite {
  const base = { suiteId: input.suiteId, name: input.name, threshold: input.threshold };
  const livePassRate = input.liveRun ? passRate(input.liveRun) : null;
  if (input.caseCount === 0) {
    return {
      ...base,
      passRate: null,
      livePassRate,
      runId: null,
      blocked: false,
      reason: "no cases yet, so nothing to check",
    };
  }
  const run = input.draftRun;
  if (!run) {
    const why = input.draftRunPending
      ? " (a run against it has not finished yet)"
      : input.lastDraftRevision !== null
        ? ` (the last run tested draft revision ${input.lastDraftRevision})`
        : "";
    return { ...base, passRate: null, livePassRate, runId: null, blocked: true, reason: `${RUN_DRAFT_FIRST}${why}` };
  }
  const rate = passRate(run);
  if (rate === null) {
    // A run that tested no cases (the suite was empty then, it has cases now) proves nothing about this draft.
    return {
      ...base,
      passRate: null,
      livePassRate,
      runId: run.id,
      blocked: true,
      reason: `${RUN_DRAFT_FIRST} (the last run had no cases)`,
    };
  }
  const result = { ...base, passRate: rate, livePassRate, runId: run.id };
  if (rate < input.threshold - EPSILON) {
    return {
      ...result,
      blocked: true,
      reason: `pass rate ${formatRate(rate)} is below the threshold of ${formatRate(input.threshold)}`,
    };
  }
  if (livePassRate !== null && rate < livePassRate - EPSILON) {
    return {
      ...result,
      blocked: true,
      reason: `pass rate ${formatRate(rate)} is below the live version's ${formatRate(livePassRate)}`,
    };
  }
  return { ...result, blocked: false, reason: null };
}

export function decideGates(inputs: GateInput[]): GateReport {
  const suites = inputs.map(decideGate);
  return { blocked: suites.some((suite) => suite.blocked), suites };
}

/** Overriding a failed gate ships a change the tests say is worse: admins only. */
export function canOverrideGates(role: Role): boolean {
  return role === "admin";
}

/** The CONFLICT message naming every blocking suite and why. */
export function blockedMessage(report: GateReport): string {
  const blocking = report.suites.filter((suite) => suite.blocked);
  const list = blocking.map((suite) => `"${suite.name}": ${suite.reason}`).join("; ");
  return `Publishing is blocked by ${blocking.length === 1 ? "a test suite" : `${blocking.length} test suites`}: ${list}.`;
}

/** What the publish dialog loads: the report for one draft revision, and whether this member may override it. */
export type PublishGateStatus = GateReport & { draftRevision: number; canOverride: boolean };

/** "85% of cases passed · threshold 90% · live 92%" (figures that do not exist yet are left out or said so). */
export function describeGateFigures(suite: GateSuite): string {
  const parts = [
    suite.passRate === null ? "no finished run of this draft" : `${formatRate(suite.passRate)} of cases passed`,
    `threshold ${formatRate(suite.threshold)}`,
  ];
  if (suite.livePassRate !== null) parts.push(`live ${formatRate(suite.livePassRate)}`);
  return parts.join(" · ");
}
