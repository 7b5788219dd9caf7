import { describe, expect, it } from "vitest";
import {
  caseExpectationsSchema,
  caseTurnsSchema,
  matchExpectations,
  type ObservedRun,
} from "@/lib/features/evals/expectations";

const observed = (over: Partial<ObservedRun> = {}): ObservedRun => ({
  turns: [
    { route: "order_status", replies: ["What is your order number? It looks like A1234."], exactWording: false },
    { route: "refund", replies: ["Done: I've refunded $54.00 for order A1002."], exactWording: true },
  ],
  toolsCalled: ["lookup_order", "refund_order"],
  escalated: false,
  finalStatus: "active",
  guardrailsTriggered: ["pii_redact"],
  ...over,
});

const only = (expectations: Parameters<typeof matchExpectations>[1], run = observed()) => {
  const result = matchExpectations(run, expectations);
  expect(result.checks).toHaveLength(1);
  return { ...result, check: result.checks[0] };
};

describe("matchExpectations", () => {
  it("passes with zero checks when nothing is expected, still reporting the routes taken", () => {
    const result = matchExpectations(observed(), {});
    expect(result).toMatchObject({ passed: true, checks: [] });
    expect(result.routes).toEqual([
      { turn: 1, expected: null, actual: "order_status" },
      { turn: 2, expected: null, actual: "refund" },
    ]);
  });

  it("names routes and tools in check labels as the flow labels them, matching on the names", () => {
    const labels: Record<string, string> = { refund: "Refund (refund)", lookup_order: "Order lookup (lookup_order)" };
    const result = matchExpectations(
      observed(),
      { routes: [null, "refund"], toolsCalled: ["lookup_order"], toolsNotCalled: ["cancel_order"] },
      (_, name) => labels[name] ?? name,
    );
    expect(result.checks.map((c) => [c.label, c.expected, c.passed])).toEqual([
      ["Turn 2 routes to Refund (refund)", "refund", true],
      ["Calls Order lookup (lookup_order)", "lookup_order", true],
      ["Never calls cancel_order", "cancel_order", true],
    ]);
  });

  it("checks the route of each turn; null means any route", () => {
    const pass = matchExpectations(observed(), { routes: [null, "refund"] });
    expect(pass.passed).toBe(true);
    expect(pass.checks).toEqual([
      { check: "route", label: "Turn 2 routes to refund", passed: true, expected: "refund", actual: "refund" },
    ]);
    expect(pass.routes[0]).toEqual({ turn: 1, expected: null, actual: "order_status" });

    const fail = only({ routes: ["refund"] });
    expect(fail.passed).toBe(false);
    expect(fail.check).toMatchObject({ label: "Turn 1 routes to refund", passed: false, actual: "order_status" });
  });

  it("fails a route for a turn the conversation never reached, saying so", () => {
    const run = observed({
      turns: [{ route: "human", replies: ["Connecting you."], exactWording: false }],
      finalStatus: "escalated",
    });
    const { passed, check, routes } = only({ routes: [null, null, "refund"] }, run);
    expect(passed).toBe(false);
    expect(check.label).toBe("Turn 3 routes to refund");
    expect(check.actual).toBe("turn 3 did not run (the conversation stopped after 1 turn, escalated)");
    expect(routes).toEqual([
      { turn: 1, expected: null, actual: "human" },
      { turn: 2, expected: null, actual: null },
      { turn: 3, expected: "refund", actual: null },
    ]);
  });

  it("reports a turn where no router ran", () => {
    const run = observed({ turns: [{ route: null, replies: [], exactWording: false }] });
    expect(only({ routes: ["refund"] }, run).check).toMatchObject({ passed: false, actual: "no route chosen" });
  });

  it("checks tools called and never called", () => {
    expect(only({ toolsCalled: ["refund_order"] }).check).toMatchObject({ label: "Calls refund_order", passed: true });
    expect(only({ toolsCalled: ["cancel_order"] }).check).toMatchObject({
      label: "Calls cancel_order",
      passed: false,
      actual: ["lookup_order", "refund_order"],
    });
    expect(only({ toolsNotCalled: ["cancel_order"] }).check).toMatchObject({
      label: "Never calls cancel_order",
      passed: true,
    });
    expect(only({ toolsNotCalled: ["refund_order"] }).check).toMatchObject({
      label: "Never calls refund_order",
      passed: false,
    });
  });

  it("checks escalation either way", () => {
    expect(only({ escalated: false }).check).toMatchObject({ label: "Does not escalate", passed: true });
    expect(only({ escalated: true }).check).toMatchObject({
      label: "Escalates",
      passed: false,
      expected: true,
      actual: false,
    });
    expect(only({ escalated: true }, observed({ escalated: true })).check.passed).toBe(true);
  });

  it("checks the final status", () => {
    expect(only({ finalStatus: "active" }).check).toMatchObject({ label: "Ends active", passed: true });
    expect(only({ finalStatus: "resolved" }).check).toMatchObject({
      label: "Ends resolved",
      passed: false,
      actual: "active",
    });
  });

  it("matches reply text case-insensitively over every reply", () => {
    expect(only({ replyContains: ["REFUNDED"] }).check).toMatchObject({
      label: "A reply contains “REFUNDED”",
      passed: true,
    });
    expect(only({ replyContains: ["cancelled"] }).check.passed).toBe(false);
    expect(only({ replyNotContains: ["guaranteed refund"] }).check).toMatchObject({
      label: "No reply contains “guaranteed refund”",
      passed: true,
      actual: [],
    });
    const fail = only({ replyNotContains: ["order number"] }).check;
    expect(fail).toMatchObject({ passed: false, actual: ["What is your order number? It looks like A1234."] });
  });

  it("checks exact wording per turn, failing a turn that did not run", () => {
    expect(only({ exactWordingTurns: [2] }).check).toMatchObject({
      label: "Turn 2 reply is exact-worded",
      passed: true,
    });
    expect(only({ exactWordingTurns: [1] }).check).toMatchObject({ passed: false, actual: false });
    expect(only({ exactWordingTurns: [5] }).check).toMatchObject({
      passed: false,
      actual: expect.stringContaining("turn 5 did not run"),
    });
  });

  it("checks guardrails that must fire", () => {
    expect(only({ guardrailsTriggered: ["pii_redact"] }).check).toMatchObject({
      label: "Guardrail pii_redact fires",
      passed: true,
    });
    expect(only({ guardrailsTriggered: ["prompt_injection"] }).check).toMatchObject({
      label: "Guardrail prompt_injection fires",
      passed: false,
      actual: ["pii_redact"],
    });
  });

  it("fails the case when any one check fails, keeping every check", () => {
    const result = matchExpectations(observed(), {
      routes: ["order_status", "refund"],
      toolsCalled: ["refund_order"],
      escalated: true,
    });
    expect(result.passed).toBe(false);
    expect(result.checks.map((c) => [c.label, c.passed])).toEqual([
      ["Turn 1 routes to order_status", true],
      ["Turn 2 routes to refund", true],
      ["Calls refund_order", true],
      ["Escalates", false],
    ]);
  });
});

describe("case schemas", () => {
  it("accepts partial expectations and rejects malformed ones", () => {
    expect(caseExpectationsSchema.parse({ routes: ["refund", null], escalated: false })).toEqual({
      routes: ["refund", null],
      escalated: false,
    });
    expect(caseExpectationsSchema.safeParse({ finalStatus: "done" }).success).toBe(false);
    expect(caseExpectationsSchema.safeParse({ exactWordingTurns: [0] }).success).toBe(false);
    expect(caseExpectationsSchema.safeParse({ toolsCalled: [""] }).success).toBe(false);
  });

  it("needs one to twenty non-empty turns", () => {
    expect(caseTurnsSchema.parse([" hi "])).toEqual(["hi"]);
    expect(caseTurnsSchema.safeParse([]).success).toBe(false);
    expect(caseTurnsSchema.safeParse(["  "]).success).toBe(false);
  });
});
