// Deterministic slot extraction from a customer message: what an agent can fill without asking. Every extractor
// prefers returning null (the agent then asks) over guessing: an amount is never read from an order number, a
// date or a phone, and a date is never invented from a bare weekday.
import { detectPii } from "@/lib/model/guardrails/detect-pii";
import { findIbans } from "@/lib/model/guardrails/iban";
import { findCards } from "@/lib/model/guardrails/pii-cards";
import { findPhones } from "@/lib/model/guardrails/pii-phones";
import { extractOrderNumber } from "./order-number";
import { parseAddress } from "./parse-address";
import type { SlotKind } from "@/lib/model/flow/slot-kinds";

export type ExtractSlotOptions = {
  /** "Today" for relative dates; default the current time. */
  now?: Date;
  /** IANA zone in which "today" is reckoned; default UTC. */
  timeZone?: string;
  /** How to read an ambiguous numeric date such as 03/04/2026 (default "dmy"; unambiguous ones read themselves). */
  dateOrder?: "dmy" | "mdy";
};

export function extractSlot(kind: SlotKind, text: string, options: ExtractSlotOptions = {}): string | number | null {
  switch (kind) {
    case "order_number":
      return extractOrderNumber(text);
    case "email":
      return extractEmail(text);
    case "customer_email":
      return extractCustomerEmail(text);
    case "amount":
      return extractAmount(text);
    case "date":
      return extractDate(text, options);
    case "phone":
      return extractPhone(text);
    case "card_last4":
      return extractCardLast4(text);
    case "iban":
      return extractIban(text);
    case "address":
      return extractAddress(text);
    case "text":
      return text.trim() || null;
  }
}

// ── e-mail ──────────────────────────────────────────────────────────────────────────────────────────────────────

export function extractEmail(text: string): string | null {
  return detectPii(text, { types: ["email"] })[0]?.value.toLowerCase() ?? null;
}

const OWN_EMAIL_CUE =
  /\b(?:my|mine|me\s+at|reach\s+me|contact\s+me|e-?mail\s+me|mail\s+me|write\s+me|i\s+am|i'm|use|it's|it\s+is|new|correct|current|updated)\b[^@\n]{0,30}$/i;
const OTHER_EMAIL_CUE =
  /\b(?:not|old|previous|former|wrong|instead\s+of|your|you|from|sender|sent\s+by|cc)\b[^@\n]{0,25}$/i;
const ROLE_ADDRESS = /^(?:no-?reply|do-?not-?reply|support|info|help|sales|admin|billing|contact|service|orders?)@/i;

/**
 * The customer's own address when a message mentions several ("my new email is x@y.com, not old@y.com"): cues
 * such as "my", "reach me at" count for an address, "not", "old", "your", "from" against it, as do role
 * addresses (support@, noreply@). Null when every address reads as someone else's.
 */
export function extractCustomerEmail(text: string): string | null {
  let best: { email: string; score: number } | null = null;
  for (const match of detectPii(text, { types: ["email"] })) {
    const before = text.slice(Math.max(0, match.start - 60), match.start);
    let score = 0;
    if (OWN_EMAIL_CUE.test(before)) score += 2;
    if (OTHER_EMAIL_CUE.test(before)) score -= 3;
    if (ROLE_ADDRESS.test(match.value)) score -= 1;
    if (!best || score > best.score) best = { email: match.value.toLowerCase(), score };
  }
  return best && best.score >= 0 ? best.email : null;
}

// ── postal address ──────────────────────────────────────────────────────────────────────────────────────────────

const STREET_WORD =
  /\b(?:st|street|ave|avenue|rd|road|ln|lane|dr|drive|blvd|boulevard|way|ct|court|pl|place|ter|terrace|close|sq|square|hwy|highway|pkwy|parkway|cres|crescent|row|walk|strasse|straße|weg)\b\.?/i;

