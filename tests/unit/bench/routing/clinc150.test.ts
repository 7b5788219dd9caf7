import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadClinc150, readClincSplit } from "@/bench/routing/clinc150";
import { loadRows, trainingRows } from "@/bench/routing/datasets";

const intentsOf = (rows: { intent: string }[]) => new Set(rows.map((r) => r.intent));

describe("CLINC150 in the repository", () => {
  const { train, test } = loadClinc150();

  it("reads train + oos_train for training and val + oos_val for scoring", () => {
    expect(train).toHaveLength(15_100);
    expect(test).toHaveLength(3_100);
    expect(train.filter((r) => r.intent === "oos")).toHaveLength(100);
    expect(test.filter((r) => r.intent === "oos")).toHaveLength(100);
    expect(intentsOf(train).size).toBe(151);
    expect(intentsOf(test)).toEqual(intentsOf(train));
    expect(train[0]).toEqual({
      text: "what expression would i use to say i love you if i were an italian",
      intent: "translate",
    });
  });

  it("never trains on out-of-scope rows; --tune scores oos_train beside a slice of train, without reading val", () => {
    expect(intentsOf(trainingRows(train, null, 42).rows).has("oos")).toBe(false);
    const tuning = loadRows({ dataset: "clinc150" }, { tune: true, splitSeed: 42 });
    expect(tuning.train).toHaveLength(12_000);
    expect(tuning.test).toHaveLength(3_100);
    const trainTexts = new Set(train.map((r) => r.text));
    expect(tuning.test.every((r) => trainTexts.has(r.text))).toBe(true);
  });
});

describe("readClincSplit", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "clinc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("trims the pairs it reads and names the file whose shape is wrong", () => {
    writeFileSync(path.join(dir, "good.json"), JSON.stringify([[" book a flight ", "book_flight"]]));
    writeFileSync(path.join(dir, "bad.json"), JSON.stringify([["text only"]]));
    expect(readClincSplit(dir, "good.json")).toEqual([{ text: "book a flight", intent: "book_flight" }]);
    expect(() => readClincSplit(dir, "bad.json")).toThrow(/bad\.json: expected an array of \[text, intent\] pairs/);
  });
});
