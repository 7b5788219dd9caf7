// The shape every guardrail check returns, and how outcomes combine.
import { AppError } from "@/lib/model/errors";

export type GuardrailOutcome = "pass" | "redact" | "block" | "escalate";

export type GuardrailFinding = { type: string; detail?: string; span?: [number, number] };

export type GuardrailDecision = {
  policy: string;
  outcome: GuardrailOutcome;
  reason: string;
  findings: GuardrailFinding[];
  /** The transformed text when redacting. */
  text?: string;
};

// Severity order, the same the engine uses: a redacted text goes out changed, a blocked one is not sent, an
// escalated one is not sent either and also needs a person. When several policies disagree the most severe wins.
const SEVERITY: Record<GuardrailOutcome, number> = { pass: 0, redact: 1, block: 2, escalate: 3 };

export function worstOutcome(outcomes: Iterable<GuardrailOutcome>): GuardrailOutcome {
  let worst: GuardrailOutcome = "pass";
  for (const outcome of outcomes) if (SEVERITY[outcome] > SEVERITY[worst]) worst = outcome;
  return worst;
}

/**
 * A misconfigured policy (unparsable JSON schema, unknown topic, missing template) is a flow bug, not a customer
 * violation: it throws instead of quietly passing or blocking. Publish-time validation should catch it first
 * (see validateGuardrailPolicies).
 */
export function guardrailConfigError(message: string, cause?: unknown): AppError {
  return new AppError("VALIDATION", { message: `Guardrail misconfigured: ${message}`, userMessage: message, cause });
}

/** Short excerpt for reasons and findings; long enough to recognise, short enough for a span attribute. */
export function snippet(text: string, start: number, length = 40): string {
  const piece = text.slice(Math.max(0, start), Math.max(0, start) + length);
  return JSON.stringify(piece + (start + length < text.length ? "…" : ""));
}
