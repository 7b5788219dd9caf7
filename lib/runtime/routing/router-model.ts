// A router's trained model in either mode, for publishing, the engine and the benches. "fast" is the TF-IDF ensemble
// alone (pure, synchronous, about a tenth of a millisecond per message); "semantic" adds the sentence encoder's
// vector of each text to the same ensemble (encoder-pool.ts: 10–25 ms per message, off the event loop), which
// understands paraphrases from far fewer examples. Both keep the same calibration, threshold and low-confidence
// semantics, so the engine records the same decision either way.
import { AppError } from "@/lib/model/errors";
import { encoderPool, SENTENCE_ENCODER } from "./encoder/encoder-pool";
import { classifyIntent, type IntentPrediction } from "./intent-classifier";
import type { IntentModel } from "./intent-model";
import {
  trainIntentClassifier,
  trainSemanticIntentClassifier,
  validateExamples,
  type TrainingExample,
} from "./train-intent-classifier";

export { deserializeIntentModel, serializeIntentModel } from "./serialize-intent-model";
export type { IntentModel } from "./intent-model";
export type { IntentPrediction } from "./intent-classifier";
export type { TrainingExample } from "./train-intent-classifier";

export type RouterMode = "fast" | "semantic";

export async function trainRouterModel(
  examples: TrainingExample[],
  options: { seed: number; mode: RouterMode },
): Promise<IntentModel> {
  if (options.mode === "fast") return trainIntentClassifier(examples, { seed: options.seed });
  // Checked before the encoder runs: a bad example should fail in a millisecond, not after every vector.
  validateExamples(examples);
  const vectors = await encoderPool().embedMany(examples.map((example) => example.text));
  return trainSemanticIntentClassifier(examples, vectors, { seed: options.seed, encoder: SENTENCE_ENCODER.id });
}

export function routerModeOf(model: IntentModel): RouterMode {
  return model.semantic ? "semantic" : "fast";
}

/** A fast model predicts synchronously; a semantic one waits for the text's vector from the encoder pool. */
export async function classifyRouterText(model: IntentModel, text: string): Promise<IntentPrediction> {
  if (!model.semantic) return classifyIntent(model, text);
  if (model.semantic.encoder !== SENTENCE_ENCODER.id)
    throw new AppError("INTERNAL", {
      message: `The model was trained with encoder ${model.semantic.encoder}, this build runs ${SENTENCE_ENCODER.id}: publish the flow again`,
    });
  return classifyIntent(model, text, await encoderPool().embed(text));
}
