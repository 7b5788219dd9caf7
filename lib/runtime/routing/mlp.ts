/**
 * A one-hidden-layer perceptron over the same sparse TF-IDF rows as the linear models:
 * logits = W2ᵀ · relu(W1ᵀ · x), trained by SGD on softmax cross-entropy with dropout on the hidden
 * units. It is the only non-linear part of the intent classifier: it can weigh combinations of
 * features ("card" with "atm" and "eaten"), which a linear model cannot.
 *
 * There are deliberately no bias terms: text with no known features then gets all-zero logits,
 * i.e. no opinion, as it does from the linear models (whose bias is only the class prior).
 */
import { prng } from "@/lib/platform/prng";
import { shuffle, softmaxInPlace, type SparseVector } from "./linear";

/** W1 is feature-major (F × H), W2 hidden-major (H × K). */
export type MlpWeights = { hidden: number; W1: Float32Array; W2: Float32Array };

export function trainMlp(
  rows: SparseVector[],
  y: number[],
  F: number,
  K: number,
  options: { hidden: number; epochs: number; eta0: number; dropout: number; seed: number },
): MlpWeights {
  const H = options.hidden;
  const rand = prng(options.seed ^ 0x9e3779b9);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const W1 = Float32Array.from({ length: F * H }, () => 0.1 * gauss());
  const outScale = 0.5 * Math.sqrt(2 / H);
  const W2 = Float32Array.from({ length: H * K }, () => outScale * gauss());
  const h = new Float64Array(H);
  const keep = new Float64Array(H);
  const gh = new Float64Array(H);
  const z = new Float64Array(K);
  const order = Int32Array.from(rows.keys());
  const totalSteps = options.epochs * rows.length;
  const keepScale = 1 / (1 - options.dropout);
  let step = 0;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, rand);
    for (const i of order) {
      const eta = options.eta0 * (1 - step++ / totalSteps);
      const { index, value } = rows[i];
      hiddenLayer(W1, H, index, value, h);
      for (let j = 0; j < H; j++) {
        keep[j] = rand() < options.dropout ? 0 : keepScale;
        h[j] *= keep[j];
      }
      outputLayer(W2, H, K, h, z);
      softmaxInPlace(z);
      z[y[i]] -= 1; // gradient of the loss with respect to the logits
      for (let j = 0; j < H; j++) {
        const hj = h[j];
        if (hj <= 0) {
          gh[j] = 0;
          continue;
        }
        const base = j * K;
        let g = 0;
        for (let k = 0; k < K; k++) {
          g += z[k] * W2[base + k];
          W2[base + k] -= eta * z[k] * hj;
        }
        gh[j] = g * keep[j];
      }
      for (let n = 0; n < index.length; n++) {
        const base = index[n] * H;
        const x = value[n] * eta;
        for (let j = 0; j < H; j++) if (gh[j] !== 0) W1[base + j] -= x * gh[j];
      }
    }
  }
  return { hidden: H, W1, W2 };
}

/** relu(W1ᵀ x) into `h`, for float weights (training). */
export function hiddenLayer(
  W1: Float32Array,
  H: number,
  index: Int32Array,
  value: Float64Array,
  h: Float64Array,
): void {
  h.fill(0);
  for (let n = 0; n < index.length; n++) {
    const base = index[n] * H;
    const x = value[n];
    for (let j = 0; j < H; j++) h[j] += x * W1[base + j];
  }
  for (let j = 0; j < H; j++) if (h[j] < 0) h[j] = 0;
}

/**
 * relu(W1ᵀ x) into `h`, for int8 weights with one scale per feature row (inference). A separate
 * function from the float one so each stays monomorphic for the JIT.
 */
export function hiddenLayerInt8(
  W1: Int8Array,
  rowScale: Float32Array,
  H: number,
  index: Int32Array,
  value: Float64Array,
  h: Float64Array,
): void {
  h.fill(0);
  for (let n = 0; n < index.length; n++) {
    const base = index[n] * H;
    const x = value[n] * rowScale[index[n]];
    for (let j = 0; j < H; j++) h[j] += x * W1[base + j];
  }
  for (let j = 0; j < H; j++) if (h[j] < 0) h[j] = 0;
}

/** z = W2ᵀ h (overwrites z). */
export function outputLayer(W2: Float32Array, H: number, K: number, h: Float64Array, z: Float64Array): void {
  z.fill(0);
  for (let j = 0; j < H; j++) {
    const hj = h[j];
    if (hj === 0) continue;
    const base = j * K;
    for (let k = 0; k < K; k++) z[k] += hj * W2[base + k];
  }
}
