// Splits text into runs of digit groups joined by a single separator ("4111 1111-1111 1111"). A hand-written
// linear scan instead of a regex like (?:\d[ -]?)+ because such patterns re-scan a long run from every start
// position when the overall match fails, which is quadratic on hostile input.
export type DigitGroup = { start: number; end: number };
export type DigitRun = { start: number; end: number; groups: DigitGroup[] };

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function digitRuns(text: string, separators = " -"): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const groups: DigitGroup[] = [];
    let groupStart = i;
    for (;;) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      groups.push({ start: groupStart, end: i });
      if (i + 1 < n && separators.includes(text[i]) && isDigit(text.charCodeAt(i + 1))) {
        i++;
        groupStart = i;
        continue;
      }
      break;
    }
    runs.push({ start: groups[0].start, end: i, groups });
  }
  return runs;
}

export function digitsOf(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\D/g, "");
}
