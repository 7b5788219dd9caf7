// Comparison-friendly text: lower case, accents removed, punctuation treated as word breaks — as tokens that keep
// their original offsets, so findings can point at what the customer actually typed.

export type Token = { text: string; start: number; end: number };

/** Folds one string for comparison: NFKD, combining marks and format characters removed, lower case. Apostrophes
 * vanish ("don't" → dont). */
export function foldWord(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\p{M}\p{Cf}]/gu, "")
    .toLowerCase()
    .replace(/['’ʼ`]/g, "");
}

/**
 * Splits text into folded word tokens (letters and digits), each with its span in the original string. Runs in one
 * pass, so it is safe on large inputs.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Format characters (zero-width, bidi, soft hyphen) count as part of a word so "sc\u200Bam" cannot dodge "scam".
  const word = /[\p{L}\p{N}\p{M}\p{Cf}]+(?:['’ʼ][\p{L}\p{N}\p{M}\p{Cf}]+)*/gu;
  for (const m of text.matchAll(word)) {
    const folded = foldWord(m[0]);
    if (folded) tokens.push({ text: folded, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Collapses whitespace (including NBSP and line breaks) to single spaces and trims; Unicode NFC. */
export function normalizeWhitespace(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}
