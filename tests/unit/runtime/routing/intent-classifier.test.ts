import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { classifyIntent } from "@/lib/runtime/routing/intent-classifier";
import { deserializeIntentModel, serializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";
import { trainIntentClassifier, type TrainingExample } from "@/lib/runtime/routing/train-intent-classifier";

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
    expect(() =>
      trainIntentClassifier([
        { text: "a", intent: "x" },
        { text: "b", intent: "x" },
      ]),
    ).toThrow(/at least 2 distinct intents/);
    expect(() =>
      trainIntentClassifier([
        { text: "hello", intent: "x" },
        { text: "  ", intent: "y" },
      ]),
    ).toThrow(/empty text/);
    expect(() =>
      trainIntentClassifier([
        { text: "hello", intent: "x" },
        { text: "?!", intent: "y" },
      ]),
    ).toThrow(/no words/);
    expect(() =>
      trainIntentClassifier([
        { text: "hello", intent: "x" },
        { text: "bye", intent: "" },
      ]),
    ).toThrow(/empty intent/);
    expect(() => trainIntentClassifier(syntheticExamples, { epochs: 0 })).toThrow(/epochs/);
    expect(() => trainIntentClassifier(syntheticExamples, { seed: 1.5 })).toThrow(/seed/);
  });
});

describe("tiny training sets", () => {
  it("trains on two routes with two examples each and predicts sensibly", () => {
    const model = trainIntentClassifier([
      { text: "I want a refund", intent: "refund" },
      { text: "give me my money back", intent: "refund" },
      { text: "where is my order", intent: "tracking" },
      { text: "track my parcel", intent: "tracking" },
    ]);
    expect(model.temperature).toBe(1); // too little data to fit one
    expect(model.mlp).toBeNull(); // and so the logistic regression alone
    const refund = classifyIntent(model, "can I get a refund?");
    expect(refund.intent).toBe("refund");
    expect(classifyIntent(model, "where is my parcel").intent).toBe("tracking");
    expect(refund.candidates).toHaveLength(2);
    expect(refund.confidence).toBeGreaterThan(0.5);
    expect(refund.confidence).toBeLessThanOrEqual(1);
  });
});

// Enough examples (10 intents × 60) for the calibrated LR + SVM blend, still fast to train.
function mediumExamples(): TrainingExample[] {
  const topics: Record<string, string[]> = {
    balance: ["balance", "money left", "funds available", "account total"],
    lost_card: ["lost my card", "card stolen", "missing card", "card was taken"],
    transfer: ["send money", "transfer funds", "wire cash", "pay a friend"],
    hours: ["opening hours", "branch open", "closing time", "open on sunday"],
    pin: ["change my pin", "forgot my pin", "reset pin code", "new pin number"],
    loan: ["apply for a loan", "borrow money", "loan rates", "mortgage offer"],
    address: ["change my address", "update home address", "moved house", "new postal address"],
    fees: ["monthly fee", "charged a fee", "account charges", "why was i charged"],
    statement: ["download statement", "bank statement", "monthly statement pdf", "statement history"],
    close: ["close my account", "cancel account", "delete my account", "shut down account"],
  };
  const frames = [
    "%",
    "i need help with %",
    "can you help me %",
    "please % now",
    "how do i %",
    "question about %",
    "% asap",
    "hi, % please",
    "i want to %",
    "%?",
    "help: %",
    "quick one, %",
    "hello % thanks",
    "urgent % today",
    "regarding %",
  ];
  return Object.entries(topics).flatMap(([intent, phrases]) =>
    frames.flatMap((frame) => phrases.map((phrase) => ({ text: frame.replace("%", phrase), intent }))),
  );
}

