// Trains the intent classifier: the learners, their blend and calibration on a held-out slice, and the int8
// quantisation of the result.
import { prng } from "@/lib/platform/prng";
import { featureSpace, vectorize } from "./intent-features";
import { DEFAULT_HYPER, type Hyper } from "./intent-hyperparameters";
import type { IntentModel } from "./intent-model";
import { fitTemperature, floatLogits, floatMlpLogits, logits } from "./intent-scoring";
import { shuffle, sgdSoftmax, svmOneVsRest } from "./linear";
import { trainMlp, type MlpWeights } from "./mlp";
import { DEFAULT_FEATURE_OPTIONS, extractFeatures } from "./tokenize";

export type TrainingExample = { text: string; intent: string };

/** Below this many held-out examples a fitted temperature is noise (a perfect tiny slice drives it to 0). */
const MIN_CALIBRATION_EXAMPLES = 50;
const MAX_CALIBRATION_FRACTION = 0.1;

export function trainIntentClassifier(
  examples: TrainingExample[],
  options: { epochs?: number; seed?: number } = {},
): IntentModel {
  const { epochs = DEFAULT_HYPER.epochs, seed = DEFAULT_HYPER.seed } = options;
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000)
    throw new Error(`epochs must be an integer from 1 to 1000, got ${epochs}`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  return train(examples, { ...DEFAULT_HYPER, epochs, seed });
}

/**
 * For benchmarks and experiments only: trains with some hyperparameters overridden.
 * @internal
 */
export function trainIntentClassifierWithHyper(examples: TrainingExample[], overrides: Partial<Hyper>): IntentModel {
  return train(examples, { ...DEFAULT_HYPER, ...overrides });
}

function train(examples: TrainingExample[], hyper: Hyper): IntentModel {
  validateExamples(examples);
  const intents = [...new Set(examples.map((e) => e.intent))].sort();
  const featureOptions = DEFAULT_FEATURE_OPTIONS;
  const counted = examples.map((e, i) => {
    const counts = extractFeatures(e.text, featureOptions);
    if (counts.size === 0)
      throw new Error(`Training example ${i} (intent "${e.intent}") has no words: ${JSON.stringify(e.text)}`);
    return counts;
  });
  const position = new Map(intents.map((intent, k) => [intent, k]));
  const labels = examples.map((e) => position.get(e.intent)!);
  const K = intents.length;
  const base = { intents, featureOptions };

  // With enough data the model blends three learners over the same features: softmax logistic
  // regression, one-vs-rest linear SVMs and a one-hidden-layer perceptron. Each one's logits are
  // divided by its own temperature, fitted on a stratified calibration slice none of them trained
  // on, so they share a scale before the weighted sum; a last temperature calibrates the sum.
  // The two linear learners fold into ONE weight matrix (a sum of linear models is linear), so
  // inference is that matrix plus the small hidden layer.
  //
  // The learners are not refitted with the calibration slice afterwards: that would double the
  // training time (BANKING77 must train in seconds at start-up) for 5–10% more data.
  // The slice is `calibrationFraction` of the data, raised to MIN_CALIBRATION_EXAMPLES while that
  // stays under MAX_CALIBRATION_FRACTION (5% of BANKING77 is ~500 examples; 600 examples give 50).
  // With fewer held-out examples than that (under ~500 examples), the model is the logistic
  // regression alone, trained on all examples, with temperature 1, as before the blend existed.
  const fraction = Math.min(
    MAX_CALIBRATION_FRACTION,
    Math.max(hyper.calibrationFraction, MIN_CALIBRATION_EXAMPLES / examples.length),
  );
  const { fit, held } = stratifiedSplit(labels, fraction, hyper.seed);
  if (held.length < MIN_CALIBRATION_EXAMPLES) {
    const { vocabulary, idf, rows } = featureSpace(counted, hyper);
    const bias = logPrior(labels, K);
    const lr = sgdSoftmax(rows, labels, vocabulary.length, bias, hyper);
    return { ...base, vocabulary, idf, bias, ...quantize(lr, vocabulary.length, K), temperature: 1, mlp: null };
  }

  const fitLabels = fit.map((i) => labels[i]);
  const { vocabulary, idf, rows, index } = featureSpace(
    fit.map((i) => counted[i]),
    hyper,
  );
  const F = vocabulary.length;
  const lrBias = logPrior(fitLabels, K);
  const lr = sgdSoftmax(rows, fitLabels, F, lrBias, hyper);
  const svm =
    hyper.svmBlend > 0
      ? svmOneVsRest(rows, fitLabels, F, K, {
          C: hyper.svmC,
          maxPasses: hyper.svmMaxPasses,
          tolerance: hyper.svmTolerance,
          seed: hyper.seed,
          bias: hyper.svmBias,
        })
      : null;
  const mlp =
    hyper.mlpHidden > 0
      ? trainMlp(rows, fitLabels, F, K, {
          hidden: hyper.mlpHidden,
          epochs: hyper.mlpEpochs,
          eta0: hyper.mlpEta0,
          dropout: hyper.mlpDropout,
          seed: hyper.seed,
        })
      : null;

  const heldRows = held.map((i) => vectorize(index, idf, counted[i]));
  const heldLabels = held.map((i) => labels[i]);
  const scaleOf = (heldLogits: Float64Array[], weight: number) =>
    weight > 0 ? weight / fitTemperature(heldLogits, heldLabels) : 0;
  const lrScale = scaleOf(
    heldRows.map((x) => floatLogits(lr, K, lrBias, x)),
    1,
  );
  const svmScale = svm
    ? scaleOf(
        heldRows.map((x) => floatLogits(svm.weights, K, svm.bias, x)),
        hyper.svmBlend,
      )
    : 0;
  const mlpHeld = mlp ? heldRows.map((x) => floatMlpLogits(mlp, K, x)) : [];
  const mlpScale = mlp ? scaleOf(mlpHeld, hyper.mlpBlend) : 0;

  const weights = lr.map((v, j) => lrScale * v + (svm ? svmScale * svm.weights[j] : 0));
  const bias = lrBias.map((b, k) => lrScale * b + (svm ? svmScale * svm.bias[k] : 0));
  const model: IntentModel = {
    ...base,
    vocabulary,
    idf,
    bias,
    ...quantize(weights, F, K),
    temperature: 1,
    mlp: mlp && mlpScale > 0 ? quantizeMlp(mlp, F, K, mlpScale) : null,
  };
  // The final temperature is fitted on the quantised model's own logits, exactly as served.
  const temperature = fitTemperature(
    heldRows.map((x) => logits(model, x)),
    heldLabels,
  );
  return { ...model, temperature };
}

