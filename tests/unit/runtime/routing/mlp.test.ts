import { describe, expect, it } from "vitest";
import { hiddenLayer, hiddenLayerInt8, outputLayer, trainMlp } from "@/lib/runtime/routing/mlp";
import type { SparseVector } from "@/lib/runtime/routing/linear";

const row = (index: number[]): SparseVector => ({
  index: Int32Array.from(index),
  value: Float64Array.from(index, () => 1 / Math.sqrt(index.length)),
});

function predict(mlp: ReturnType<typeof trainMlp>, K: number, x: SparseVector): number {
  const h = new Float64Array(mlp.hidden);
  const z = new Float64Array(K);
  hiddenLayer(mlp.W1, mlp.hidden, x.index, x.value, h);
  outputLayer(mlp.W2, mlp.hidden, K, h, z);
  return z[1] > z[0] ? 1 : 0;
}

describe("trainMlp", () => {
  it("learns a feature interaction no linear model can: a or b alone → 0, a and b together → 1", () => {
    // Without a bias a linear score s(x) = w·x has s(a∧b) ∝ s(a) + s(b), so it cannot be
    // negative for a and b alone yet positive for both.
    const rows = [row([0]), row([1]), row([0, 1]), row([2])];
    const y = [0, 0, 1, 1];
    const repeated = Array.from({ length: 20 }, () => rows).flat();
    const labels = Array.from({ length: 20 }, () => y).flat();
    const mlp = trainMlp(repeated, labels, 3, 2, { hidden: 32, epochs: 200, eta0: 0.3, dropout: 0, seed: 1 });
    expect(rows.map((x) => predict(mlp, 2, x))).toEqual(y);
  });

  it("gives text with no known features all-zero logits (no bias terms)", () => {
    const mlp = trainMlp([row([0]), row([1])], [0, 1], 2, 2, {
      hidden: 8,
      epochs: 5,
      eta0: 0.2,
      dropout: 0.3,
      seed: 2,
    });
    const h = new Float64Array(8);
    const z = new Float64Array(2);
    hiddenLayer(mlp.W1, 8, new Int32Array(0), new Float64Array(0), h);
    outputLayer(mlp.W2, 8, 2, h, z);
    expect(Array.from(z)).toEqual([0, 0]);
  });

  it("int8 inference matches float inference up to rounding", () => {
    const W1 = Float32Array.from([0.5, -0.25, 1, 0.125]); // F = 2, H = 2
    const scale = Float32Array.from([0.5 / 127, 1 / 127]);
    const W1q = Int8Array.from([127, -64, 127, 16]);
    const x = row([0, 1]);
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    hiddenLayer(W1, 2, x.index, x.value, a);
    hiddenLayerInt8(W1q, scale, 2, x.index, x.value, b);
    for (let j = 0; j < 2; j++) expect(b[j]).toBeCloseTo(a[j], 2);
  });
});
