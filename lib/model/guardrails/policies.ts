// Public guardrail surface: the decision type, each policy check, and the runner for a guardrail node.
export {
  worstOutcome,
  type GuardrailDecision,
  type GuardrailFinding,
  type GuardrailOutcome,
} from "./guardrail-decision";
export { checkPii, type CheckPiiOptions } from "./pii-policy";
export { checkBlockedPhrases } from "./blocked-phrases";
export { TOPIC_LEXICONS, TOPIC_NAMES } from "./topic-lexicons";
export { checkRequiredDisclosures } from "./required-disclosures";
export { checkExactWording, type CheckExactWordingOptions } from "./exact-wording";
export { canonicalJson, checkOutputSchema, compileOutputSchema } from "./output-schema";
export {
  DEFAULT_INJECTION_THRESHOLD,
  checkPromptInjection,
  type InjectionSignal,
  type PromptInjectionDecision,
  type PromptInjectionOptions,
} from "./prompt-injection";
export {
  GUARDRAIL_POLICY_TYPES,
  runGuardrails,
  validateGuardrailPolicies,
  type GuardrailPolicy,
  type GuardrailPolicyType,
  type GuardrailRun,
  type GuardrailStage,
  type GuardrailsResult,
  type OnViolation,
  type RunGuardrailsOptions,
} from "./run-guardrails";
