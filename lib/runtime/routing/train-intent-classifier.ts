// Trains the intent classifier: the learners, their blend and calibration on a held-out slice, and the int8
// quantisation of the result; in fast mode over TF-IDF features, in semantic mode over those and a sentence vector.
import { prng } from "@/lib/platform/prng";
import { featureSpace, vectorize, withSentenceVector, type Counts } from "./intent-features";
import { DEFAULT_HYPER, type Hyper } from "./intent-hyperparameters";
import type { IntentModel, SemanticPart } from "./intent-model";
import { fitTemperature, floatLogits, floatMlpLogits, logits } from "./intent-scoring";
import { shuffle, sgdSoftmax, svmOneVsRest, type SparseVector } from "./linear";
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

/**
 * Semantic mode: the same ensemble over TF-IDF features and each example's sentence vector (`vectors[i]` belongs to
 * `examples[i]`, unit length, as the encoder pool returns them). Pure: router-model.ts runs the encoder.
 */
export function trainSemanticIntentClassifier(
  examples: TrainingExample[],
  vectors: readonly Float32Array[],
  options: { seed?: number; encoder: string; hyper?: Partial<Hyper> },
): IntentModel {
  const hyper = { ...DEFAULT_HYPER, ...options.hyper, seed: options.seed ?? DEFAULT_HYPER.seed };
  if (!Number.isInteger(hyper.seed)) throw new Error(`seed must be an integer, got ${hyper.seed}`);
  if (vectors.length !== examples.length)
    throw new Error(`${examples.length} training examples but ${vectors.length} sentence vectors`);
  const dim = vectors[0]?.length ?? 0;
  if (dim === 0 || vectors.some((v) => v.length !== dim)) throw new Error("Sentence vectors must share one length");
  return train(examples, hyper, { vectors, dim, weight: hyper.semanticWeight, encoder: options.encoder });
}

type Dense = { vectors: readonly Float32Array[]; dim: number; weight: number; encoder: string };

function train(examples: TrainingExample[], hyper: Hyper, dense?: Dense): IntentModel {
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
  const base = { intents, featureOptions, semantic: dense ? semanticPart(dense) : null };
  const D = dense?.dim ?? 0;
  // Fast mode's rows are featureSpace's own; semantic mode appends each example's sentence vector.
  const rowsOf = (space: ReturnType<typeof featureSpace>, members: number[]) =>
    dense
      ? space.rows.map((x, n) =>
          withSentenceVector(x, space.vocabulary.length, dense.vectors[members[n]], dense.weight),
        )
      : space.rows;

  // With enough data the model blends three learners over the same features: softmax logistic
  // regression, one-vs-rest linear SVMs and a one-hidden-layer perceptron. Each one's logits are
  // divided by its own temperature, fitted on a stratified calibration slice none of them trained
  // on, so they share a scale before the weighted sum; a last temperature calibrates the sum.
  // The two linear learners fold into ONE weight matrix (a sum of linear models is linear), so
  // inference is that matrix plus the small hidden layer.
  //
  // In fast mode the learners are not refitted with the calibration slice afterwards: that would double the
  // training time (BANKING77 must train in seconds at start-up) for 5–10% more data. Semantic mode refits below
  // `semanticRefitBelow` examples, where the slice is a tenth of the data and training takes a second or two.
  // The slice is `calibrationFraction` of the data, raised to MIN_CALIBRATION_EXAMPLES while that
  // stays under MAX_CALIBRATION_FRACTION (5% of BANKING77 is ~500 examples; 600 examples give 50).
  // With fewer held-out examples than that (under ~500 examples), the model is the logistic
  // regression alone, trained on all examples, with temperature 1, as before the blend existed.
  const fraction = Math.min(
    MAX_CALIBRATION_FRACTION,
    Math.max(hyper.calibrationFraction, MIN_CALIBRATION_EXAMPLES / examples.length),
  );
  const { fit, held } = stratifiedSplit(labels, fraction, hyper.seed);
  const all = examples.map((_, i) => i);
  if (held.length < MIN_CALIBRATION_EXAMPLES) {
    const space = featureSpace(counted, hyper);
    const { vocabulary, idf } = space;
    const R = vocabulary.length + D;
    const bias = logPrior(labels, K);
    const lr = sgdSoftmax(rowsOf(space, all), labels, R, bias, hyper);
    return { ...base, vocabulary, idf, bias, ...quantize(lr, R, K), temperature: 1, mlp: null };
  }

  const fitted = fitLearners(counted, labels, fit, K, D, hyper, rowsOf);
  const { vocabulary, idf, index } = fitted.space;
  const heldRows = held.map((i) => {
    const x = vectorize(index, idf, counted[i]);
    return dense ? withSentenceVector(x, vocabulary.length, dense.vectors[i], dense.weight) : x;
  });
  const heldLabels = held.map((i) => labels[i]);
  const scaleOf = (heldLogits: Float64Array[], weight: number) =>
    weight > 0 ? weight / fitTemperature(heldLogits, heldLabels) : 0;
  const { lr, lrBias, svm, mlp } = fitted;
  const scales = {
    lr: scaleOf(
      heldRows.map((x) => floatLogits(lr, K, lrBias, x)),
      1,
    ),
    svm: svm
      ? scaleOf(
          heldRows.map((x) => floatLogits(svm.weights, K, svm.bias, x)),
          hyper.svmBlend,
        )
      : 0,
    mlp: mlp
      ? scaleOf(
          heldRows.map((x) => floatMlpLogits(mlp, K, x)),
          hyper.mlpBlend,
        )
      : 0,
  };
  const model = { ...base, ...blend(fitted, scales, K), temperature: 1 };
  // The final temperature is fitted on the quantised model's own logits, exactly as served.
  const temperature = fitTemperature(
    heldRows.map((x) => logits(model, x)),
    heldLabels,
  );
  if (!dense || examples.length >= hyper.semanticRefitBelow) return { ...model, temperature };
  // The same learners, scales and temperature, now trained on every example.
  return { ...base, ...blend(fitLearners(counted, labels, all, K, D, hyper, rowsOf), scales, K), temperature };
}

