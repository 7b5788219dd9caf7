// Logits and temperature-scaled probabilities, of the served (quantised) model and of the float learners during
// calibration, and the fitting of a temperature on held-out logits.
import type { IntentModel } from "./intent-model";
import { softmaxInPlace, type SparseVector } from "./linear";
import { hiddenLayer, hiddenLayerInt8, outputLayer, type MlpWeights } from "./mlp";

/** Logits of an unquantised feature-major weight matrix (used on the calibration slice). */
export function floatLogits(W: Float32Array, K: number, bias: Float32Array, x: SparseVector): Float64Array {
  const z = Float64Array.from(bias);
  for (let n = 0; n < x.index.length; n++) {
    const base = x.index[n] * K;
    const v = x.value[n];
    for (let k = 0; k < K; k++) z[k] += v * W[base + k];
  }
  return z;
}

export function floatMlpLogits(mlp: MlpWeights, K: number, x: SparseVector): Float64Array {
  const h = new Float64Array(mlp.hidden);
  const z = new Float64Array(K);
  hiddenLayer(mlp.W1, mlp.hidden, x.index, x.value, h);
  outputLayer(mlp.W2, mlp.hidden, K, h, z);
  return z;
}

export function logits(
  model: Pick<IntentModel, "weights" | "weightScale" | "bias" | "mlp">,
  x: SparseVector,
): Float64Array {
  const K = model.bias.length;
  const z = Float64Array.from(model.bias);
  for (let n = 0; n < x.index.length; n++) {
    const j = x.index[n];
    const v = x.value[n] * model.weightScale[j];
    const base = j * K;
    for (let k = 0; k < K; k++) z[k] += v * model.weights[base + k];
  }
  const { mlp } = model;
  if (mlp) {
    const h = new Float64Array(mlp.hidden);
    const out = new Float64Array(K);
    hiddenLayerInt8(mlp.W1, mlp.W1Scale, mlp.hidden, x.index, x.value, h);
    outputLayer(mlp.W2, mlp.hidden, K, h, out);
    for (let k = 0; k < K; k++) z[k] += out[k];
  }
  return z;
}

export function softmax(z: Float64Array, temperature: number): Float64Array {
  const p = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) p[k] = z[k] / temperature;
  softmaxInPlace(p);
  return p;
}

/** Minimises held-out negative log-likelihood over log-temperature by golden-section search. */
export function fitTemperature(heldLogits: Float64Array[], labels: number[]): number {
  const nll = (logT: number) =>
    heldLogits.reduce((sum, z, i) => sum - Math.log(Math.max(softmax(z, Math.exp(logT))[labels[i]], 1e-12)), 0);
  let lo = Math.log(0.01);
  let hi = Math.log(10);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let iter = 0; iter < 40; iter++) {
    const a = hi - ratio * (hi - lo);
    const b = lo + ratio * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.fround(Math.exp((lo + hi) / 2));
}
