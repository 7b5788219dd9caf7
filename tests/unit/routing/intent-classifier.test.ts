import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  classifyIntent,
  deserializeIntentModel,
  serializeIntentModel,
  trainIntentClassifier,
  type TrainingExample,
} from "@/lib/routing/intent-classifier";

const SYNTHETIC: Record<string, string[]> = {
  check_balance: [
    "what is my balance",
    "how much money do i have",
    "show me my account balance",
    "check my balance please",
    "how much is left in my account",
    "tell me my current balance",
    "what's the balance on my checking account",
    "how much cash is in my account right now",
  ],
  lost_card: [
    "i lost my card",
    "my card was stolen",
    "i can't find my debit card",
    "someone stole my credit card",
    "i think i lost my bank card",
    "my wallet with my card is gone",
    "block my card it was stolen",
    "report a lost card",
  ],
  transfer_money: [
    "send money to my friend",
    "transfer 50 pounds to john",
    "i want to transfer money to another account",
    "make a bank transfer",
    "pay my sister 20 dollars",
    "move money to my savings account",
    "wire money to my landlord",
    "send a payment to alice",
  ],
  opening_hours: [
    "when are you open",
    "what time does the branch open",
    "what are your opening hours",
    "is the branch open on sunday",
    "what time do you close today",
    "are you open on saturdays",
    "branch opening times",
    "when does the office close",
  ],
};

const syntheticExamples: TrainingExample[] = Object.entries(SYNTHETIC).flatMap(([intent, texts]) =>
  texts.map((text) => ({ text, intent })),
);

describe("trainIntentClassifier + classifyIntent", () => {
  const model = trainIntentClassifier(syntheticExamples);

  it("classifies unseen paraphrases", () => {
    const cases: [string, string][] = [
      ["How much money is in my account?", "check_balance"],
      ["what's my current account balance", "check_balance"],
      ["My debit card got stolen yesterday", "lost_card"],
      ["I can't find my credit card anywhere", "lost_card"],
      ["Please transfer 100 dollars to my savings", "transfer_money"],
      ["send 30 pounds to my friend", "transfer_money"],
      ["What time do you open on Saturday?", "opening_hours"],
      ["is the office open sunday", "opening_hours"],
    ];
    for (const [text, intent] of cases) expect(classifyIntent(model, text).intent, text).toBe(intent);
  });

  it("returns sorted candidates whose scores are probabilities", () => {
    const prediction = classifyIntent(model, "I lost my card");
    expect(model.intents).toEqual(["check_balance", "lost_card", "opening_hours", "transfer_money"]);
    expect(prediction.candidates).toHaveLength(4);
    expect(prediction.candidates[0]).toEqual({ intent: prediction.intent, score: prediction.confidence });
    const scores = prediction.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
  });

  it("caps candidates at five", () => {
    const many = Array.from({ length: 8 }, (_, i) => [
      { text: `topic${i} alpha request number ${"x".repeat(i + 1)}`, intent: `intent_${i}` },
      { text: `about topic${i} please ${"y".repeat(i + 1)}`, intent: `intent_${i}` },
    ]).flat();
    expect(classifyIntent(trainIntentClassifier(many), "topic3 please").candidates).toHaveLength(5);
  });

  it("is far less confident on gibberish and out-of-scope text than on in-scope text", () => {
    const inScope = ["how much money do i have in my account", "my card was stolen", "what time do you open"];
    const outOfScope = ["qwzx plorf vindle grask", "what's the weather like on mars", "recommend a good pizza recipe"];
    const minIn = Math.min(...inScope.map((t) => classifyIntent(model, t).confidence));
    const maxOut = Math.max(...outOfScope.map((t) => classifyIntent(model, t).confidence));
    expect(maxOut).toBeLessThan(minIn);
    expect(classifyIntent(model, "qwzx plorf vindle grask").confidence).toBeLessThan(0.5);
  });

  it("is deterministic for the same examples and seed", () => {
    const a = serializeIntentModel(trainIntentClassifier(syntheticExamples, { seed: 7 }));
    const b = serializeIntentModel(trainIntentClassifier(syntheticExamples, { seed: 7 }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = serializeIntentModel(trainIntentClassifier(syntheticExamples, { seed: 8 }));
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it("rejects bad training input with a clear error", () => {
    expect(() => trainIntentClassifier([])).toThrow(/needs training examples/);
    expect(() => trainIntentClassifier([{ text: "a", intent: "x" }, { text: "b", intent: "x" }])).toThrow(/at least 2 distinct intents/);
    expect(() => trainIntentClassifier([{ text: "hello", intent: "x" }, { text: "  ", intent: "y" }])).toThrow(/empty text/);
    expect(() => trainIntentClassifier([{ text: "hello", intent: "x" }, { text: "?!", intent: "y" }])).toThrow(/no words/);
    expect(() => trainIntentClassifier([{ text: "hello", intent: "x" }, { text: "bye", intent: "" }])).toThrow(/empty intent/);
    expect(() => trainIntentClassifier(syntheticExamples, { epochs: 0 })).toThrow(/epochs/);
    expect(() => trainIntentClassifier(syntheticExamples, { seed: 1.5 })).toThrow(/seed/);
  });
});

describe("serializeIntentModel / deserializeIntentModel", () => {
  const model = trainIntentClassifier(syntheticExamples);

  it("round-trips to a model with identical predictions", () => {
    const bytes = serializeIntentModel(model);
    const restored = deserializeIntentModel(bytes);
    expect(restored.intents).toEqual(model.intents);
    for (const text of ["check my balance", "stolen card", "pay bob 10 dollars", "sunday hours", "zzz"])
      expect(classifyIntent(restored, text)).toEqual(classifyIntent(model, text));
    expect(serializeIntentModel(restored)).toEqual(bytes);
  });

  it("reads bytes that do not start at offset 0 of their buffer (as Postgres drivers return them)", () => {
    const bytes = serializeIntentModel(model);
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    const restored = deserializeIntentModel(padded.subarray(3));
    expect(classifyIntent(restored, "stolen card")).toEqual(classifyIntent(model, "stolen card"));
  });

  it("rejects corrupt bytes", () => {
    const bytes = serializeIntentModel(model);
    expect(() => deserializeIntentModel(new Uint8Array([1, 2, 3]))).toThrow(/Invalid intent model/);
    expect(() => deserializeIntentModel(bytes.subarray(0, bytes.length - 1))).toThrow(/Invalid intent model/);
  });
});

describe("on BANKING77", () => {
  it("reaches a sensible accuracy on held-out rows", { timeout: 60_000 }, () => {
    const csv = readFileSync(new URL("../../../data/banking77/train.csv", import.meta.url), "utf8");
    const rows = Papa.parse<{ text: string; category: string }>(csv, { header: true, skipEmptyLines: true }).data;
    const byIntent = new Map<string, string[]>();
    for (const r of rows) byIntent.set(r.category, [...(byIntent.get(r.category) ?? []), r.text.trim()]);
    // Deterministic stratified subset: every 5th row of an intent is held out, 3 of the other 4 train.
    const train: TrainingExample[] = [];
    const test: TrainingExample[] = [];
    for (const [intent, texts] of byIntent)
      texts.forEach((text, i) => {
        if (i % 5 === 0) test.push({ text, intent });
        else if (i % 5 !== 1) train.push({ text, intent });
      });

    const model = trainIntentClassifier(train);
    const accuracy = test.filter((r) => classifyIntent(model, r.text).intent === r.intent).length / test.length;
    expect(model.intents).toHaveLength(77);
    expect(accuracy).toBeGreaterThan(0.85);
  });
});
