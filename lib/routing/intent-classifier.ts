/**
 * Intent classifier for the flow router: multinomial logistic regression over sparse,
 * L2-normalised TF-IDF features (word uni/bigrams + character n-grams), trained with SGD and L2,
 * then temperature-calibrated on a held-out slice so `confidence` behaves like a probability and
 * a threshold such as 0.5 can send unfamiliar text to a fallback route.
 *
 * Pure TypeScript over plain data, so it runs in server code, tests and benchmarks alike.
 */
import { prng } from "@/lib/prng";
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from "./tokenize";

export type TrainingExample = { text: string; intent: string };
/** `score` is a calibrated probability in 0..1. */
export type IntentCandidate = { intent: string; score: number };
/** `candidates` holds the top 5 intents, best first; `intent`/`confidence` repeat the first one. */
export type IntentPrediction = { intent: string; confidence: number; candidates: IntentCandidate[] };

export interface IntentModel {
  readonly intents: readonly string[];
  readonly featureOptions: FeatureOptions;
  /** Feature strings; position j owns idf[j], weightScale[j] and weights[j*K .. j*K+K). */
  readonly vocabulary: readonly string[];
  readonly idf: Float32Array;
  /**
   * Feature-major (F × K) int8 weights, one scale per feature: a quarter of the size of float32
   * for a rounding error far below what changes a prediction. Training returns the quantised
   * model, so a serialisation round trip predicts exactly the same.
   */
  readonly weights: Int8Array;
  readonly weightScale: Float32Array;
  readonly bias: Float32Array;
  /** Softmax temperature fitted on held-out data; logits are divided by it. */
  readonly temperature: number;
}

type Hyper = {
  epochs: number;
  seed: number;
  /** Features must occur in this many examples; rarer ones are mostly typos and names. */
  minDf: number;
  /** Caps model size: serialised bytes ≈ maxFeatures × (intents + 8). */
  maxFeatures: number;
  lambda: number;
  eta0: number;
  calibrationFraction: number;
};

// Chosen on validation slices carved from the training parts of BANKING77 and CLINC150 (never their test rows).
const DEFAULT_HYPER: Hyper = {
  epochs: 6,
  seed: 1,
  minDf: 2,
  maxFeatures: 30_000,
  lambda: 5e-6,
  eta0: 8,
  calibrationFraction: 0.1,
};

const MAX_CANDIDATES = 5;
/** Below this many held-out examples a fitted temperature is noise (a perfect tiny slice drives it to 0). */
const MIN_CALIBRATION_EXAMPLES = 50;
/** Gradients smaller than this move no weight measurably; skipping them saves about a tenth of training time. */
const GRADIENT_FLOOR = 1e-5;

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

export function classifyIntent(model: IntentModel, text: string): IntentPrediction {
  const x = vectorize(vocabularyIndex(model.vocabulary), model.idf, extractFeatures(text, model.featureOptions));
  const probs = softmax(logits(model, x), model.temperature);
  const candidates = [...probs.keys()]
    .sort((a, b) => probs[b] - probs[a] || a - b)
    .slice(0, MAX_CANDIDATES)
    .map((k) => ({ intent: model.intents[k], score: probs[k] }));
  return { intent: candidates[0].intent, confidence: candidates[0].score, candidates };
}

// ---------------------------------------------------------------- training

type SparseVector = { index: Int32Array; value: Float64Array };
type Counts = Map<string, number>;

function train(examples: TrainingExample[], hyper: Hyper): IntentModel {
  validateExamples(examples);
  const intents = [...new Set(examples.map((e) => e.intent))].sort();
  const featureOptions = DEFAULT_FEATURE_OPTIONS;
  const counted = examples.map((e, i) => {
    const counts = extractFeatures(e.text, featureOptions);
    if (counts.size === 0) throw new Error(`Training example ${i} (intent "${e.intent}") has no words: ${JSON.stringify(e.text)}`);
    return counts;
  });
  const position = new Map(intents.map((intent, k) => [intent, k]));
  const labels = examples.map((e) => position.get(e.intent)!);

  // A model cannot judge its own confidence on the data it was fitted to, so the temperature is
  // fitted with a probe model on a stratified slice it never saw, then applied to the full model.
  // (The fitted value is usually below 1: L2 and the decaying step leave the model underconfident.)
  const { fit, held } = stratifiedSplit(labels, hyper.calibrationFraction, hyper.seed);
  let temperature = 1;
  if (held.length >= MIN_CALIBRATION_EXAMPLES) {
    const probe = fitLinear(fit.map((i) => counted[i]), fit.map((i) => labels[i]), intents.length, hyper);
    const index = vocabularyIndex(probe.vocabulary);
    temperature = fitTemperature(
      held.map((i) => logits(probe, vectorize(index, probe.idf, counted[i]))),
      held.map((i) => labels[i]),
    );
  }
  return { intents, featureOptions, ...fitLinear(counted, labels, intents.length, hyper), temperature };
}

