// Seeded, per-intent choices of rows: the bench's held-out split and its few-shot training samples. Both use the
// repository's seeded PRNG, so a seed names the same rows on every machine and every intent keeps its share.
import { prng } from "@/lib/platform/prng";
import type { TrainingExample } from "@/lib/runtime/routing/train-intent-classifier";

function groupByIntent(rows: readonly TrainingExample[]): Map<string, TrainingExample[]> {
  const groups = new Map<string, TrainingExample[]>();
  for (const r of rows) (groups.get(r.intent) ?? groups.set(r.intent, []).get(r.intent)!).push(r);
  return groups;
}

/** Fisher–Yates on a copy, walking intents in sorted order so the same seed gives the same rows whatever the file order of intents. */
function shuffledByIntent(rows: readonly TrainingExample[], seed: number): TrainingExample[][] {
  const groups = groupByIntent(rows);
  const rand = prng(seed);
  return [...groups.keys()].sort().map((intent) => {
    const members = [...groups.get(intent)!];
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    return members;
  });
}

/** Seeded per-intent split, so every intent appears in both parts in its original proportion. */
export function stratifiedSplit(
  rows: readonly TrainingExample[],
  testFraction: number,
  seed: number,
): { train: TrainingExample[]; test: TrainingExample[] } {
  const train: TrainingExample[] = [];
  const test: TrainingExample[] = [];
  for (const members of shuffledByIntent(rows, seed)) {
    const nTest = Math.round(members.length * testFraction);
    members.forEach((r, n) => (n < nTest ? test : train).push(r));
  }
  return { train, test };
}

/**
 * `shots` rows of each intent, drawn with the seed; an intent with fewer rows keeps all of them. The rows come back in
 * their original order, so only the choice depends on the seed.
 */
export function sampleShots(rows: readonly TrainingExample[], shots: number, seed: number): TrainingExample[] {
  if (!Number.isInteger(shots) || shots < 1) throw new Error(`shots must be a positive integer, got ${shots}`);
  const chosen = new Set(shuffledByIntent(rows, seed).flatMap((members) => members.slice(0, shots)));
  return rows.filter((r) => chosen.has(r));
}
