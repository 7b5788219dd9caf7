import { describe, expect, it } from "vitest";
import { expectedCalibrationError, macroF1 } from "@/bench/routing/metrics";

const p = (actual: string, predicted: string, confidence = 1) => ({ actual, predicted, confidence });

describe("macroF1", () => {
  it("averages each intent's F1 with equal weight", () => {
    // a: tp 2, fp 1 (c→a), fn 1 (a→b): F1 4/6. b: tp 1, fp 1, fn 0: F1 2/3. c: tp 0: F1 0. Mean 4/9.
    const pairs = [p("a", "a"), p("a", "a"), p("a", "b"), p("b", "b"), p("c", "a")];
    expect(macroF1(pairs, ["a", "b", "c"])).toBeCloseTo(4 / 9, 12);
  });

  it("counts an intent never predicted right as 0, and a prediction outside the list only as a miss", () => {
    // a: tp 1, fn 1 (a→x): F1 2/3. b: no rows at all: F1 0. Mean 1/3.
    expect(macroF1([p("a", "a"), p("a", "x")], ["a", "b"])).toBeCloseTo(1 / 3, 12);
    expect(macroF1([p("a", "a"), p("b", "b")], ["a", "b"])).toBe(1);
  });
});

describe("expectedCalibrationError (10 equal-width bins)", () => {
  it("weights each bin's |mean confidence − accuracy| by its share of the predictions", () => {
    // Bin [0.9, 1] (1.0 included): confidences 0.95 + 0.95 + 1.0 = 2.9, 2 right: |2.9 − 2| = 0.9.
    // Bin [0.2, 0.3): 0.25, wrong: 0.25. ECE = (0.9 + 0.25) / 4.
    const pairs = [p("a", "a", 0.95), p("a", "b", 0.95), p("a", "a", 1), p("a", "b", 0.25)];
    expect(expectedCalibrationError(pairs)).toBeCloseTo(0.2875, 12);
  });

  it("keeps confidences on either side of a bin edge apart", () => {
    // 0.6 right and 0.4 wrong would cancel out in one bin; in their own bins each is 0.4 off.
    expect(expectedCalibrationError([p("a", "a", 0.6), p("a", "b", 0.4)])).toBeCloseTo(0.4, 12);
  });

  it("is 0 when confidence matches accuracy, and for no predictions", () => {
    const pairs = Array.from({ length: 10 }, (_, i) => p("a", i < 7 ? "a" : "b", 0.7));
    expect(expectedCalibrationError(pairs)).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([])).toBe(0);
  });
});
