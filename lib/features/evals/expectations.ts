// What an evaluation case expects, what a run observed, and the pure comparison between the two. Every expectation
// present becomes one labelled check, so a failing case says exactly which promise the flow broke.
import { z } from "zod";

const name = z.string().trim().min(1).max(200);
const names = z.array(name).max(50);

export const FINAL_STATUSES = ["active", "escalated", "resolved", "abandoned", "failed"] as const;

export const caseExpectationsSchema = z.object({
  /** Expected route id per turn (the router's output id, e.g. "order_status"); null = any route. */
  routes: z.array(name.nullable()).max(20).optional(),
  toolsCalled: names.optional(),
  toolsNotCalled: names.optional(),
  escalated: z.boolean().optional(),
  finalStatus: z.enum(FINAL_STATUSES).optional(),
  /** Case-insensitive, over all agent replies. */
  replyContains: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
  replyNotContains: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
  /** 1-based turns whose reply must have passed the exact-wording check. */
  exactWordingTurns: z.array(z.number().int().min(1).max(20)).max(20).optional(),
  /** Guardrail policy names that must fire (any outcome other than pass). */
  guardrailsTriggered: names.optional(),
});
export type CaseExpectations = z.infer<typeof caseExpectationsSchema>;

export const caseTurnsSchema = z.array(z.string().trim().min(1).max(2000)).min(1).max(20);

/**
 * The customer a case runs as (their ref, e.g. C-1001): verified, as if the API named them. Empty or missing: an
 * anonymous visitor.
 */
export const caseCustomerRefSchema = z
  .string()
  .trim()
  .max(64, "At most 64 characters.")
  .nullish()
  .transform((ref) => ref || null);

export type ObservedRun = {
  turns: { route: string | null; replies: string[]; exactWording: boolean }[];
  toolsCalled: string[];
  escalated: boolean;
  finalStatus: string;
  guardrailsTriggered: string[];
};

export type CheckResult = { check: string; label: string; passed: boolean; expected: unknown; actual: unknown };
export type RouteResult = { turn: number; expected: string | null; actual: string | null };

/** How a turn the conversation never reached reads in a check (the script stopped early: the conversation failed). */
const missingTurn = (turn: number, observed: ObservedRun) =>
  `turn ${turn} did not run (the conversation stopped after ${observed.turns.length} turn${observed.turns.length === 1 ? "" : "s"}, ${observed.finalStatus})`;

/**
 * Compares what happened with what was expected. A case with no expectations passes with zero checks: it is a smoke
 * test that the script runs through without the engine failing (a case that throws is failed by the runner).
 */
export function matchExpectations(
  observed: ObservedRun,
  expectations: CaseExpectations,
  /** How a check's label names a route or tool for people (its label in the flow with the name beside it). */
  display: (kind: "route" | "tool", name: string) => string = (_, name) => name,
): { passed: boolean; checks: CheckResult[]; routes: RouteResult[] } {
  const checks: CheckResult[] = [];
  const add = (check: string, label: string, passed: boolean, expected: unknown, actual: unknown) =>
    checks.push({ check, label, passed, expected, actual });

  const expectedRoutes = expectations.routes ?? [];
  const routes: RouteResult[] = [];
  for (let index = 0; index < Math.max(expectedRoutes.length, observed.turns.length); index++) {
    routes.push({
      turn: index + 1,
      expected: expectedRoutes[index] ?? null,
      actual: observed.turns[index]?.route ?? null,
    });
  }
  expectedRoutes.forEach((expected, index) => {
    if (expected === null) return;
    const turn = observed.turns[index];
    const actual = turn ? turn.route : missingTurn(index + 1, observed);
    add(
      "route",
      `Turn ${index + 1} routes to ${display("route", expected)}`,
      turn?.route === expected,
      expected,
      turn ? (turn.route ?? "no route chosen") : actual,
    );
  });

  const called = [...new Set(observed.toolsCalled)];
  for (const tool of expectations.toolsCalled ?? [])
    add("tool_called", `Calls ${display("tool", tool)}`, called.includes(tool), tool, called);
  for (const tool of expectations.toolsNotCalled ?? [])
    add("tool_not_called", `Never calls ${display("tool", tool)}`, !called.includes(tool), tool, called);

  if (expectations.escalated !== undefined) {
    add(
      "escalated",
      expectations.escalated ? "Escalates" : "Does not escalate",
      observed.escalated === expectations.escalated,
      expectations.escalated,
      observed.escalated,
    );
  }
  if (expectations.finalStatus !== undefined) {
    add(
      "final_status",
      `Ends ${expectations.finalStatus}`,
      observed.finalStatus === expectations.finalStatus,
      expectations.finalStatus,
      observed.finalStatus,
    );
  }

  const replies = observed.turns.flatMap((turn) => turn.replies);
  const contains = (needle: string) => replies.some((reply) => reply.toLowerCase().includes(needle.toLowerCase()));
  for (const needle of expectations.replyContains ?? []) {
    add(
      "reply_contains",
      `A reply contains “${needle}”`,
      contains(needle),
      needle,
      contains(needle) ? replies.find((r) => r.toLowerCase().includes(needle.toLowerCase())) : replies,
    );
  }
  for (const needle of expectations.replyNotContains ?? []) {
    const offending = replies.filter((reply) => reply.toLowerCase().includes(needle.toLowerCase()));
    add("reply_not_contains", `No reply contains “${needle}”`, offending.length === 0, needle, offending);
  }

  for (const turnNumber of expectations.exactWordingTurns ?? []) {
    const turn = observed.turns[turnNumber - 1];
    add(
      "exact_wording",
      `Turn ${turnNumber} reply is exact-worded`,
      turn?.exactWording === true,
      true,
      turn ? turn.exactWording : missingTurn(turnNumber, observed),
    );
  }

  const fired = [...new Set(observed.guardrailsTriggered)];
  for (const policy of expectations.guardrailsTriggered ?? [])
    add("guardrail", `Guardrail ${policy} fires`, fired.includes(policy), policy, fired);

  return { passed: checks.every((check) => check.passed), checks, routes };
}
