// Runs a guardrail node's policies in order over one message (stage "input") or reply (stage "output").
//
// Each policy first decides on its own (blocked-phrases.ts, pii-policy.ts, …); `onViolation` then sets what a violation does:
//   block    → outcome "block": the text must not go on.
//   escalate → outcome "escalate": hand the conversation to a person.
//   redact   → outcome "redact" when the policy can repair the text — pii_redact replaces findings with
//              placeholders, exact_wording substitutes the approved rendering — and "block" otherwise (a blocked
//              phrase, a missing disclosure, an injection attempt or a schema violation cannot be repaired).
// Redactions chain: later policies see the already-redacted text, and the returned text carries all of them.
// Every policy runs even after a block, so the trace shows every problem at once. The overall outcome is the most
// severe one: escalate > block > redact > pass.
import type { PiiType } from "./detect-pii";
import { PII_TYPES } from "./detect-pii";
import { checkBlockedPhrases, compileBlockedPhrases } from "./blocked-phrases";
import { checkExactWording } from "./exact-wording";
import { checkOutputSchema, compileOutputSchema } from "./output-schema";
import { checkPii } from "./pii-policy";
import { checkPromptInjection, DEFAULT_INJECTION_THRESHOLD } from "./prompt-injection";
import { checkRequiredDisclosures } from "./required-disclosures";
import {
  guardrailConfigError,
  worstOutcome,
  type GuardrailDecision,
  type GuardrailOutcome,
} from "./guardrail-decision";

export const GUARDRAIL_POLICY_TYPES = [
  "pii_redact",
  "blocked_phrases",
  "required_disclosure",
  "prompt_injection",
  "output_schema",
  "exact_wording",
] as const;
export type GuardrailPolicyType = (typeof GUARDRAIL_POLICY_TYPES)[number];
export type GuardrailPolicy = { type: GuardrailPolicyType; values: string[] };
export type GuardrailStage = "input" | "output";
export type OnViolation = "block" | "redact" | "escalate";

export type RunGuardrailsOptions = {
  /** What a violation does (see the table above). Default "block", as in the flow schema. */
  onViolation?: OnViolation;
  /** The approved template and its variables for exact_wording (values[0] is used as the template if absent). */
  exactWording?: { template: string; variables: Record<string, unknown> };
  /** Overrides a prompt_injection policy's threshold (otherwise values "threshold:0.7", else 0.5). */
  injectionThreshold?: number;
};

export type GuardrailsResult = { text: string; decisions: GuardrailDecision[]; outcome: GuardrailOutcome };
/** The engine's name for a result. */
export type GuardrailRun = GuardrailsResult;

/**
 * Policy values, by type:
 * - pii_redact: PII types to look for (card, iban, email, phone, national_id); empty means all.
 * - blocked_phrases: phrases and `topic:<name>` entries.
 * - required_disclosure: sentences the text must contain.
 * - prompt_injection: optional "threshold:<0..1>".
 * - output_schema: values[0] is the JSON Schema as a JSON string.
 * - exact_wording: optional values[0] template when options.exactWording is not given.
 */
export function runGuardrails(
  // Both stages run the same checks today; the stage is part of the signature so callers and traces say which it was.
  _stage: GuardrailStage,
  text: string,
  policies: readonly GuardrailPolicy[],
  options: RunGuardrailsOptions = {},
): GuardrailsResult {
  const onViolation = options.onViolation ?? "block";
  let current = text;
  const decisions: GuardrailDecision[] = [];
  for (const policy of policies) {
    const decision = applyOnViolation(evaluate(current, policy, options, onViolation), onViolation);
    if (decision.outcome === "redact" && decision.text !== undefined) current = decision.text;
    decisions.push(decision);
  }
  return { text: current, decisions, outcome: worstOutcome(decisions.map((d) => d.outcome)) };
}

