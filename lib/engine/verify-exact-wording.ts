// The exact-wording check the engine runs on every approved text before it is sent.
import { checkExactWording, type GuardrailDecision } from "@/lib/guardrails/exact-wording";
import type { ExactWording } from "./runtime";

export function verifyExactWording(text: string, exact: ExactWording): GuardrailDecision {
  return checkExactWording(text, exact.template, exact.variables);
}
