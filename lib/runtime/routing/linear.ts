/**
 * Linear learners for the intent classifier, over sparse unit-length rows:
 *  - multinomial logistic regression (softmax cross-entropy) by SGD, and
 *  - one-vs-rest L2-loss (squared hinge) linear SVMs by dual coordinate descent (the LIBLINEAR
 *    `-s 1` solver, with its shrinking heuristic).
 * Both return feature-major (F × K) float weights, so the classifier can blend them into one matrix.
 */
import { prng } from "@/lib/platform/prng";

export type SparseVector = { index: Int32Array; value: Float64Array };

/** Gradients smaller than this move no weight measurably; skipping them saves about a tenth of training time. */
const GRADIENT_FLOOR = 1e-5;

/**
 * SGD on softmax cross-entropy with a linearly decaying step. L2 is applied through one shared
 * scale factor (W = scale·V) so a step costs O(nnz·K) instead of touching every weight.
 * `bias` is fixed (see logPrior) and only used to compute the gradient.
 */
export function sgdSoftmax(
  rows: SparseVector[],
  y: number[],
  F: number,
  bias: Float32Array,
  options: { epochs: number; lambda: number; eta0: number; seed: number },
): Float32Array {
  const K = bias.length;
  const V = new Float32Array(F * K);
  const z = new Float64Array(K);
  const active = new Int32Array(K);
  const rand = prng(options.seed);
  const order = Int32Array.from(rows.keys());
  const totalSteps = options.epochs * rows.length;
  let scale = 1;
  let step = 0;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, rand);
    for (const i of order) {
      const eta = options.eta0 * (1 - step++ / totalSteps);
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
      scale *= 1 - eta * options.lambda;
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
  return V;
}

/**
 * One-vs-rest linear SVMs with squared hinge loss, min ½‖w‖² + C·Σ max(0, 1 − y·w·x)², solved in
 * the dual by coordinate descent with shrinking (Hsieh et al. 2008). As in LIBLINEAR, the bias is
 * the weight of a constant extra feature (value 1), so it is regularised like the other weights.
 */
export function svmOneVsRest(
  rows: SparseVector[],
  y: number[],
  F: number,
  K: number,
  options: { C: number; maxPasses: number; tolerance: number; seed: number; bias: boolean },
): { weights: Float32Array; bias: Float32Array } {
  const n = rows.length;
  const W = new Float32Array(F * K);
  const bias = new Float32Array(K);
  const w = new Float64Array(F + 1); // w[F] is the bias
  const alpha = new Float64Array(n);
  const diag = 1 / (2 * options.C);
  const B = options.bias ? 1 : 0; // value of the constant feature
  const qd = Float64Array.from(rows, (r) => r.value.reduce((s, v) => s + v * v, B * B) + diag);
  // One contiguous CSR copy of the rows: this loop runs K × passes × n times, and locality matters.
  const ptr = new Int32Array(n + 1);
  rows.forEach((r, i) => (ptr[i + 1] = ptr[i] + r.index.length));
  const idx = new Int32Array(ptr[n]);
  const val = new Float64Array(ptr[n]);
  rows.forEach((r, i) => {
    idx.set(r.index, ptr[i]);
    val.set(r.value, ptr[i]);
  });
  const order = new Int32Array(n);
  const rand = prng(options.seed);

  for (let k = 0; k < K; k++) {
    w.fill(0);
    alpha.fill(0);
    for (let i = 0; i < n; i++) order[i] = i;
    let activeSize = n;
    let pgMaxOld = Infinity;
    for (let pass = 0; pass < options.maxPasses; pass++) {
      shuffle(order.subarray(0, activeSize), rand);
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let s = 0; s < activeSize; s++) {
        const i = order[s];
        const yi = y[i] === k ? 1 : -1;
        const end = ptr[i + 1];
        let wx = w[F] * B;
        for (let m = ptr[i]; m < end; m++) wx += w[idx[m]] * val[m];
        const g = yi * wx - 1 + diag * alpha[i];
        let pg = g;
        if (alpha[i] === 0) {
          if (g > pgMaxOld) {
            // Comfortably outside the margin: leave it out of the following passes.
            activeSize--;
            order[s] = order[activeSize];
            order[activeSize] = i;
            s--;
            continue;
          }
          if (g > 0) pg = 0;
        }
        if (pg > pgMax) pgMax = pg;
        if (pg < pgMin) pgMin = pg;
        if (Math.abs(pg) < 1e-12) continue;
        const old = alpha[i];
        alpha[i] = Math.max(old - g / qd[i], 0);
        const d = (alpha[i] - old) * yi;
        for (let m = ptr[i]; m < end; m++) w[idx[m]] += d * val[m];
        w[F] += d * B;
      }
      if (pgMax - pgMin <= options.tolerance) {
        if (activeSize === n) break;
        // Converged on the shrunk set: check every example once more before stopping.
        activeSize = n;
        pgMaxOld = Infinity;
        continue;
      }
      pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    }
    for (let j = 0; j < F; j++) W[j * K + k] = w[j];
    bias[k] = w[F] * B;
  }
  return { weights: W, bias };
}

export function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - max);
  for (let k = 0; k < z.length; k++) z[k] /= sum;
}

export function shuffle(a: Int32Array, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
