// Deterministic PII redaction for what the engine stores beside the transcript (spans, audit details) and for the
// pii_redact guardrail: every finding of detectPii becomes a typed placeholder such as "[card]".
import { DEFAULT_MAX_SCAN_CHARS, detectPii, type PiiMatch, type PiiType } from "./detect-pii";

export const PII_PLACEHOLDERS: Record<PiiType, string> = {
  card: "[card]",
  iban: "[iban]",
  email: "[email]",
  phone: "[phone]",
  national_id: "[national_id]",
};

/** Appended in place of whatever lies beyond the scan cap: text that was not scanned is never passed through. */
export const TRUNCATED_MARKER = "[truncated]";

export type RedactPiiOptions = {
  types?: readonly PiiType[];
  maxScanChars?: number;
  /**
   * Texts already redacted with these same options, and their redactions: a wave redacts the customer's message in
   * every step's input and span, and scanning it once is enough. Its owner decides how long it lives (one wave).
   */
  memo?: Map<string, string>;
};

export function applyRedactions(text: string, matches: readonly PiiMatch[]): string {
  if (matches.length === 0) return text;
  let out = "";
  let cursor = 0;
  for (const match of matches) {
    out += text.slice(cursor, match.start) + PII_PLACEHOLDERS[match.type];
    cursor = match.end;
  }
  return out + text.slice(cursor);
}

/**
 * Redacts until nothing more is found. A single pass is not enough for idempotency: removing a finding can change
 * its neighbour's context ("a@b.com+15551234567": the phone is only recognisable once the e-mail is gone). Each
 * pass removes digits or an "@" and placeholders add none, so this settles quickly; the cap is a safety net.
 */
export function redactPiiText(text: string, options: RedactPiiOptions = {}): string {
  const max = options.maxScanChars ?? DEFAULT_MAX_SCAN_CHARS;
  const truncated = text.length > max;
  let current = truncated ? text.slice(0, max) : text;
  for (let pass = 0; pass < 8; pass++) {
    const matches = detectPii(current, { types: options.types, maxScanChars: Infinity });
    if (matches.length === 0) break;
    current = applyRedactions(current, matches);
  }
  return truncated ? current + TRUNCATED_MARKER : current;
}

/** Redacts every string inside a JSON-like value; keys, numbers and booleans are kept. */
export function redactPii<T>(value: T, options: RedactPiiOptions = {}): T {
  return redactValue(value, options, new WeakSet()) as T;
}

function redactValue(value: unknown, options: RedactPiiOptions, seen: WeakSet<object>): unknown {
  if (typeof value === "string") {
    const known = options.memo?.get(value);
    if (known !== undefined) return known;
    const redacted = redactPiiText(value, options);
    options.memo?.set(value, redacted);
    return redacted;
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  // JSON-like values have no cycles; if one sneaks in, cut it instead of overflowing the stack.
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  const result = Array.isArray(value)
    ? value.map((item) => redactValue(item, options, seen))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, options, seen)]));
  seen.delete(value);
  return result;
}
