import { describe, expect, it } from "vitest";
import { evaluateMode, type Trainer } from "@/bench/routing/evaluate";
import { trainIntentClassifier } from "@/lib/runtime/routing/train-intent-classifier";

const train: Trainer = async (rows) => trainIntentClassifier(rows, { seed: 1 });
const TRAINING = [
  ...["where is my parcel", "track my order", "has my package shipped", "when will my order arrive"].map((text) => ({
    text,
    intent: "track",
  })),
  ...["i want my money back", "refund my order please", "give me a refund", "return this for a refund"].map((text) => ({
    text,
    intent: "refund",
  })),
];
const TEST = [
  { text: "track my parcel", intent: "track" },
  { text: "a refund please", intent: "refund" },
  { text: "can i open a savings account", intent: "cancel" },
];

describe("evaluateMode", () => {
  it("scores in-scope rows, names intents it never trained on, and sizes the model", async () => {
    const result = await evaluateMode(train, TRAINING, TEST, 0);
    expect(result.accuracy).toBeCloseTo(2 / 3, 12);
    expect(result.acceptedAccuracy).toBeCloseTo(2 / 3, 12);
    expect(result.unknownIntents).toEqual(["cancel"]);
    expect(result.oosRecall).toBeNull();
    expect(result.sizeBytes).toBeGreaterThan(0);
  });

  it("counts out-of-scope rows below the threshold as recalled and leaves them out of accuracy", async () => {
    const withOos = [...TEST.slice(0, 2), { text: "what is the weather in paris", intent: "oos" }];
    expect(await evaluateMode(train, TRAINING, withOos, 1)).toMatchObject({
      accuracy: 1,
      acceptedAccuracy: 0,
      oosRecall: 1,
    });
    expect((await evaluateMode(train, TRAINING, withOos, 0)).oosRecall).toBe(0);
  });
});