function validateExamples(examples: TrainingExample[]): void {
  if (!Array.isArray(examples) || examples.length === 0) throw new Error("Intent classifier needs training examples");
  examples.forEach((e, i) => {
    if (typeof e?.intent !== "string" || e.intent.trim() === "")
      throw new Error(`Training example ${i} has an empty intent`);
    if (typeof e.text !== "string" || e.text.trim() === "")
      throw new Error(`Training example ${i} (intent "${e.intent}") has empty text`);
  });
  const distinct = new Set(examples.map((e) => e.intent)).size;
  if (distinct < 2) throw new Error(`Intent classifier needs at least 2 distinct intents, got ${distinct}`);
}

/** Int8 W1 (per-feature scale, as the linear weights); the blend scale is folded into W2. */
function quantizeMlp(mlp: MlpWeights, F: number, K: number, scale: number): NonNullable<IntentModel["mlp"]> {
  const { weights, weightScale } = quantize(mlp.W1, F, mlp.hidden);
  return { hidden: mlp.hidden, W1: weights, W1Scale: weightScale, W2: mlp.W2.map((v) => v * scale) };
}

/**
 * Biases stay at the log class priors instead of being learned: a free bias drifts to absorb
 * training noise, and then text with no known features (gibberish, other topics) would get a
 * confident intent. With the prior, such text gets the prior distribution, i.e. low confidence.
 */
function logPrior(y: number[], K: number): Float32Array {
  const counts = new Float64Array(K);
  for (const k of y) counts[k]++;
  const logs = Array.from(counts, (c) => Math.log(c / y.length));
  const mean = logs.reduce((a, b) => a + b, 0) / K;
  return Float32Array.from(logs, (l) => l - mean);
}

/** Symmetric per-feature int8 quantisation: the largest |weight| of each feature maps to ±127. */
function quantize(w: Float32Array, F: number, K: number) {
  const weights = new Int8Array(F * K);
  const weightScale = new Float32Array(F);
  for (let j = 0; j < F; j++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(w[j * K + k]));
    weightScale[j] = max / 127;
    if (max === 0) continue;
    for (let k = 0; k < K; k++) weights[j * K + k] = Math.round(w[j * K + k] / weightScale[j]);
  }
  return { weights, weightScale };
}

/** Puts about `fraction` of each intent in `held`, always leaving at least one example of it in `fit`. */
function stratifiedSplit(labels: number[], fraction: number, seed: number) {
  const byLabel = new Map<number, number[]>();
  labels.forEach((y, i) => (byLabel.get(y) ?? byLabel.set(y, []).get(y)!).push(i));
  const rand = prng(seed ^ 0x5bd1e995);
  const fit: number[] = [];
  const held: number[] = [];
  for (const y of [...byLabel.keys()].sort((a, b) => a - b)) {
    const members = Int32Array.from(byLabel.get(y)!);
    shuffle(members, rand);
    const nHeld = Math.min(Math.round(members.length * fraction), members.length - 1);
    members.forEach((i, n) => (n < nHeld ? held : fit).push(i));
  }
  return { fit: fit.sort((a, b) => a - b), held: held.sort((a, b) => a - b) };
}
