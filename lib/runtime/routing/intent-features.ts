// The TF-IDF feature space: which features training keeps, and how a text's feature counts become the sparse,
// normalised vector every learner reads.
import type { Hyper } from "./intent-hyperparameters";
import type { SparseVector } from "./linear";

export type Counts = Map<string, number>;

export function featureSpace(counted: Counts[], hyper: Hyper) {
  const minDf = counted.length >= hyper.minDfFromExamples ? hyper.minDf : 1;
  const vocabulary = selectVocabulary(counted, minDf, hyper.maxFeatures);
  const index = vocabularyIndex(vocabulary);
  const df = new Float64Array(vocabulary.length);
  for (const c of counted)
    for (const f of c.keys()) {
      const j = index.get(f);
      if (j !== undefined) df[j]++;
    }
  // Smoothed idf (never zero), so even very common features still carry a little weight.
  const idf = Float32Array.from(
    df,
    (d, j) => (Math.log((1 + counted.length) / (1 + d)) + 1) * (/^[wb]:/.test(vocabulary[j]) ? hyper.wordWeight : 1),
  );
  return { vocabulary, idf, index, rows: counted.map((c) => vectorize(index, idf, c)) };
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

const indexCache = new WeakMap<readonly string[], Map<string, number>>();

export function vocabularyIndex(vocabulary: readonly string[]): Map<string, number> {
  let index = indexCache.get(vocabulary);
  if (!index) {
    index = new Map(vocabulary.map((f, j) => [f, j]));
    indexCache.set(vocabulary, index);
  }
  return index;
}

/** Sublinear TF × IDF with unit L2 norm, so long and short utterances score on one scale. */
export function vectorize(index: Map<string, number>, idf: Float32Array, counts: Counts): SparseVector {
  const positions = new Int32Array(counts.size);
  const values = new Float64Array(counts.size);
  let n = 0;
  let sumSquares = 0;
  for (const [f, tf] of counts) {
    const j = index.get(f);
    if (j === undefined) continue;
    const v = (tf === 1 ? 1 : 1 + Math.log(tf)) * idf[j];
    positions[n] = j;
    values[n++] = v;
    sumSquares += v * v;
  }
  const norm = Math.sqrt(sumSquares) || 1;
  for (let m = 0; m < n; m++) values[m] /= norm;
  return { index: positions.slice(0, n), value: values.slice(0, n) };
}

/**
 * Semantic mode's row: the TF-IDF row, then the sentence vector times `weight` at positions F .. F+dim, all divided
 * by √(1 + weight²). Both parts have unit length, so the row does too, and a confidence means what it means in fast
 * mode (measured on small routers: without the division, out-of-scope text is routed with far more confidence).
 */
export function withSentenceVector(
  x: SparseVector,
  F: number,
  vector: ArrayLike<number>,
  weight: number,
): SparseVector {
  const n = x.index.length;
  const D = vector.length;
  const norm = Math.sqrt(1 + weight * weight);
  const index = new Int32Array(n + D);
  const value = new Float64Array(n + D);
  for (let m = 0; m < n; m++) {
    index[m] = x.index[m];
    value[m] = x.value[m] / norm;
  }
  for (let d = 0; d < D; d++) {
    index[n + d] = F + d;
    value[n + d] = (weight * vector[d]) / norm;
  }
  return { index, value };
}
