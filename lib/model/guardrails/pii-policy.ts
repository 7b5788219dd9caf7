// pii_redact: personal data in a message or reply, either replaced by typed placeholders or refused outright.
import { detectPii, type PiiType } from "./detect-pii";
import type { GuardrailDecision } from "./guardrail-decision";
import { redactPiiText } from "./redact-pii";

export type CheckPiiOptions = { action: "redact" | "block"; types?: readonly PiiType[] };

export function checkPii(text: string, options: CheckPiiOptions): GuardrailDecision {
  const policy = "pii_redact";
  const matches = detectPii(text, { types: options.types });
  if (matches.length === 0) return { policy, outcome: "pass", reason: "No personal data found.", findings: [] };
  // The value itself is never echoed into a finding: decisions end up in spans and audit logs.
  const findings = matches.map((m) => ({ type: m.type, detail: m.detail, span: [m.start, m.end] as [number, number] }));
  const types = [...new Set(matches.map((m) => m.type))].join(", ");
  if (options.action === "block") {
    return { policy, outcome: "block", reason: `Personal data found (${types}).`, findings };
  }
  return {
    policy,
    outcome: "redact",
    reason: `Redacted ${matches.length} item(s) of personal data (${types}).`,
    findings,
    text: redactPiiText(text, { types: options.types }),
  };
}