type Space = ReturnType<typeof featureSpace>;

/** The three learners, on the examples at `members`, over a feature space of their own. */
function fitLearners(
  counted: Counts[],
  labels: number[],
  members: number[],
  K: number,
  D: number,
  hyper: Hyper,
  rowsOf: (space: Space, members: number[]) => SparseVector[],
) {
  const fitLabels = members.map((i) => labels[i]);
  const space = featureSpace(
    members.map((i) => counted[i]),
    hyper,
  );
  const rows = rowsOf(space, members);
  const R = space.vocabulary.length + D;
  const lrBias = logPrior(fitLabels, K);
  const lr = sgdSoftmax(rows, fitLabels, R, lrBias, hyper);
  const svm =
    hyper.svmBlend > 0
      ? svmOneVsRest(rows, fitLabels, R, K, {
          C: hyper.svmC,
          maxPasses: hyper.svmMaxPasses,
          tolerance: hyper.svmTolerance,
          seed: hyper.seed,
          bias: hyper.svmBias,
        })
      : null;
  const mlp =
    hyper.mlpHidden > 0
      ? trainMlp(rows, fitLabels, R, K, {
          hidden: hyper.mlpHidden,
          epochs: hyper.mlpEpochs,
          eta0: hyper.mlpEta0,
          dropout: hyper.mlpDropout,
          seed: hyper.seed,
        })
      : null;
  return { space, R, lr, lrBias, svm, mlp };
}

/** The learners' logits, each times its scale, as one int8 linear layer plus the int8 hidden layer. */
function blend(
  { space, R, lr, lrBias, svm, mlp }: ReturnType<typeof fitLearners>,
  scales: { lr: number; svm: number; mlp: number },
  K: number,
) {
  const weights = lr.map((v, j) => scales.lr * v + (svm ? scales.svm * svm.weights[j] : 0));
  const bias = lrBias.map((b, k) => scales.lr * b + (svm ? scales.svm * svm.bias[k] : 0));
  return {
    vocabulary: space.vocabulary,
    idf: space.idf,
    bias,
    ...quantize(weights, R, K),
    mlp: mlp && scales.mlp > 0 ? quantizeMlp(mlp, R, K, scales.mlp) : null,
  };
}

/** Int8 vectors with one scale each, as the weights are stored. */
function semanticPart(dense: Dense): SemanticPart {
  const { weights, weightScale } = quantize(
    Float32Array.from(
      { length: dense.vectors.length * dense.dim },
      (_, n) => dense.vectors[Math.floor(n / dense.dim)][n % dense.dim],
    ),
    dense.vectors.length,
    dense.dim,
  );
  return {
    encoder: dense.encoder,
    dim: dense.dim,
    weight: dense.weight,
    exampleVectors: weights,
    exampleScale: weightScale,
  };
}

export function validateExamples(examples: TrainingExample[]): void {
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
