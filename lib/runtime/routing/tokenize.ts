/**
 * Text normalisation and sparse feature extraction for the intent classifier.
 *
 * Features are strings with a namespace prefix so word and character features never collide
 * in one vocabulary: "w:" word unigram, "b:" word bigram, "c:" character n-gram.
 */

export type FeatureOptions = {
  /** Smallest and largest character n-gram, taken inside padded word boundaries. */
  charNgramMin: number;
  charNgramMax: number;
  wordBigrams: boolean;
};

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charNgramMin: 3,
  charNgramMax: 5,
  wordBigrams: true,
};

export const NUMBER_TOKEN = "0";

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['\u2018\u2019\u02bc`]/g;
// Currency symbols carry meaning in support traffic ("£20 fee"), so they survive as tokens.
const TOKEN = /[\p{L}\p{N}]+|[$£€¥₹]/gu;
const DIGITS = /^\p{N}+$/u;

/**
 * Lowercases, folds accents and compatibility forms, and drops apostrophes so
 * "Don’t", "don't" and "dont" are the same word.
 */
export function normalizeText(text: string): string {
  return text.normalize("NFKD").replace(COMBINING_MARKS, "").normalize("NFKC").toLowerCase().replace(APOSTROPHES, "");
}

/** Word tokens; every all-digit token becomes one placeholder so amounts and dates generalise. */
export function tokenize(text: string): string[] {
  const words = normalizeText(text).match(TOKEN) ?? [];
  return words.map((w) => (DIGITS.test(w) ? NUMBER_TOKEN : w));
}

/** Term counts of every feature in `text` (a feature may occur several times). */
export function extractFeatures(text: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string) => counts.set(f, (counts.get(f) ?? 0) + 1);
  const words = tokenize(text);

  for (let i = 0; i < words.length; i++) {
    add(`w:${words[i]}`);
    if (options.wordBigrams && i + 1 < words.length) add(`b:${words[i]} ${words[i + 1]}`);

    // Padding marks word starts and ends, so "card" and "discard" share "ard" but not " car".
    const padded = ` ${words[i]} `;
    for (let n = options.charNgramMin; n <= options.charNgramMax; n++) {
      for (let s = 0; s + n <= padded.length; s++) add(`c:${padded.slice(s, s + n)}`);
    }
  }
  return counts;
}
