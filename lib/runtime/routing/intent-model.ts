// The trained intent classifier as plain data: what training returns, prediction reads and serialisation stores.
import type { FeatureOptions } from "./tokenize";

export interface IntentModel {
  readonly intents: readonly string[];
  readonly featureOptions: FeatureOptions;
  /** Feature strings; position j owns idf[j], weightScale[j] and weights[j*K .. j*K+K). */
  readonly vocabulary: readonly string[];
  /** Per TF-IDF feature (F of them); the rows of `weightScale`, `weights` and the hidden layer are F + semantic.dim. */
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
   * format-1 models). W1 is feature-major (rows × H) int8 with one scale per row; W2 is H × K.
   */
  readonly mlp: {
    readonly hidden: number;
    readonly W1: Int8Array;
    readonly W1Scale: Float32Array;
    readonly W2: Float32Array;
  } | null;
  /**
   * Semantic mode (format 3): the sentence encoder's vector of the text, times `weight`, follows the F TF-IDF
   * features as feature rows F .. F+dim, and the whole row is divided by √(1 + weight²) so it keeps unit length. Null
   * in fast mode (formats 1 and 2).
   */
  readonly semantic: SemanticPart | null;
}

export interface SemanticPart {
  /** Which encoder made the vectors; a model is only ever served with the encoder it was trained with. */
  readonly encoder: string;
  readonly dim: number;
  readonly weight: number;
  /**
   * The training examples' vectors, in training order (N × dim, int8 with one scale per example), kept so that a
   * model can be inspected or retrained without running the encoder again.
   */
  readonly exampleVectors: Int8Array;
  readonly exampleScale: Float32Array;
}
