// Phone numbers: international (+CC or 00CC) and national formats with spaces, dots, dashes and an optional
// parenthesised area code, 9–15 digits in all (E.164 allows at most 15). Everything else that is made of digits —
// order numbers (A1001), amounts ($120.50, 1,299.99), dates (2026-11-21, 21.11.2026), times (14:30), IPs — is
// rejected by the boundaries and the shape checks below rather than by a cleverer pattern.

export type PhoneMatch = { start: number; end: number; value: string; digits: string };

// Groups need a separator between them, so a long digit string can be split only one way: no backtracking blow-up.
const PHONE =
  /(?<![\p{L}\p{N}_$€£¥#@/.:,+-])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,15}(?:[ .-]\d{1,6}){0,7}/gu;
// Separators allowed in a phone only when they sit between digits.
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const CURRENCY_BEFORE = /(?:[$€£¥]|\b(?:usd|eur|gbp|cad|aud|chf|jpy))\s*$/i;
const CURRENCY_AFTER = /^\s*(?:[$€£¥]|(?:usd|eur|gbp|cad|aud|chf|jpy|dollars?|euros?|pounds?|bucks|cents?)\b)/i;
const DATE_SHAPES = [/^\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}(?!\d)/, /^\d{1,2}[-./]\d{1,2}[-./]\d{4}(?!\d)/];
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/;
const IPV4_SHAPE = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export function findPhones(text: string): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  PHONE.lastIndex = 0;
  for (let m = PHONE.exec(text); m; m = PHONE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const digits = m[0].replace(/\D/g, "");
    if (digits.length >= 9 && digits.length <= 15 && isPhoneShaped(text, start, end)) {
      found.push({ start, end, value: m[0], digits });
    } else {
      // "2026-11-21 555 123 4567" is one over-long candidate; the phone after the date is still a phone. Other
      // rejects are skipped whole, so the tail of a 20-digit number never comes back as a phone.
      const date = DATE_SHAPES.map((shape) => shape.exec(m![0])?.[0].length ?? 0).find((length) => length > 0);
      PHONE.lastIndex = date ? start + date : endOfNumberRun(text, end);
    }
  }
  return found;
}

// The pattern stops after eight groups; the rest of a long run of numbers must not be read as a fresh phone.
function endOfNumberRun(text: string, from: number): number {
  let i = from;
  while (i + 1 < text.length && " .-".includes(text[i]) && isDigitAt(text, i + 1)) {
    i++;
    while (i < text.length && isDigitAt(text, i)) i++;
  }
  return i;
}

function isDigitAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code >= 48 && code <= 57;
}

function isPhoneShaped(text: string, start: number, end: number): boolean {
  const value = text.slice(start, end);
  const next = text[end];
  if (next !== undefined && WORD_CHAR.test(next)) return false;
  // 120.50, 14:30, 2026-11-21, 21/11/2026: a separator followed by a digit means the number goes on (a phone never
  // needs more than the eight groups the pattern takes).
  if (next !== undefined && ".,:/- ".includes(next) && isDigitAt(text, end + 1)) return false;
  if (DATE_SHAPES.some((shape) => shape.test(value))) return false;
  if (SSN_SHAPE.test(value) || IPV4_SHAPE.test(value)) return false;
  if (CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 8), start))) return false;
  if (CURRENCY_AFTER.test(text.slice(end, end + 10))) return false;
  return true;
}