function validateExamples(examples: TrainingExample[]): void {
  if (!Array.isArray(examples) || examples.length === 0) throw new Error("Intent classifier needs training examples");
  examples.forEach((e, i) => {
    if (typeof e?.intent !== "string" || e.intent.trim() === "") throw new Error(`Training example ${i} has an empty intent`);
    if (typeof e.text !== "string" || e.text.trim() === "")
      throw new Error(`Training example ${i} (intent "${e.intent}") has empty text`);
  });
  const distinct = new Set(examples.map((e) => e.intent)).size;
  if (distinct < 2) throw new Error(`Intent classifier needs at least 2 distinct intents, got ${distinct}`);
}

function fitLinear(counted: Counts[], labels: number[], K: number, hyper: Hyper) {
  const vocabulary = selectVocabulary(counted, hyper.minDf, hyper.maxFeatures);
  const index = vocabularyIndex(vocabulary);
  const df = new Float64Array(vocabulary.length);
  for (const c of counted)
    for (const f of c.keys()) {
      const j = index.get(f);
      if (j !== undefined) df[j]++;
    }
  // Smoothed idf (never zero), so even very common features still carry a little weight.
  const idf = Float32Array.from(df, (d) => Math.log((1 + counted.length) / (1 + d)) + 1);
  const rows = counted.map((c) => vectorize(index, idf, c));
  const { weights, bias } = sgdSoftmax(rows, labels, vocabulary.length, K, hyper);
  return { vocabulary, idf, bias, ...quantize(weights, vocabulary.length, K) };
}

/** The most frequent features (by document frequency) seen in at least `minDf` examples; ties by name. */
function selectVocabulary(counted: Counts[], minDf: number, maxFeatures: number): string[] {
  const df = new Map<string, number>();
  for (const c of counted) for (const f of c.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const kept = [...df].filter(([, d]) => d >= minDf);
  // With tiny training sets every feature is rare; fall back to all of them rather than to none.
  return (kept.length > 0 ? kept : [...df])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures)
    .map(([f]) => f);
}

/**
 * SGD on softmax cross-entropy with a linearly decaying step. L2 is applied through one shared
 * scale factor (W = scale·V) so a step costs O(nnz·K) instead of touching every weight.
 */