function evaluate(
  text: string,
  policy: GuardrailPolicy,
  options: RunGuardrailsOptions,
  onViolation: OnViolation,
): GuardrailDecision {
  switch (policy.type) {
    case "pii_redact":
      return checkPii(text, { action: onViolation === "redact" ? "redact" : "block", types: piiTypes(policy.values) });
    case "blocked_phrases":
      return checkBlockedPhrases(text, policy.values);
    case "required_disclosure":
      return checkRequiredDisclosures(text, policy.values);
    case "prompt_injection":
      return checkPromptInjection(text, { threshold: options.injectionThreshold ?? threshold(policy.values) });
    case "output_schema":
      if (!policy.values[0]?.trim())
        throw guardrailConfigError("output_schema needs a JSON Schema as its first value.");
      return checkOutputSchema(text, policy.values[0]);
    case "exact_wording": {
      const template = options.exactWording?.template ?? policy.values[0];
      if (template === undefined) throw guardrailConfigError("exact_wording needs an approved template.");
      return checkExactWording(text, template, options.exactWording?.variables ?? {});
    }
  }
}

function applyOnViolation(decision: GuardrailDecision, onViolation: OnViolation): GuardrailDecision {
  if (decision.outcome === "pass") return decision;
  if (onViolation === "block" || onViolation === "escalate") return { ...withoutText(decision), outcome: onViolation };
  const repairable =
    decision.text !== undefined && (decision.policy === "pii_redact" || decision.policy === "exact_wording");
  if (repairable && decision.policy === "exact_wording") {
    return { ...decision, outcome: "redact", reason: `${decision.reason} Replaced with the approved wording.` };
  }
  if (repairable) return { ...decision, outcome: "redact" };
  return { ...withoutText(decision), outcome: "block" };
}

// A repair that is not applied must not travel with the decision, or a caller might send it.
function withoutText(decision: GuardrailDecision): GuardrailDecision {
  const copy = { ...decision };
  delete copy.text;
  return copy;
}

function piiTypes(values: readonly string[]): PiiType[] | undefined {
  const requested = values.map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (requested.length === 0) return undefined;
  const unknown = requested.filter((v) => !(PII_TYPES as readonly string[]).includes(v));
  if (unknown.length)
    throw guardrailConfigError(`Unknown PII type "${unknown[0]}". Known types: ${PII_TYPES.join(", ")}.`);
  return requested as PiiType[];
}

function threshold(values: readonly string[]): number {
  for (const value of values) {
    const m = /^\s*threshold\s*[:=]\s*([0-9.]+)\s*$/i.exec(value);
    if (!m) continue;
    const parsed = Number(m[1]);
    if (!(parsed > 0 && parsed <= 1))
      throw guardrailConfigError(`prompt_injection threshold must be in (0, 1], got "${m[1]}".`);
    return parsed;
  }
  return DEFAULT_INJECTION_THRESHOLD;
}

/**
 * Publish-time validation: every configuration error runGuardrails would throw, as messages, without running the
 * checks on any text. Returns [] when the policies are usable.
 */
export function validateGuardrailPolicies(
  policies: readonly GuardrailPolicy[],
  options: Pick<RunGuardrailsOptions, "exactWording"> = {},
): string[] {
  const problems: string[] = [];
  policies.forEach((policy, index) => {
    try {
      if (!(GUARDRAIL_POLICY_TYPES as readonly string[]).includes(policy.type))
        throw guardrailConfigError(`Unknown policy type "${policy.type}".`);
      if (policy.type === "pii_redact") piiTypes(policy.values);
      if (policy.type === "blocked_phrases") compileBlockedPhrases(policy.values);
      if (policy.type === "prompt_injection") threshold(policy.values);
      if (policy.type === "output_schema") {
        if (!policy.values[0]?.trim())
          throw guardrailConfigError("output_schema needs a JSON Schema as its first value.");
        compileOutputSchema(policy.values[0]);
      }
      if (policy.type === "exact_wording" && options.exactWording === undefined && policy.values[0] === undefined) {
        throw guardrailConfigError("exact_wording needs an approved template.");
      }
    } catch (error) {
      problems.push(
        `Policy ${index + 1} (${policy.type}): ${(error as { userMessage?: string }).userMessage ?? (error as Error).message}`,
      );
    }
  });
  return problems;
}
