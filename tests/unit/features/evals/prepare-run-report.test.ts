import { describe, expect, it } from "vitest";
import {
  compareRuns,
  formatDelta,
  formatPercent,
  formatValue,
  NO_ROUTE,
  prepareRunReport,
  type RunResultInput,
} from "@/lib/features/evals/prepare-run-report";

const result = (over: Partial<RunResultInput> & { caseId: string }): RunResultInput => ({
  caseName: over.caseId,
  passed: true,
  checks: [],
  routes: [],
  error: null,
  durationMs: 10,
  conversationId: null,
  ...over,
});

describe("prepareRunReport", () => {
  it("lists failures first with each check's expected and actual as text, and links the trace when it exists", () => {
    const report = prepareRunReport([
      result({
        caseId: "b",
        caseName: "Beta",
        conversationId: "c1",
        checks: [{ check: "escalated", label: "Escalates", passed: true, expected: true, actual: true }],
      }),
      result({
        caseId: "a",
        caseName: "Alpha",
        passed: false,
        checks: [
          { check: "tool_called", label: "Calls lookup_order", passed: false, expected: "lookup_order", actual: [] },
          {
            check: "reply_not_contains",
            label: "No reply contains “sorry”",
            passed: true,
            expected: "sorry",
            actual: ["x", "y"],
          },
        ],
      }),
    ]);
    expect(report).toMatchObject({ total: 2, passed: 1, passRate: 0.5 });
    expect(report.cases.map((c) => [c.name, c.passed, c.failedChecks, c.traceHref])).toEqual([
      ["Alpha", false, 1, null],
      ["Beta", true, 0, "/conversations/c1"],
    ]);
    expect(report.cases[0].checks[0]).toEqual({
      label: "Calls lookup_order",
      passed: false,
      expected: "lookup_order",
      actual: "none",
    });
    expect(report.cases[0].checks[1].actual).toBe("x, y");
    expect(report.cases[1].checks[0]).toMatchObject({ expected: "yes", actual: "yes" });
  });

  it("computes routing accuracy per intent and a confusion matrix whose diagonal is the right answers", () => {
    const report = prepareRunReport([
      result({
        caseId: "1",
        routes: [
          { turn: 1, expected: "order_status", actual: "order_status" },
          { turn: 2, expected: null, actual: "refund" },
        ],
      }),
      result({ caseId: "2", routes: [{ turn: 1, expected: "order_status", actual: "refund" }] }),
      result({
        caseId: "3",
        routes: [
          { turn: 1, expected: "refund", actual: "refund" },
          { turn: 2, expected: "refund", actual: null },
        ],
      }),
      result({ caseId: "4", routes: "not an array" }),
    ]);
    expect(report.routing.total).toBe(4);
    expect(report.routing.correct).toBe(2);
    expect(report.routing.accuracy).toBe(0.5);
    expect(report.routing.perIntent).toEqual([
      { intent: "order_status", total: 2, correct: 1, accuracy: 0.5 },
      { intent: "refund", total: 2, correct: 1, accuracy: 0.5 },
    ]);
    expect(report.routing.matrix).toEqual({
      expected: ["order_status", "refund"],
      actual: ["order_status", "refund", NO_ROUTE],
      counts: [
        [1, 1, 0],
        [0, 1, 1],
      ],
      max: 1,
    });
  });

  it("gives simulated cases' routing accuracy per basis, each named for what it is", () => {
    const route = (expected: string, actual: string) => [{ turn: 1, expected, actual }];
    const report = prepareRunReport(
      [
        result({ caseId: "h1", routingBasis: "held_out", routes: route("refund", "refund") }),
        result({ caseId: "h2", routingBasis: "held_out", routes: route("refund", "order_status") }),
        result({ caseId: "t1", routingBasis: "training", routes: route("human", "human") }),
        result({ caseId: "m1", routingBasis: null, routes: route("refund", "cancel_order") }),
      ],
      { heldOutShare: 0.2 },
    );
    expect(report.routing).toMatchObject({ total: 4, correct: 2 });
    expect(report.routing.byBasis).toEqual([
      {
        basis: "held_out",
        label: "routing accuracy on held-out phrasings (20% of each route's examples, not trained on)",
        total: 2,
        correct: 1,
        accuracy: 0.5,
      },
      {
        basis: "training",
        label: "routing accuracy on training phrasings (optimistic)",
        total: 1,
        correct: 1,
        accuracy: 1,
      },
    ]);
    expect(prepareRunReport([result({ caseId: "m", routes: route("a", "a") })]).routing.byBasis).toEqual([]);
  });

  it("is honest about an empty run", () => {
    const report = prepareRunReport([]);
    expect(report).toMatchObject({
      total: 0,
      passed: 0,
      passRate: null,
      cases: [],
      routing: {
        total: 0,
        accuracy: null,
        perIntent: [],
        matrix: { expected: [], actual: [], counts: [], max: 0 },
        byBasis: [],
      },
    });
  });
});

describe("compareRuns", () => {
  it("pairs cases, names what broke or was fixed, and gives the pass-rate delta", () => {
    const comparison = compareRuns(
      [
        { caseId: "a", caseName: "A", passed: true },
        { caseId: "b", caseName: "B", passed: false },
        { caseId: "c", caseName: "C", passed: true },
        { caseId: "d", caseName: "D", passed: true },
      ],
      [
        { caseId: "a", caseName: "A", passed: false },
        { caseId: "b", caseName: "B", passed: true },
        { caseId: "c", caseName: "C", passed: true },
        { caseId: "e", caseName: "E", passed: true },
      ],
    );
    expect(comparison.rows.map((r) => [r.name, r.left, r.right, r.change])).toEqual([
      ["A", true, false, "broke"],
      ["B", false, true, "fixed"],
      ["D", true, null, "only_left"],
      ["E", null, true, "only_right"],
      ["C", true, true, "same"],
    ]);
    expect(comparison).toMatchObject({ leftRate: 0.75, rightRate: 0.75, delta: 0, fixed: 1, broke: 1 });
    expect(compareRuns([], [{ caseId: "a", caseName: "A", passed: true }]).delta).toBeNull();
  });
});

describe("formatting", () => {
  it("formats values, rates and deltas for people", () => {
    expect([
      formatValue(null),
      formatValue(false),
      formatValue(""),
      formatValue(["a", 1]),
      formatValue({ a: 1 }),
    ]).toEqual(["—", "no", "(empty)", "a, 1", '{"a":1}']);
    expect([formatPercent(null), formatPercent(0.875), formatPercent(0.875, 1)]).toEqual(["—", "88%", "87.5%"]);
    expect([formatDelta(0.25), formatDelta(-0.1), formatDelta(0), formatDelta(null)]).toEqual([
      "+25 pts",
      "−10 pts",
      "±0 pts",
      "—",
    ]);
  });
});
