// Payment card numbers: 13–19 digits, optionally grouped with spaces or dashes, that pass the Luhn check.
import { luhnValid } from "./checksums";
import { digitRuns, digitsOf, type DigitRun } from "./digit-runs";

export type CardMatch = { start: number; end: number; value: string; digits: string };

const LETTER_OR_UNDERSCORE = /[\p{L}_]/u;

export function findCards(text: string): CardMatch[] {
  const found: CardMatch[] = [];
  for (const run of digitRuns(text)) {
    // Glued to letters it is an identifier (SKU, tracking code), not a card someone typed.
    if (run.start > 0 && LETTER_OR_UNDERSCORE.test(text[run.start - 1])) continue;
    if (run.end < text.length && LETTER_OR_UNDERSCORE.test(text[run.end])) continue;
    found.push(...cardsInRun(text, run));
  }
  return found;
}

// A run may hold more than the card ("4242 4242 4242 4242 12 27" with the expiry), so group-aligned slices are
// tried too: the longest valid slice starting at the earliest group wins.
// Printed cards group digits in blocks of 4–6 (4-4-4-4, Amex 4-6-5) with one kind of separator; anything else
// ("000-12-3456 666-12-3456": two SSN-shaped strings) is digits that merely happen to sit next to each other.
function groupedLikeACard(text: string, groups: DigitRun["groups"], i: number, j: number): boolean {
  const separator = text[groups[i].end];
  for (let k = i; k <= j; k++) {
    const size = groups[k].end - groups[k].start;
    if (size < 3 || size > 8) return false;
    if (k > i && text[groups[k].start - 1] !== separator) return false;
  }
  return true;
}

function cardsInRun(text: string, run: DigitRun): CardMatch[] {
  const out: CardMatch[] = [];
  const { groups } = run;
  let i = 0;
  while (i < groups.length) {
    let best: CardMatch | null = null;
    let count = 0;
    for (let j = i; j < groups.length; j++) {
      count += groups[j].end - groups[j].start;
      if (count > 19) break;
      if (j > i && !groupedLikeACard(text, groups, i, j)) break;
      if (count < 13) continue;
      const digits = digitsOf(text, groups[i].start, groups[j].end);
      if (luhnValid(digits) && !/^(\d)\1+$/.test(digits)) {
        best = {
          start: groups[i].start,
          end: groups[j].end,
          value: text.slice(groups[i].start, groups[j].end),
          digits,
        };
        i = j;
      }
    }
    if (best) out.push(best);
    i++;
  }
  return out;
}
