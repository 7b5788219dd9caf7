// required_disclosure: sentences a reply must carry word for word (a recording notice, a legal line). Whitespace is
// normalised on both sides — line wrapping must not fail a reply — but case and punctuation are not: the approved
// wording is the point.
import { normalizeWhitespace } from "./fold-text";
import type { GuardrailDecision } from "./guardrail-decision";

export function checkRequiredDisclosures(text: string, disclosures: readonly string[]): GuardrailDecision {
  const policy = "required_disclosure";
  const reply = normalizeWhitespace(text);
  const missing = disclosures.map(normalizeWhitespace).filter((d) => d.length > 0 && !reply.includes(d));
  if (missing.length === 0)
    return { policy, outcome: "pass", reason: "All required disclosures are present.", findings: [] };
  return {
    policy,
    outcome: "block",
    reason: `Missing required disclosure: "${missing[0]}"${missing.length > 1 ? ` and ${missing.length - 1} more` : ""}.`,
    findings: missing.map((detail) => ({ type: "missing_disclosure", detail })),
  };
}
