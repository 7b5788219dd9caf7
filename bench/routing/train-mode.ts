// The bench's one door to training and prediction, with the names of lib/runtime/routing/router-model.ts (the router
// modes). Until that module exists, "fast" is today's classifier and "semantic" refuses; swapping this file for
// re-exports of the real module is all the bench needs, as everything else goes through these async names.
import { classifyIntent, type IntentPrediction } from "@/lib/runtime/routing/intent-classifier";
import type { IntentModel } from "@/lib/runtime/routing/intent-model";
import { trainIntentClassifier, type TrainingExample } from "@/lib/runtime/routing/train-intent-classifier";

export { serializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";

export type RouterMode = "fast" | "semantic";

export async function trainRouterModel(
  examples: TrainingExample[],
  { seed, mode }: { seed: number; mode: RouterMode },
): Promise<IntentModel> {
  if (mode === "semantic")
    throw new Error("semantic mode is not built yet: bench:routing can only run --mode fast in this build");
  return trainIntentClassifier(examples, { seed });
}

export async function classifyRouterText(model: IntentModel, text: string): Promise<IntentPrediction> {
  return classifyIntent(model, text);
}