/** "please send A1003 to 12 Oak Lane, Portland 97205": the address starts at the first house number. */
function addressFrom(text: string): string | null {
  const start = text.search(/(?<![\p{L}\p{N}])\d{1,5}[a-z]?\s+\p{L}/iu);
  if (start < 0) return null;
  return (
    text
      .slice(start)
      .replace(/[.!?]+$/, "")
      .trim() || null
  );
}

/** A full one-line address (street, city and postcode) in the message. */
export function extractAddress(text: string): string | null {
  const candidate = addressFrom(text);
  return candidate && parseAddress(candidate, "US") ? candidate : null;
}

/**
 * A street without its city or postcode yet ("5 Main St, Springfield"): worth completing with the next answer
 * rather than asking for the whole address again. Needs a street word, so "2 items" is never an address.
 */
export function partialAddress(text: string): string | null {
  const candidate = addressFrom(text);
  return candidate && STREET_WORD.test(candidate) && !parseAddress(candidate, "US") ? candidate : null;
}

// ── phone, card, IBAN ───────────────────────────────────────────────────────────────────────────────────────────

/** The first phone number as typed (trimmed); same rules as PII detection, so dates and amounts are never phones. */
export function extractPhone(text: string): string | null {
  const taken = detectPii(text).filter((m) => m.type !== "phone");
  const phone = findPhones(text).find((p) => !taken.some((m) => p.start < m.end && m.start < p.end));
  return phone ? phone.value.trim() : null;
}

