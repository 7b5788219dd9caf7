import { describe, expect, it } from "vitest";
import { parseBenchOptions } from "@/bench/routing/options";

describe("bench:routing options", () => {
  it("keeps today's defaults: BANKING77, fast mode, seed 42 for training and the split", () => {
    expect(parseBenchOptions([])).toMatchObject({
      rows: { dataset: "banking77" },
      modes: ["fast"],
      seed: 42,
      splitSeed: 42,
      shots: null,
      threshold: 0.5,
    });
    expect(parseBenchOptions(["--seed", "7"])).toMatchObject({ seed: 7, splitSeed: 7 });
  });

  it("scores every --shots sample on the same held-out rows unless --split-seed says otherwise", () => {
    expect(parseBenchOptions(["--shots", "10", "--seed", "3"])).toMatchObject({ shots: 10, seed: 3, splitSeed: 42 });
    expect(parseBenchOptions(["--shots", "10", "--seed", "3", "--split-seed", "5"])).toMatchObject({ splitSeed: 5 });
  });

  it("reads modes and data sources", () => {
    expect(parseBenchOptions(["--mode", "both"]).modes).toEqual(["fast", "semantic"]);
    expect(parseBenchOptions(["--dataset", "clinc150"]).rows).toEqual({ dataset: "clinc150" });
    expect(parseBenchOptions(["--train", "a.csv", "--test", "b.csv"]).rows).toEqual({ train: "a.csv", test: "b.csv" });
  });

  it("refuses what it cannot honour, saying which flag", () => {
    expect(() => parseBenchOptions(["--mode", "toString"])).toThrow(/--mode must be fast, semantic or both/);
    expect(() => parseBenchOptions(["--dataset", "snips"])).toThrow(/--dataset must be banking77 or clinc150/);
    expect(() => parseBenchOptions(["--dataset", "clinc150", "--train", "a.csv"])).toThrow(/not both/);
    expect(() => parseBenchOptions(["--shots", "0"])).toThrow(/--shots must be at least 1/);
    expect(() => parseBenchOptions(["--seed", "1.5"])).toThrow(/--seed must be an integer/);
    expect(() => parseBenchOptions(["--mode", "both", "--hyper", "{}"])).toThrow(/--hyper applies to --mode fast/);
    expect(() => parseBenchOptions(["--train", "a.csv"])).toThrow(/Give both --train and --test/);
  });
});
