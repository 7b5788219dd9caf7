// The trained intent classifier as plain data: what training returns, prediction reads and serialisation stores.
import type { FeatureOptions } from "./tokenize";

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
  /** Softmax temperature fitted on held-out data; logits are divided by it (1 for small training sets). */
  readonly temperature: number;
  /**
   * The hidden layer whose output is added to the linear logits, or null (small training sets and
   * format-1 models). W1 is feature-major (F × H) int8 with one scale per feature; W2 is H × K.
   */
  readonly mlp: {
    readonly hidden: number;
    readonly W1: Int8Array;
    readonly W1Scale: Float32Array;
    readonly W2: Float32Array;
  } | null;
}
