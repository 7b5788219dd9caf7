// Both router modes through the API publishing and the engine use; semantic mode with the real encoder (the
// process's pool, loaded once for the file).
import { describe, expect, it } from "vitest";
import { classifyIntent } from "@/lib/runtime/routing/intent-classifier";
import {
  classifyRouterText,
  deserializeIntentModel,
  routerModeOf,
  serializeIntentModel,
  trainRouterModel,
  type TrainingExample,
} from "@/lib/runtime/routing/router-model";
import { trainIntentClassifier } from "@/lib/runtime/routing/train-intent-classifier";

const ROUTES: Record<string, string[]> = {
  check_balance: [
    "what is my balance",
    "how much money do i have",
    "show me my account balance",
    "check my balance please",
    "how much is left in my account",
    "tell me my current balance",
  ],
  lost_card: [
    "i lost my card",
    "my card was stolen",
    "i can't find my debit card",
    "someone stole my credit card",
    "block my card it was stolen",
    "report a lost card",
  ],
  transfer_money: [
    "send money to my friend",
    "transfer 50 pounds to john",
    "make a bank transfer",
    "pay my sister 20 dollars",
    "move money to my savings account",
    "send a payment to alice",
  ],
  opening_hours: [
    "when are you open",
    "what time does the branch open",
    "what are your opening hours",
    "is the branch open on sunday",
    "what time do you close today",
    "branch opening times",
  ],
};
const examples: TrainingExample[] = Object.entries(ROUTES).flatMap(([intent, texts]) =>
  texts.map((text) => ({ text, intent })),
);

describe("fast mode", () => {
  it("is the TF-IDF classifier exactly as before", async () => {
    const model = await trainRouterModel(examples, { seed: 7, mode: "fast" });
    expect(serializeIntentModel(model)).toEqual(serializeIntentModel(trainIntentClassifier(examples, { seed: 7 })));
    expect(routerModeOf(model)).toBe("fast");
    expect(await classifyRouterText(model, "my card is gone")).toEqual(classifyIntent(model, "my card is gone"));
  });
});

describe("semantic mode", { timeout: 30_000 }, () => {
  const trained = trainRouterModel(examples, { seed: 7, mode: "semantic" });

  it("routes paraphrases whose meaning the examples' words do not carry", async () => {
    const model = await trained;
    expect(routerModeOf(model)).toBe("semantic");
    const fast = trainIntentClassifier(examples, { seed: 7 });
    // Fast mode reads "funds" as nothing it knows and the words around it as opening hours; "reimburse" and "mate"
    // leave it unsure.
    expect(classifyIntent(fast, "what are my funds").intent).toBe("opening_hours");
    expect(classifyIntent(fast, "reimburse my mate for dinner").confidence).toBeLessThan(0.5);
    expect(await classifyRouterText(model, "what are my funds")).toMatchObject({ intent: "check_balance" });
    const reimburse = await classifyRouterText(model, "reimburse my mate for dinner");
    expect(reimburse.intent).toBe("transfer_money");
    expect(reimburse.confidence).toBeGreaterThan(0.5);
  });

  it("predicts identically after a round trip through its bytes, and trains the same bytes again", async () => {
    const model = await trained;
    const bytes = serializeIntentModel(model);
    const restored = deserializeIntentModel(bytes);
    for (const text of ["what are my funds", "my plastic has gone missing", "zzzz"])
      expect(await classifyRouterText(restored, text)).toEqual(await classifyRouterText(model, text));
    expect(serializeIntentModel(await trainRouterModel(examples, { seed: 7, mode: "semantic" }))).toEqual(bytes);
  });

  it("refuses bad examples before running the encoder", async () => {
    await expect(trainRouterModel([{ text: " ", intent: "a" }], { seed: 7, mode: "semantic" })).rejects.toThrow(
      /empty text/,
    );
  });

  it("is not served by another encoder than the one it was trained with", async () => {
    const model = await trained;
    const other = { ...model, semantic: { ...model.semantic!, encoder: "some-other-encoder" } };
    await expect(classifyRouterText(other, "hello")).rejects.toThrow(/publish the flow again/);
  });
});