describe("on a medium training set (calibrated LR + SVM blend)", () => {
  const examples = mediumExamples();
  const model = trainIntentClassifier(examples);

  it("classifies unseen phrasings and keeps confidence a probability", () => {
    const cases: [string, string][] = [
      ["what is my balance today", "balance"],
      ["somebody has stolen my card", "lost_card"],
      ["i forgot my pin", "pin"],
      ["how can i borrow money for a car", "loan"],
      ["i would like to close my account", "close"],
    ];
    for (const [text, intent] of cases) {
      const prediction = classifyIntent(model, text);
      expect(prediction.intent, text).toBe(intent);
      expect(prediction.confidence).toBeGreaterThan(0);
      expect(prediction.confidence).toBeLessThanOrEqual(1);
    }
    expect(model.temperature).toBeGreaterThan(0);
    expect(Number.isFinite(model.temperature)).toBe(true);
    expect(model.mlp).not.toBeNull();
  });

  it("returns the five best distinct candidates, best first", () => {
    for (const text of ["lost my card", "money", "zzzz", "change pin and address"]) {
      const { candidates } = classifyIntent(model, text);
      expect(candidates).toHaveLength(5);
      expect(new Set(candidates.map((c) => c.intent)).size).toBe(5);
      const scores = candidates.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it("gives text with no known features a low confidence", () => {
    expect(classifyIntent(model, "zzzz qqqq").confidence).toBeLessThan(0.5);
  });

  it("round-trips through serialisation", () => {
    const restored = deserializeIntentModel(serializeIntentModel(model));
    for (const text of ["lost card", "send money to bob", "zzz"])
      expect(classifyIntent(restored, text)).toEqual(classifyIntent(model, text));
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

  it("still reads format-1 bytes (linear model only) and rejects unknown versions clearly", () => {
    const bytes = serializeIntentModel(model); // the small synthetic set: no hidden layer
    expect(model.mlp).toBeNull();
    const withHeader = (edit: (header: Record<string, unknown>) => void) => {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const length = view.getUint32(4, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
      edit(header);
      const json = new TextEncoder().encode(JSON.stringify(header));
      const payload = bytes.subarray((8 + length + 3) & ~3);
      const start = (8 + json.length + 3) & ~3;
      const out = new Uint8Array(start + payload.length);
      out.set(bytes.subarray(0, 4));
      new DataView(out.buffer).setUint32(4, json.length, true);
      out.set(json, 8);
      out.set(payload, start);
      return out;
    };
    const v1 = withHeader((h) => {
      h.version = 1;
      delete h.hidden;
    });
    expect(classifyIntent(deserializeIntentModel(v1), "stolen card")).toEqual(classifyIntent(model, "stolen card"));
    expect(() => deserializeIntentModel(withHeader((h) => (h.version = 99)))).toThrow(/unsupported format version 99/);
  });

  it("rejects corrupt bytes", () => {
    const bytes = serializeIntentModel(model);
    expect(() => deserializeIntentModel(new Uint8Array([1, 2, 3]))).toThrow(/Invalid intent model/);
    expect(() => deserializeIntentModel(bytes.subarray(0, bytes.length - 1))).toThrow(/Invalid intent model/);
  });
});

describe("on BANKING77", () => {
  it("reaches a sensible accuracy on held-out rows", { timeout: 60_000 }, () => {
    const csv = readFileSync(new URL("../../../../data/banking77/train.csv", import.meta.url), "utf8");
    const rows = Papa.parse<{ text: string; category: string }>(csv, { header: true, skipEmptyLines: true }).data;
    const byIntent = new Map<string, string[]>();
    for (const r of rows) byIntent.set(r.category, [...(byIntent.get(r.category) ?? []), r.text.trim()]);
    // Deterministic stratified subset: every 5th row of an intent is held out, 1 of the other 4 trains
    // (a small share, ~2,000 rows, to keep the test quick; bench/routing.ts measures the full model).
    const train: TrainingExample[] = [];
    const test: TrainingExample[] = [];
    for (const [intent, texts] of byIntent)
      texts.forEach((text, i) => {
        if (i % 5 === 0) test.push({ text, intent });
        else if (i % 5 === 4) train.push({ text, intent });
      });

    const model = trainIntentClassifier(train);
    const accuracy = test.filter((r) => classifyIntent(model, r.text).intent === r.intent).length / test.length;
    expect(model.intents).toHaveLength(77);
    expect(accuracy).toBeGreaterThan(0.8);
  });
});
