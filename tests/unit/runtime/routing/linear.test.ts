import { describe, expect, it } from "vitest";
import { sgdSoftmax, softmaxInPlace, svmOneVsRest, type SparseVector } from "@/lib/runtime/routing/linear";

// Three classes, each owning one feature, plus a shared noise feature; rows have unit length.
function toyRows(): { rows: SparseVector[]; y: number[] } {
  const rows: SparseVector[] = [];
  const y: number[] = [];
  for (let k = 0; k < 3; k++)
    for (let r = 0; r < 10; r++) {
      const own = 0.8 + 0.01 * r;
      rows.push({ index: Int32Array.from([k, 3]), value: Float64Array.from([own, Math.sqrt(1 - own * own)]) });
      y.push(k);
    }
  return { rows, y };
}

function scores(W: Float32Array, K: number, bias: Float32Array, x: SparseVector): number[] {
  const z = Array.from(bias);
  for (let n = 0; n < x.index.length; n++) for (let k = 0; k < K; k++) z[k] += x.value[n] * W[x.index[n] * K + k];
  return z;
}

const argmax = (z: number[]) => z.indexOf(Math.max(...z));

describe("svmOneVsRest", () => {
  const { rows, y } = toyRows();
  const options = { C: 1, maxPasses: 50, tolerance: 0.01, seed: 3, bias: true };

  it("separates linearly separable classes with a margin", () => {
    const { weights, bias } = svmOneVsRest(rows, y, 4, 3, options);
    rows.forEach((x, i) => {
      const z = scores(weights, 3, bias, x);
      expect(argmax(z)).toBe(y[i]);
      expect(z[y[i]]).toBeGreaterThan(0);
    });
    // A row of only the shared feature belongs to no class: every one-vs-rest score is negative.
    const shared = scores(weights, 3, bias, { index: Int32Array.from([3]), value: Float64Array.from([1]) });
    for (const s of shared) expect(s).toBeLessThan(0);
  });

  it("is deterministic for a seed", () => {
    const a = svmOneVsRest(rows, y, 4, 3, options);
    const b = svmOneVsRest(rows, y, 4, 3, options);
    expect(a.weights).toEqual(b.weights);
    expect(a.bias).toEqual(b.bias);
  });
});

describe("sgdSoftmax", () => {
  it("learns a separable problem", () => {
    const { rows, y } = toyRows();
    const bias = new Float32Array(3);
    const W = sgdSoftmax(rows, y, 4, bias, { epochs: 20, lambda: 1e-6, eta0: 2, seed: 1 });
    rows.forEach((x, i) => expect(argmax(scores(W, 3, bias, x))).toBe(y[i]));
  });
});

describe("softmaxInPlace", () => {
  it("turns logits into probabilities without overflowing", () => {
    const z = Float64Array.from([1000, 1001, 999]);
    softmaxInPlace(z);
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(z[1]).toBeGreaterThan(z[0]);
    expect(z[0]).toBeGreaterThan(z[2]);
  });
});