function sgdSoftmax(rows: SparseVector[], y: number[], F: number, K: number, hyper: Hyper) {
  const V = new Float32Array(F * K);
  const bias = logPrior(y, K);
  const z = new Float64Array(K);
  const active = new Int32Array(K);
  const rand = prng(hyper.seed);
  const order = Int32Array.from(rows.keys());
  const totalSteps = hyper.epochs * rows.length;
  let scale = 1;
  let step = 0;

  for (let epoch = 0; epoch < hyper.epochs; epoch++) {
    shuffle(order, rand);
    for (const i of order) {
      const eta = hyper.eta0 * (1 - step++ / totalSteps);
      const { index, value } = rows[i];
      z.set(bias);
      for (let n = 0; n < index.length; n++) {
        const base = index[n] * K;
        const x = value[n] * scale;
        for (let k = 0; k < K; k++) z[k] += x * V[base + k];
      }
      softmaxInPlace(z);
      z[y[i]] -= 1; // now the loss gradient with respect to the logits

      let nActive = 0;
      for (let k = 0; k < K; k++) if (Math.abs(z[k]) >= GRADIENT_FLOOR) active[nActive++] = k;
      scale *= 1 - eta * hyper.lambda;
      const stepOverScale = eta / scale;
      for (let n = 0; n < index.length; n++) {
        const base = index[n] * K;
        const x = value[n] * stepOverScale;
        for (let a = 0; a < nActive; a++) V[base + active[a]] -= x * z[active[a]];
      }
      if (scale < 1e-6) {
        for (let j = 0; j < V.length; j++) V[j] *= scale;
        scale = 1;
      }
    }
  }
  for (let j = 0; j < V.length; j++) V[j] *= scale;
  return { weights: V, bias };
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

/** Minimises held-out negative log-likelihood over log-temperature by golden-section search. */
function fitTemperature(heldLogits: Float64Array[], labels: number[]): number {
  const nll = (logT: number) =>
    heldLogits.reduce((sum, z, i) => sum - Math.log(Math.max(softmax(z, Math.exp(logT))[labels[i]], 1e-12)), 0);
  let lo = Math.log(0.25);
  let hi = Math.log(4);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let iter = 0; iter < 40; iter++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.fround(Math.exp((lo + hi) / 2));
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

// ---------------------------------------------------------------- inference

const indexCache = new WeakMap<readonly string[], Map<string, number>>();

function vocabularyIndex(vocabulary: readonly string[]): Map<string, number> {
  let index = indexCache.get(vocabulary);
  if (!index) {
    index = new Map(vocabulary.map((f, j) => [f, j]));
    indexCache.set(vocabulary, index);
  }
  return index;
}

/** Sublinear TF × IDF with unit L2 norm, so long and short utterances score on one scale. */
function vectorize(index: Map<string, number>, idf: Float32Array, counts: Counts): SparseVector {
  const pairs: [number, number][] = [];
  for (const [f, tf] of counts) {
    const j = index.get(f);
    if (j !== undefined) pairs.push([j, (1 + Math.log(tf)) * idf[j]]);
  }
  const norm = Math.sqrt(pairs.reduce((s, p) => s + p[1] * p[1], 0)) || 1;
  return { index: Int32Array.from(pairs, (p) => p[0]), value: Float64Array.from(pairs, (p) => p[1] / norm) };
}

function logits(model: Pick<IntentModel, "weights" | "weightScale" | "bias">, x: SparseVector): Float64Array {
  const K = model.bias.length;
  const z = Float64Array.from(model.bias);
  for (let n = 0; n < x.index.length; n++) {
    const j = x.index[n];
    const v = x.value[n] * model.weightScale[j];
    const base = j * K;
    for (let k = 0; k < K; k++) z[k] += v * model.weights[base + k];
  }
  return z;
}

function softmax(z: Float64Array, temperature: number): Float64Array {
  const p = Float64Array.from(z, (v) => v / temperature);
  softmaxInPlace(p);
  return p;
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - max);
  for (let k = 0; k < z.length; k++) z[k] /= sum;
}

// ---------------------------------------------------------------- serialisation

const MAGIC = "SBIC";
const FORMAT_VERSION = 1;

type Header = {
  version: number;
  intents: string[];
  featureOptions: FeatureOptions;
  vocabulary: string[];
  temperature: number;
};

/**
 * Layout (little-endian): "SBIC" | u32 header length | JSON header | zero padding to 4 bytes |
 * idf f32[F] | weightScale f32[F] | bias f32[K] | weights i8[F·K].
 */
export function serializeIntentModel(model: IntentModel): Uint8Array {
  const header: Header = {
    version: FORMAT_VERSION,
    intents: [...model.intents],
    featureOptions: model.featureOptions,
    vocabulary: [...model.vocabulary],
    temperature: model.temperature,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const F = model.vocabulary.length;
  const K = model.intents.length;
  const start = align4(8 + json.length);
  const bytes = new Uint8Array(start + 4 * (2 * F + K) + F * K);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, json.length, true);
  bytes.set(json, 8);
  let offset = start;
  for (const array of [model.idf, model.weightScale, model.bias])
    for (const v of array) {
      view.setFloat32(offset, v, true);
      offset += 4;
    }
  bytes.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength), offset);
  return bytes;
}

export function deserializeIntentModel(bytes: Uint8Array): IntentModel {
  const fail = (why: string): never => {
    throw new Error(`Invalid intent model bytes: ${why}`);
  };
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) fail("missing SBIC signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) fail("truncated header");
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    return fail("header is not JSON");
  }
  if (header.version !== FORMAT_VERSION) fail(`unsupported format version ${header.version}`);
  const F = header.vocabulary.length;
  const K = header.intents.length;
  let offset = align4(8 + headerLength);
  if (bytes.length !== offset + 4 * (2 * F + K) + F * K) fail("length does not match header");
  const readFloats = (n: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += 4) out[i] = view.getFloat32(offset, true);
    return out;
  };
  const idf = readFloats(F);
  const weightScale = readFloats(F);
  const bias = readFloats(K);
  const weights = new Int8Array(bytes.slice(offset, offset + F * K).buffer);
  return {
    intents: header.intents,
    featureOptions: header.featureOptions,
    vocabulary: header.vocabulary,
    idf,
    weights,
    weightScale,
    bias,
    temperature: header.temperature,
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

// ---------------------------------------------------------------- utilities

function shuffle(a: Int32Array, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
}

