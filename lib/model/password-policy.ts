// The password policy: every password a person chooses in the console (a new account from an invitation, a changed
// password) passes this check, on the server and, with the same code, live in the form. A strength estimator
// (zxcvbn, with its offline dictionaries of common passwords, words and keyboard patterns) judges guessability, so
// "Password123!" fails however many character classes it has, and a long passphrase passes without any.
import { ZxcvbnFactory, type FeedbackType, type TranslationKeys } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "./errors";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./limits";

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };
/** zxcvbn's scale is 0–4; 3 means "safely unguessable: moderate protection from an offline attack". */
export const MIN_PASSWORD_SCORE = 3;

/** Who the password is for: what it must not contain. */
export type PasswordOwner = { email?: string | null; name?: string | null };

export type PasswordVerdict = { ok: true; score: number } | { ok: false; message: string };

// language-common ships dictionaries and keyboard layouts but no sentences: zxcvbn returns these keys as feedback.
const TRANSLATIONS: TranslationKeys = {
  warnings: {
    straightRow: "Straight rows of keys on your keyboard are easy to guess.",
    keyPattern: "Short keyboard patterns are easy to guess.",
    simpleRepeat: "Repeated characters like “aaa” are easy to guess.",
    extendedRepeat: "Repeated patterns like “abcabcabc” are easy to guess.",
    sequences: "Common character sequences like “abc” are easy to guess.",
    recentYears: "Recent years are easy to guess.",
    dates: "Dates are easy to guess.",
    topTen: "This is one of the most used passwords.",
    topHundred: "This is a very often used password.",
    common: "This is a commonly used password.",
    similarToCommon: "This is similar to a commonly used password.",
    wordByItself: "Single words are easy to guess.",
    namesByThemselves: "Single names or surnames are easy to guess.",
    commonNames: "Common names and surnames are easy to guess.",
    userInputs: "There should not be any personal or page related data.",
    pwned: "This password appears in known data breaches.",
  },
  suggestions: {
    l33t: "Avoid predictable letter substitutions like “@” for “a”.",
    reverseWords: "Avoid reversed spellings of common words.",
    allUppercase: "Capitalize some, but not all letters.",
    capitalization: "Capitalize more than the first letter.",
    dates: "Avoid dates and years that are associated with you.",
    recentYears: "Avoid recent years.",
    associatedYears: "Avoid years that are associated with you.",
    sequences: "Avoid common character sequences.",
    repeated: "Avoid repeated words and characters.",
    longerKeyboardPattern: "Use longer keyboard patterns and change typing direction multiple times.",
    anotherWord: "Add more words that are less common.",
    useWords: "Use multiple words, but avoid common phrases.",
    noNeed: "You can create strong passwords without using symbols, numbers, or uppercase letters.",
    pwned: "If you use this password elsewhere, you should change it.",
  },
  timeEstimation: {
    ltSecond: "less than a second",
    second: "{base} second",
    seconds: "{base} seconds",
    minute: "{base} minute",
    minutes: "{base} minutes",
    hour: "{base} hour",
    hours: "{base} hours",
    day: "{base} day",
    days: "{base} days",
    month: "{base} month",
    months: "{base} months",
    year: "{base} year",
    years: "{base} years",
    centuries: "centuries",
  },
};

// Ranking the dictionaries takes a moment, so it happens on the first check, not when a page merely imports this.
// Fuzzy (Levenshtein) matching is off and only the first 64 characters are judged: that keeps a check to a few
// milliseconds as the person types, and a password whose first 64 characters are unguessable is unguessable.
const JUDGED_LENGTH = 64;
let estimator: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary,
    graphs: adjacencyGraphs,
    translations: TRANSLATIONS,
    useLevenshteinDistance: false,
    maxLength: JUDGED_LENGTH,
  });
  return estimator;
}

const PRODUCT_NAME = "switchboard";

/** Lower case, letters and digits only: "Ana.Smith" and "ana-smith" are the same word here. */
function compact(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** What the password must not contain: the e-mail's local part, the name, their longer pieces, and the product. */
function personalTerms(owner: PasswordOwner): string[] {
  const local = (owner.email ?? "").trim().split("@")[0] ?? "";
  const name = owner.name ?? "";
  const pieces = [...local.split(/[._+-]+/), ...name.split(/\s+/)].filter((piece) => compact(piece).length >= 4);
  const whole = [local, name].filter((value) => compact(value).length >= 3);
  return [...new Set([...whole, ...pieces, PRODUCT_NAME].map(compact))];
}

function feedbackMessage(feedback: FeedbackType): string {
  return ["This password is too easy to guess.", feedback.warning, ...feedback.suggestions].filter(Boolean).join(" ");
}

/** Whether `password` may be chosen by `owner`, and if not, a sentence saying why and what would do. */
export function checkPassword(password: string, owner: PasswordOwner = {}): PasswordVerdict {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, message: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
  }
  const compacted = compact(password);
  if (personalTerms(owner).some((term) => compacted.includes(term))) {
    return { ok: false, message: "Do not use your name, your e-mail address or “Switchboard” in your password." };
  }
  const result = zxcvbn().check(password, personalTerms(owner));
  if (result.score < MIN_PASSWORD_SCORE) return { ok: false, message: feedbackMessage(result.feedback) };
  return { ok: true, score: result.score };
}

/** The server's check: a refused password is a validation error on `field`, and nothing is changed. */
export function assertAcceptablePassword(password: string, owner: PasswordOwner, field = "password"): void {
  const verdict = checkPassword(password, owner);
  if (!verdict.ok) {
    throw new AppError("VALIDATION", { userMessage: verdict.message, fieldErrors: { [field]: [verdict.message] } });
  }
}
