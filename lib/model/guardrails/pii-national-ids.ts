// National identifiers. Each format is checked beyond its shape (SSA ranges, HMRC prefixes, check letters/digits)
// so that order numbers and ordinary digit strings are left alone.
import { ninoPrefixValid, spanishIdValid, ssnValid, verhoeffValid } from "./checksums";

export type NationalIdKind = "us_ssn" | "uk_nino" | "es_dni" | "es_nie" | "in_aadhaar";
export type NationalIdMatch = { start: number; end: number; value: string; kind: NationalIdKind };

// AAA-GG-SSSS with one consistent separator (dash or space).
const SSN = /(?<![\p{L}\p{N}_-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|-\d)/gu;
// Nine bare digits count only when the text says it is an SSN; otherwise they are far more often a phone or an id.
const SSN_LABELLED =
  /\b(?:ssn|social security(?: number| no\.?)?)\b[^\d\n]{0,20}?(?<!\d)(\d{3})(\d{2})(\d{4})(?!\d)/giu;
// Two letters, six digits (often paired), suffix A–D. Lower case only when written compact: spaced lower-case
// letters ("at 12 34 56 a") are too easily ordinary prose.
const NINO = /(?<![\p{L}\p{N}_])([A-Za-z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-Da-d])(?![\p{L}\p{N}_])/gu;
const DNI = /(?<![\p{L}\p{N}_])(\d{8})[ -]?([A-Za-z])(?![\p{L}\p{N}_])/gu;
const NIE = /(?<![\p{L}\p{N}_])([XYZxyz])[ -]?(\d{7})[ -]?([A-Za-z])(?![\p{L}\p{N}_])/gu;
// 12 digits, first 2–9, as 4-4-4 (spaces/dashes) or compact, with a Verhoeff check digit.
const AADHAAR = /(?<![\p{L}\p{N}_+-])([2-9]\d{3})([ -]?)(\d{4})\2(\d{4})(?![\p{L}\p{N}_]|[ -]\d)/gu;

export function findNationalIds(text: string): NationalIdMatch[] {
  const found: NationalIdMatch[] = [];
  const push = (start: number, end: number, kind: NationalIdKind) =>
    found.push({ start, end, value: text.slice(start, end), kind });

  for (const m of text.matchAll(SSN)) {
    if (ssnValid(m[1], m[3], m[4])) push(m.index, m.index + m[0].length, "us_ssn");
  }
  for (const m of text.matchAll(SSN_LABELLED)) {
    if (!ssnValid(m[1], m[2], m[3])) continue;
    const end = m.index + m[0].length;
    push(end - 9, end, "us_ssn");
  }
  for (const m of text.matchAll(NINO)) {
    const compact = m[0].replace(/ /g, "");
    const lower = m[1] !== m[1].toUpperCase() || m[5] !== m[5].toUpperCase();
    if (lower && compact.length !== m[0].length) continue;
    if (ninoPrefixValid(m[1])) push(m.index, m.index + m[0].length, "uk_nino");
  }
  for (const m of text.matchAll(DNI)) {
    if (spanishIdValid(m[1] + m[2])) push(m.index, m.index + m[0].length, "es_dni");
  }
  for (const m of text.matchAll(NIE)) {
    if (spanishIdValid(m[1] + m[2] + m[3])) push(m.index, m.index + m[0].length, "es_nie");
  }
  for (const m of text.matchAll(AADHAAR)) {
    if (verhoeffValid(m[1] + m[3] + m[4])) push(m.index, m.index + m[0].length, "in_aadhaar");
  }
  return found;
}
