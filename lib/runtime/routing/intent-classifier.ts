/**
 * Intent classifier for the flow router, over sparse L2-normalised TF-IDF features (word
 * uni/bigrams + character n-grams). With enough training data (~500+ examples) it blends three
 * learners: multinomial logistic regression (SGD, L2), one-vs-rest squared-hinge linear SVMs (dual
 * coordinate descent) and a one-hidden-layer perceptron (ReLU, dropout). Each is scaled by its own
 * temperature fitted on a held-out slice, the scaled logits are summed, and the sum is
 * temperature-calibrated again, so `confidence` behaves like a probability and a threshold such as
 * 0.5 can send unfamiliar text to a fallback route. Smaller training sets (too small to hold out a
 * calibration slice) get the logistic regression alone, with temperature 1.
 *
 * The two linear learners fold into one int8 weight matrix; the perceptron adds an int8 F × H
 * input layer and a float H × K output layer (serialised format version 2; version 1 bytes, from
 * builds without the perceptron, still load and predict as before).
 *
 * In semantic mode the same ensemble reads each text's sentence-encoder vector as well, as 512 more
 * features after the TF-IDF ones (format version 3; see train-intent-classifier.ts).
 *
 * Pure TypeScript over plain data, so it runs in server code, tests and benchmarks alike.
 */
import { vectorize, vocabularyIndex, withSentenceVector } from "./intent-features";
import type { IntentModel } from "./intent-model";
import { logits, softmax } from "./intent-scoring";
import { extractFeatures } from "./tokenize";

/** `score` is a calibrated probability in 0..1. */
export type IntentCandidate = { intent: string; score: number };
/** `candidates` holds the top 5 intents, best first; `intent`/`confidence` repeat the first one. */
export type IntentPrediction = { intent: string; confidence: number; candidates: IntentCandidate[] };

const MAX_CANDIDATES = 5;

/**
 * `vector` is the sentence encoder's vector of `text`, which a semantic model needs (router-model.ts gets it from the
 * encoder pool) and a fast one ignores.
 */
export function classifyIntent(model: IntentModel, text: string, vector?: ArrayLike<number>): IntentPrediction {
  let x = vectorize(vocabularyIndex(model.vocabulary), model.idf, extractFeatures(text, model.featureOptions));
  if (model.semantic) {
    if (vector?.length !== model.semantic.dim)
      throw new Error(`A semantic intent model needs the text's ${model.semantic.dim}-d sentence vector`);
    x = withSentenceVector(x, model.vocabulary.length, vector, model.semantic.weight);
  }
  const probs = softmax(logits(model, x), model.temperature);
  const candidates = topK(probs, MAX_CANDIDATES).map((k) => ({ intent: model.intents[k], score: probs[k] }));
  return { intent: candidates[0].intent, confidence: candidates[0].score, candidates };
}

/** Positions of the `n` largest values, largest first, ties to the lower position (as a stable sort would). */
function topK(values: Float64Array, n: number): number[] {
  const top: number[] = [];
  for (let k = 0; k < values.length; k++) {
    if (top.length === n && values[k] <= values[top[n - 1]]) continue;
    let at = top.length;
    while (at > 0 && values[top[at - 1]] < values[k]) at--;
    top.splice(at, 0, k);
    if (top.length > n) top.pop();
  }
  return top;
}
