// exact_wording: regulated replies must be the approved template, filled, and nothing else. A mismatch goes to a
// person (escalate) rather than being silently rewritten, and the reason pinpoints the first difference.
import { renderTemplate } from "@/lib/model/flow/template";
import { snippet, type GuardrailDecision } from "./guardrail-decision";

export type CheckExactWordingOptions = {
  /** Compare with runs of whitespace collapsed (default false: only line endings and outer whitespace are ignored). */
  normalizeWhitespace?: boolean;
};

export function checkExactWording(
  text: string,
  template: string,
  variables: Record<string, unknown>,
  options: CheckExactWordingOptions = {},
): GuardrailDecision {
  const policy = "exact_wording";
  const rendered = renderTemplate(template, variables);
  if (rendered.missing.length > 0) {
    return {
      policy,
      outcome: "escalate",
      reason: `Approved wording cannot be checked: variable ${rendered.missing.map((m) => `{{${m}}}`).join(", ")} has no value.`,
      findings: rendered.missing.map((detail) => ({ type: "missing_variable", detail })),
    };
  }
  const prepare = (value: string) => {
    const unified = value.replace(/\r\n?/g, "\n").trim();
    return options.normalizeWhitespace ? unified.replace(/\s+/g, " ") : unified;
  };
  const expected = prepare(rendered.text);
  const got = prepare(text);
  if (expected === got) return { policy, outcome: "pass", reason: "Reply matches the approved wording.", findings: [] };
  let index = 0;
  while (index < expected.length && index < got.length && expected[index] === got[index]) index++;
  // A few characters of shared context make the snippets readable ("…is shipped" vs "…is delayed").
  const from = Math.max(0, index - 10);
  const want = index < expected.length ? snippet(expected, from) : "end of text";
  const have = index < got.length ? snippet(got, from) : "end of text";
  return {
    policy,
    outcome: "escalate",
    reason: `Reply differs from the approved wording at character ${index}: expected ${want}, got ${have}.`,
    findings: [{ type: "wording_mismatch", detail: `expected ${want}, got ${have}`, span: [index, index + 1] }],
    text: rendered.text,
  };
}