const LAST4_PATTERNS = [
  /\b(?:ending|ends|ended)(?:\s+(?:in|with))?\s*:?\s*(\d{4})(?![\d-])/i,
  /\blast\s+(?:4|four)(?:\s+digits)?(?:\s+(?:of\s+(?:my|the)\s+card))?(?:\s+(?:are|is|were))?\s*:?\s*(\d{4})(?![\d-])/i,
  /(?:[*xX•·]{2,}[\s-]?){1,3}(\d{4})(?![\d-])/,
];
const BRAND_LAST4 =
  /\b(?:visa|mastercard|master\s+card|amex|american\s+express|discover|debit\s+card|credit\s+card|card)\s+(?:#\s*|no\.?\s*)?(\d{4})(?![\d\s-]*\d)/i;

/** Asked which card, "9335" on its own is the answer. */
const BARE_LAST4 = /^\s*(?:it'?s\s+|the\s+one\s+)?(\d{4})\s*[.!]?\s*$/i;

/** "card ending in 4242", "last four digits 4242", "**** 4242", a full card number, "visa 4242", or just "4242". */
export function extractCardLast4(text: string): string | null {
  const bare = BARE_LAST4.exec(text);
  if (bare) return bare[1];
  for (const pattern of LAST4_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[1];
  }
  const card = findCards(text)[0];
  if (card) return card.digits.slice(-4);
  return BRAND_LAST4.exec(text)?.[1] ?? null;
}

/** A valid IBAN, compact and upper case (check digits and country length verified). */
export function extractIban(text: string): string | null {
  return findIbans(text)[0]?.compact ?? null;
}

// ── amounts ─────────────────────────────────────────────────────────────────────────────────────────────────────

// A number with thousands separators (1,299.99 / 1.299,99) or a plain one with up to two decimals. Lookarounds keep
// it from starting inside a word (A1001) or continuing into a date, time or longer number.
const NUMBER_CORE = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?)(?!\d|[.,/:-]\d)`;
const NUMBER = String.raw`(?<![\p{L}\p{N}_.,/:#-])${NUMBER_CORE}`;
const SYMBOL = String.raw`(?:[$€£¥]|\bus\$|\b(?:usd|eur|gbp|cad|aud|chf|jpy)(?![a-z]))`;
const WORD_AFTER = String.raw`(?:[$€£¥]|(?:usd|eur|gbp|cad|aud|chf|jpy|dollars?|bucks|euros?|pounds?|quid|cents?)\b)`;
const AMOUNT_BEFORE = new RegExp(String.raw`${SYMBOL}\s?${NUMBER_CORE}`, "iu");
const AMOUNT_AFTER = new RegExp(String.raw`${NUMBER}\s?(${WORD_AFTER})`, "iu");
const CUE = new RegExp(
  String.raw`\b(?:amount|refund(?:ed)?|charged?|paid|pay|cost|costs|price|priced|total|worth|spent|owe)\b(?:\s+(?:of|is|was|me|be|about|around|roughly|approximately|only|just))*\s*[:=]?\s*${NUMBER}(?!\s*(?:%|percent|items?|pieces?|pcs|units?|days?|weeks?|months?|years?|hours?|minutes?|times|x\b))`,
  "iu",
);
const BARE = new RegExp(String.raw`^\s*${NUMBER}\s*\.?\s*$`, "u");

/** Reads "1,299.99" (thousands + decimals), "1.299,99" (European) and "120,5" (decimal comma). */
export function parseAmount(raw: string): number | null {
  let normalized: string;
  const lastComma = raw.lastIndexOf(",");
  const lastDot = raw.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    normalized = raw.split(thousands).join("").replace(decimal, ".");
  } else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? "," : ".";
    const parts = raw.split(separator);
    // One separator followed by exactly three digits is a thousands separator (1,299 / 1.299); otherwise decimal.
    normalized = parts.length > 2 || parts[parts.length - 1].length === 3 ? parts.join("") : parts.join(".");
  } else {
    normalized = raw;
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
}

/**
 * The first amount with a currency ("$120", "€45", "45€", "USD 30", "120.50 dollars", "100 bucks", "50 cents");
 * failing that, a number after a money word ("it cost 1,299.99") or a message that is only a number ("120").
 */
export function extractAmount(text: string): number | null {
  const candidates: { index: number; value: number | null }[] = [];
  const before = AMOUNT_BEFORE.exec(text);
  if (before) candidates.push({ index: before.index, value: parseAmount(before[1]) });
  const after = AMOUNT_AFTER.exec(text);
  if (after) {
    const value = parseAmount(after[1]);
    candidates.push({
      index: after.index,
      value: value !== null && /^cents?$/i.test(after[2]) ? Math.round(value) / 100 : value,
    });
  }
  const first = candidates.filter((c) => c.value !== null).sort((a, b) => a.index - b.index)[0];
  if (first) return first.value;
  const cued = CUE.exec(text) ?? BARE.exec(text);
  return cued ? parseAmount(cued[1]) : null;
}

// ── dates ───────────────────────────────────────────────────────────────────────────────────────────────────────

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY = String.raw`(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|nesday|sday|urday)?`;
const COUNT_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

const ISO_DATE = /(?<![\d./-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d|[-/.:]\d)/g;
const NUMERIC_DATE = /(?<![\d./:-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[-/.:]\d)/g;
const MONTH_DAY = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(st|nd|rd|th)?\b(?!:)(?:,?\s+(\d{4})\b)?`, "gi");
const DAY_MONTH = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}(?![a-z])(?:,?\s+(\d{4})\b)?`,
  "gi",
);
const RELATIVE_DAY =
  /\b(?:the\s+)?(day\s+before\s+yesterday|day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)\b/gi;
const AGO = /\b(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\s+ago\b/gi;
const IN_DAYS = /\bin\s+(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\b/gi;
const LAST_NEXT_WEEKDAY = new RegExp(String.raw`\b(last|next|this\s+coming|coming)\s+${WEEKDAY}\b`, "gi");
const LAST_NEXT_WEEK = /\b(last|next)\s+week\b/gi;

const DAY_MS = 86_400_000;

function utcDate(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of the calendar day `now` falls on in `timeZone`. */
function todayIn(now: Date, timeZone = "UTC"): Date {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
}

function count(word: string): number {
  return COUNT_WORDS[word.toLowerCase()] ?? Number(word);
}

function weekdayIndex(word: string): number {
  const prefix = word.toLowerCase().slice(0, 3);
  return WEEKDAYS.findIndex((day) => day.startsWith(prefix));
}

// A date without a year is the occurrence nearest to today: "March 3" said in late December means next March.
function nearestYear(today: Date, month: number, day: number): Date | null {
  const year = today.getUTCFullYear();
  const options = [year - 1, year, year + 1].map((y) => utcDate(y, month, day)).filter((d): d is Date => d !== null);
  options.sort((a, b) => Math.abs(a.getTime() - today.getTime()) - Math.abs(b.getTime() - today.getTime()));
  return options[0] ?? null;
}

/**
 * The first date in the text as YYYY-MM-DD: ISO (2026-11-21), numeric (21/11/2026, 11/21/2026, 21.11.26 — an
 * ambiguous one follows `dateOrder`, default day first), named months ("March 3", "3rd of March", "Mar 3, 2026"),
 * and relative to `now` in `timeZone`: today / yesterday / tomorrow, "the day before yesterday", "3 days ago",
 * "in 2 weeks", "last week" / "next week" (±7 days), "last Tuesday" (the most recent Tuesday before today; a week
 * ago when today is Tuesday), "next Tuesday" (the first Tuesday after today). A bare weekday ("on Tuesday") is left
 * for the agent to ask about: past and future are equally likely.
 */
export function extractDate(text: string, options: ExtractSlotOptions = {}): string | null {
  const today = todayIn(options.now ?? new Date(), options.timeZone);
  const found: { index: number; date: Date }[] = [];
  const add = (index: number, date: Date | null) => {
    if (date) found.push({ index, date });
  };
  const shift = (days: number) => new Date(today.getTime() + days * DAY_MS);

  for (const m of text.matchAll(ISO_DATE)) add(m.index, utcDate(Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    const dayFirst = a > 12 ? true : b > 12 ? false : (options.dateOrder ?? "dmy") === "dmy";
    add(m.index, dayFirst ? utcDate(year, b, a) : utcDate(year, a, b));
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    // "I may 2 do it": lower-case "may" is a verb unless an ordinal or a year says otherwise.
    if (m[1] === "may" && !m[3] && !m[4]) continue;
    const month = MONTHS[m[1].toLowerCase()];
    add(m.index, m[4] ? utcDate(Number(m[4]), month, Number(m[2])) : nearestYear(today, month, Number(m[2])));
  }
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = MONTHS[m[2].toLowerCase()];
    add(m.index, m[3] ? utcDate(Number(m[3]), month, Number(m[1])) : nearestYear(today, month, Number(m[1])));
  }
  for (const m of text.matchAll(RELATIVE_DAY)) {
    const word = m[1].toLowerCase().replace(/\s+/g, " ");
    const offset =
      { "day before yesterday": -2, "day after tomorrow": 2, today: 0, tonight: 0, yesterday: -1, tomorrow: 1 }[word] ??
      0;
    add(m.index, shift(offset));
  }
  for (const m of text.matchAll(AGO)) add(m.index, shift(-count(m[1]) * (/^week/i.test(m[2]) ? 7 : 1)));
  for (const m of text.matchAll(IN_DAYS)) add(m.index, shift(count(m[1]) * (/^week/i.test(m[2]) ? 7 : 1)));
  for (const m of text.matchAll(LAST_NEXT_WEEKDAY)) {
    const target = weekdayIndex(m[2]);
    if (target < 0) continue;
    const current = today.getUTCDay();
    const back = (current - target + 7) % 7 || 7;
    const ahead = (target - current + 7) % 7 || 7;
    add(m.index, m[1].toLowerCase() === "last" ? shift(-back) : shift(ahead));
  }
  for (const m of text.matchAll(LAST_NEXT_WEEK)) add(m.index, shift(m[1].toLowerCase() === "last" ? -7 : 7));

  if (found.length === 0) return null;
  found.sort((a, b) => a.index - b.index);
  return isoOf(found[0].date);
}
