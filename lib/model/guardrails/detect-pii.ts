// One pass over a text with every PII detector, overlaps resolved so each character belongs to at most one finding.
import { findIbanShapes } from "./iban";
import { findCards } from "./pii-cards";
import { findNationalIds } from "./pii-national-ids";
import { findPhones } from "./pii-phones";

export const PII_TYPES = ["card", "iban", "email", "phone", "national_id"] as const;
export type PiiType = (typeof PII_TYPES)[number];

export type PiiMatch = {
  type: PiiType;
  start: number;
  end: number;
  value: string;
  /** Which format matched, for national ids: us_ssn, uk_nino, es_dni, es_nie, in_aadhaar. */
  detail?: string;
};

export type DetectPiiOptions = {
  /** Only report these types (detection still runs for all, so an IBAN's digits never come back as a phone). */
  types?: readonly PiiType[];
  /** Characters scanned from the start of the text; the rest is ignored. Every detector is linear, the cap only
   * bounds the work a single huge value can cause. */
  maxScanChars?: number;
};

export const DEFAULT_MAX_SCAN_CHARS = 500_000;

// Bounded local part and labels: unbounded `+` here is what makes naive e-mail patterns quadratic.
const EMAIL =
  /[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

// When two findings overlap the more specific one wins: an e-mail contains whatever digits are in it, checksummed
// card/IBAN/id numbers beat the loose phone shape that the same digits also fit.
const PRIORITY: Record<PiiType, number> = { email: 5, card: 4, iban: 4, national_id: 3, phone: 1 };

const MIN_DIGITS = 6;

/**
 * Whether any detector could match: each needs an "@" or at least six ASCII digits (a UK NINO has six, every other
 * format more; `\d` is ASCII-only even in Unicode patterns). Most messages have neither ("Where is my order A1002?"),
 * and this guardrail runs on every message in and out, so they skip the dozen regular expressions.
 */
function mayHoldPii(text: string): boolean {
  if (text.includes("@")) return true;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++digits >= MIN_DIGITS) return true;
  }
  return false;
}

export function detectPii(text: string, options: DetectPiiOptions = {}): PiiMatch[] {
  const max = options.maxScanChars ?? DEFAULT_MAX_SCAN_CHARS;
  const scanned = text.length > max ? text.slice(0, max) : text;
  if (!mayHoldPii(scanned)) return [];
  const candidates: PiiMatch[] = [];
  for (const m of scanned.matchAll(EMAIL)) {
    candidates.push({ type: "email", start: m.index, end: m.index + m[0].length, value: m[0] });
  }
  for (const m of findCards(scanned)) candidates.push({ type: "card", start: m.start, end: m.end, value: m.value });
  const ibanShapes = findIbanShapes(scanned);
  for (const m of ibanShapes)
    if (m.valid) candidates.push({ type: "iban", start: m.start, end: m.end, value: m.value });
  for (const m of findNationalIds(scanned)) {
    candidates.push({ type: "national_id", start: m.start, end: m.end, value: m.value, detail: m.kind });
  }
  // The digit groups of an IBAN that fails its check would otherwise read as a phone number.
  const invalidIbans = ibanShapes.filter((m) => !m.valid);
  for (const m of findPhones(scanned)) {
    if (invalidIbans.some((iban) => m.start < iban.end && iban.start < m.end)) continue;
    candidates.push({ type: "phone", start: m.start, end: m.end, value: m.value });
  }

  const resolved = resolveOverlaps(candidates);
  return options.types ? resolved.filter((match) => options.types!.includes(match.type)) : resolved;
}

function better(a: PiiMatch, b: PiiMatch): boolean {
  if (PRIORITY[a.type] !== PRIORITY[b.type]) return PRIORITY[a.type] > PRIORITY[b.type];
  return a.end - a.start > b.end - b.start;
}

function resolveOverlaps(candidates: PiiMatch[]): PiiMatch[] {
  candidates.sort((a, b) => a.start - b.start || (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  const kept: PiiMatch[] = [];
  for (const candidate of candidates) {
    const last = kept[kept.length - 1];
    if (!last || candidate.start >= last.end) {
      kept.push(candidate);
      continue;
    }
    if (better(candidate, last)) {
      kept.pop();
      // The winner may reach back over an earlier keeper that the loser did not; drop those too.
      while (kept.length && kept[kept.length - 1].end > candidate.start) kept.pop();
      kept.push(candidate);
    }
  }
  return kept;
}
