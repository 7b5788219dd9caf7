import { describe, expect, it } from "vitest";
import { sampleShots, stratifiedSplit } from "@/bench/routing/sampling";

const rowsOf = (intent: string, n: number) => Array.from({ length: n }, (_, i) => ({ text: `${intent} ${i}`, intent }));
const ROWS = [...rowsOf("card", 20), ...rowsOf("refund", 30), ...rowsOf("rare", 3)];
const countBy = (rows: { intent: string }[]) =>
  Object.fromEntries(
    [...new Set(rows.map((r) => r.intent))].map((i) => [i, rows.filter((r) => r.intent === i).length]),
  );

describe("sampleShots (bench:routing --shots)", () => {
  it("takes N rows of each intent, and every row of an intent that has fewer", () => {
    expect(countBy(sampleShots(ROWS, 5, 1))).toEqual({ card: 5, refund: 5, rare: 3 });
    expect(countBy(sampleShots(ROWS, 25, 1))).toEqual({ card: 20, refund: 25, rare: 3 });
  });

  it("draws the same rows for the same seed and other rows for another seed", () => {
    const texts = (seed: number) => sampleShots(ROWS, 5, seed).map((r) => r.text);
    expect(texts(1)).toEqual(texts(1));
    expect(texts(2)).not.toEqual(texts(1));
  });

  it("returns rows of the input in their original order, whatever order the intents come in", () => {
    const sample = sampleShots(ROWS, 5, 3);
    expect(sample.every((r) => ROWS.includes(r))).toBe(true);
    expect(sample.map((r) => ROWS.indexOf(r))).toEqual(sample.map((r) => ROWS.indexOf(r)).sort((a, b) => a - b));
    const reordered = [...rowsOf("rare", 3), ...rowsOf("refund", 30), ...rowsOf("card", 20)];
    const key = (rows: { text: string }[]) => rows.map((r) => r.text).sort();
    expect(key(sampleShots(reordered, 5, 3))).toEqual(key(sample));
  });

  it("refuses a count that is not a positive integer", () => {
    expect(() => sampleShots(ROWS, 0, 1)).toThrow(/positive integer/);
    expect(() => sampleShots(ROWS, 2.5, 1)).toThrow(/positive integer/);
  });
});

describe("stratifiedSplit (the 80/20 split)", () => {
  it("holds out the fraction of every intent, deterministically per seed", () => {
    const { train, test } = stratifiedSplit(ROWS, 0.2, 42);
    expect(countBy(test)).toEqual({ card: 4, refund: 6, rare: 1 });
    expect(train.length + test.length).toBe(ROWS.length);
    expect(new Set([...train, ...test]).size).toBe(ROWS.length);
    expect(stratifiedSplit(ROWS, 0.2, 42)).toEqual({ train, test });
    expect(stratifiedSplit(ROWS, 0.2, 43).test).not.toEqual(test);
  });
});
