import { describe, expect, it } from "vitest";
import {
  blockedMessage,
  canOverrideGates,
  decideGate,
  decideGates,
  describeGateFigures,
  formatRate,
  RUN_DRAFT_FIRST,
  type GateInput,
} from "@/lib/features/flows/gate-decision";

function gate(overrides: Partial<GateInput> = {}): GateInput {
  return {
    suiteId: "s1",
    name: "Refunds",
    threshold: 0.9,
    caseCount: 10,
    draftRun: { id: "run-draft", total: 10, passed: 10 },
    lastDraftRevision: null,
    draftRunPending: false,
    liveRun: null,
    ...overrides,
  };
}

describe("decideGate", () => {
  it("passes at or above the threshold, with nothing live to compare", () => {
    expect(decideGate(gate({ draftRun: { id: "r", total: 10, passed: 9 } }))).toEqual({
      suiteId: "s1",
      name: "Refunds",
      passRate: 0.9,
      threshold: 0.9,
      livePassRate: null,
      runId: "r",
      blocked: false,
      reason: null,
    });
  });

  it("blocks below the threshold", () => {
    const result = decideGate(gate({ draftRun: { id: "r", total: 10, passed: 8 } }));
    expect(result).toMatchObject({
      blocked: true,
      passRate: 0.8,
      reason: "pass rate 80% is below the threshold of 90%",
    });
  });

  it("counts 7 of 10 as reaching a 70% threshold despite floating point", () => {
    expect(decideGate(gate({ threshold: 0.7, draftRun: { id: "r", total: 10, passed: 7 } })).blocked).toBe(false);
    expect(decideGate(gate({ threshold: 0.7, draftRun: { id: "r", total: 100, passed: 70 } })).blocked).toBe(false);
  });

  it("blocks below the live version's pass rate even above the threshold, and passes when equal", () => {
    const below = decideGate(
      gate({ threshold: 0.5, draftRun: { id: "r", total: 10, passed: 8 }, liveRun: { id: "l", total: 10, passed: 9 } }),
    );
    expect(below).toMatchObject({
      blocked: true,
      passRate: 0.8,
      livePassRate: 0.9,
      reason: "pass rate 80% is below the live version's 90%",
    });
    const equal = decideGate(
      gate({ threshold: 0.5, draftRun: { id: "r", total: 3, passed: 2 }, liveRun: { id: "l", total: 6, passed: 4 } }),
    );
    expect(equal).toMatchObject({ blocked: false, reason: null });
  });

  it("blocks when no finished run tested this draft, saying which revision the last one tested or that one is running", () => {
    expect(decideGate(gate({ draftRun: null }))).toMatchObject({
      blocked: true,
      passRate: null,
      runId: null,
      reason: RUN_DRAFT_FIRST,
    });
    expect(decideGate(gate({ draftRun: null, lastDraftRevision: 3 })).reason).toBe(
      `${RUN_DRAFT_FIRST} (the last run tested draft revision 3)`,
    );
    expect(decideGate(gate({ draftRun: null, draftRunPending: true })).reason).toBe(
      `${RUN_DRAFT_FIRST} (a run against it has not finished yet)`,
    );
  });

  it("does not block for a suite without cases, run or not", () => {
    expect(decideGate(gate({ caseCount: 0, draftRun: null }))).toMatchObject({
      blocked: false,
      passRate: null,
      reason: "no cases yet, so nothing to check",
    });
  });

  it("blocks on a run that tested no cases when the suite has cases now", () => {
    expect(decideGate(gate({ draftRun: { id: "r", total: 0, passed: 0 } }))).toMatchObject({
      blocked: true,
      passRate: null,
      runId: "r",
    });
  });

  it("ignores a live run without cases", () => {
    expect(decideGate(gate({ liveRun: { id: "l", total: 0, passed: 0 } }))).toMatchObject({
      blocked: false,
      livePassRate: null,
    });
  });
});

describe("decideGates and messages", () => {
  it("is blocked when any suite blocks, and names each blocking suite with its reason", () => {
    const report = decideGates([
      gate({ suiteId: "a", name: "Refunds", draftRun: { id: "r", total: 4, passed: 3 } }),
      gate({ suiteId: "b", name: "Orders" }),
      gate({ suiteId: "c", name: "Greeting", draftRun: null }),
    ]);
    expect(report.blocked).toBe(true);
    expect(report.suites.map((s) => s.blocked)).toEqual([true, false, true]);
    expect(blockedMessage(report)).toBe(
      `Publishing is blocked by 2 test suites: "Refunds": pass rate 75% is below the threshold of 90%; "Greeting": ${RUN_DRAFT_FIRST}.`,
    );
  });

  it("is clear with no gating suites", () => {
    expect(decideGates([])).toEqual({ blocked: false, suites: [] });
  });

  it("formats rates and figures for the dialog", () => {
    expect(formatRate(0.9)).toBe("90%");
    expect(formatRate(2 / 3)).toBe("66.7%");
    expect(
      describeGateFigures(
        decideGate(gate({ draftRun: { id: "r", total: 3, passed: 2 }, liveRun: { id: "l", total: 4, passed: 3 } })),
      ),
    ).toBe("66.7% of cases passed · threshold 90% · live 75%");
    expect(describeGateFigures(decideGate(gate({ draftRun: null })))).toBe(
      "no finished run of this draft · threshold 90%",
    );
  });

  it("lets only admins override", () => {
    expect(canOverrideGates("admin")).toBe(true);
    expect(canOverrideGates("designer")).toBe(false);
    expect(canOverrideGates("operator")).toBe(false);
    expect(canOverrideGates("auditor")).toBe(false);
  });
});
