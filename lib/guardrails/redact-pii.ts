// Deterministic PII redaction for what the engine stores beside the transcript (spans, audit details): card numbers
// that pass the Luhn check, IBANs, e-mail addresses and phone numbers become typed placeholders.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const CARD = /\b(?:\d[ -]?){13,19}\b/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const PHONE = /(?<![\w-])\+?\d[\d ().-]{7,}\d(?![\w-])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

export function redactPiiText(text: string): string {
  return text
    .replace(EMAIL, "[email]")
    .replace(CARD, (match) => (luhnValid(match.replace(/[ -]/g, "")) ? "[card]" : match))
    .replace(IBAN, "[iban]")
    .replace(PHONE, (match) => (match.replace(/\D/g, "").length >= 9 ? "[phone]" : match));
}

/** Redacts every string inside a JSON-like value; keys are kept. */
export function redactPii<T>(value: T): T {
  if (typeof value === "string") return redactPiiText(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactPii(item)) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactPii(v)])) as T;
  }
  return value;
}
