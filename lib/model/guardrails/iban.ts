// IBAN lengths per country (SWIFT IBAN registry). Knowing the exact length lets a detector stop at the right place in
// "GB82 WEST 1234 5698 7654 32 and more" instead of swallowing the next word, and rejects wrong-length look-alikes.
import { ibanChecksumValid } from "./checksums";

const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

export function ibanValid(value: string): boolean {
  const compact = value.replace(/[ -]/g, "").toUpperCase();
  const length = IBAN_LENGTHS[compact.slice(0, 2)];
  return length !== undefined && compact.length === length && ibanChecksumValid(compact);
}

// Candidate start: two letters + two digits not glued to a preceding word. The tail is read by hand (see findIbans).
const IBAN_START = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}/gu;

export type IbanMatch = { start: number; end: number; value: string; compact: string; valid: boolean };

/**
 * IBANs written compact or in groups separated by single spaces/dashes. Mixed-case input is accepted; the check
 * digits make accidental matches about 1 in 97 even before the per-country length check.
 */
export function findIbans(text: string): IbanMatch[] {
  return findIbanShapes(text).filter((match) => match.valid);
}

/** Everything with an IBAN's country, length and grouping, valid or not: an IBAN with a typo is still not a phone. */
export function findIbanShapes(text: string): IbanMatch[] {
  const found: IbanMatch[] = [];
  IBAN_START.lastIndex = 0;
  for (let match = IBAN_START.exec(text); match; match = IBAN_START.exec(text)) {
    const start = match.index;
    const country = match[0].slice(0, 2).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (!length) continue;
    let compact = match[0].toUpperCase();
    let i = start + 4;
    while (compact.length < length && i < text.length) {
      let c = text[i];
      if ((c === " " || c === "-") && i + 1 < text.length && isAlnum(text[i + 1])) {
        i++;
        c = text[i];
      }
      if (!isAlnum(c)) break;
      compact += c.toUpperCase();
      i++;
    }
    // The IBAN must end where a word ends, or "GB82WEST12345698765432XYZ" would validate on its prefix.
    if (compact.length !== length || (i < text.length && isWordChar(text[i]))) continue;
    found.push({ start, end: i, value: text.slice(start, i), compact, valid: ibanChecksumValid(compact) });
    IBAN_START.lastIndex = i;
  }
  return found;
}

function isAlnum(c: string): boolean {
  return /[A-Za-z0-9]/.test(c);
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}
