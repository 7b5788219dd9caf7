// Semantic mode's training and model format, over made-up sentence vectors (each intent a direction, each text a
// noisy copy of it), so these run without the encoder; router-model.test.ts runs the real one.
import { describe, expect, it } from "vitest";
import { prng } from "@/lib/platform/prng";
import { classifyIntent } from "@/lib/runtime/routing/intent-classifier";
import { deserializeIntentModel, serializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";
import {
  trainIntentClassifier,
  trainSemanticIntentClassifier,
  type TrainingExample,
} from "@/lib/runtime/routing/train-intent-classifier";

const DIM = 512;
const ENCODER = "test-encoder";
const random = prng(3);
const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
const unit = (v: Float32Array) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};
const directions = new Map<string, Float32Array>();
const direction = (intent: string, dim = DIM) =>
  directions.get(`${intent}/${dim}`) ??
  directions.set(`${intent}/${dim}`, unit(Float32Array.from({ length: dim }, gauss))).get(`${intent}/${dim}`)!;
/** A text's made-up vector: its intent's direction plus as much noise again. */
const vectorOf = (intent: string, dim = DIM) => unit(direction(intent, dim).map((x) => x + gauss() / Math.sqrt(dim)));

/** `perIntent` examples of each of `intents` intents, whose words name their topic too. */
function dataset(intents: number, perIntent: number, dim = DIM) {
  const examples: TrainingExample[] = [];
  for (let k = 0; k < intents; k++)
    for (let n = 0; n < perIntent; n++) examples.push({ text: `topic${k} request number ${n % 7}`, intent: `i${k}` });
  return { examples, vectors: examples.map((e) => vectorOf(e.intent, dim)) };
}

const small = dataset(4, 10);
const smallModel = trainSemanticIntentClassifier(small.examples, small.vectors, { seed: 7, encoder: ENCODER });

describe("trainSemanticIntentClassifier", () => {
  it("routes by the sentence vector where the words say nothing", () => {
    for (const intent of ["i0", "i1", "i2", "i3"]) {
      const prediction = classifyIntent(smallModel, "some words never seen", vectorOf(intent));
      expect(prediction.intent).toBe(intent);
      expect(prediction.confidence).toBeGreaterThan(0.5);
    }
  });

  it("still reads the words", () => {
    // A vector between all intents: the example's own words decide.
    const neutral = unit(
      Float32Array.from({ length: DIM }, (_, d) => ["i0", "i1", "i2", "i3"].reduce((s, i) => s + direction(i)[d], 0)),
    );
    expect(classifyIntent(smallModel, "topic2 request", neutral).intent).toBe("i2");
  });

  it("keeps the examples' vectors with the model, in training order", () => {
    const { semantic } = smallModel;
    expect(semantic).toMatchObject({ encoder: ENCODER, dim: DIM, weight: 1 });
    expect(semantic!.exampleScale).toHaveLength(small.examples.length);
    small.vectors.forEach((vector, n) => {
      for (let d = 0; d < DIM; d += 37)
        expect(semantic!.exampleVectors[n * DIM + d] * semantic!.exampleScale[n]).toBeCloseTo(vector[d], 2);
    });
  });

  it("calibrates and blends the ensemble on enough data, and trains the same bytes every time", () => {
    // Short vectors keep the test quick: the trainer takes any length.
    const big = dataset(10, 100, 16);
    const model = trainSemanticIntentClassifier(big.examples, big.vectors, { seed: 7, encoder: ENCODER });
    expect(model.mlp).not.toBeNull();
    expect(model.temperature).not.toBe(1);
    expect(model.weights).toHaveLength((model.vocabulary.length + 16) * 10);
    expect(classifyIntent(model, "nothing familiar", vectorOf("i9", 16)).intent).toBe("i9");
    const again = trainSemanticIntentClassifier(big.examples, big.vectors, { seed: 7, encoder: ENCODER });
    expect(serializeIntentModel(again)).toEqual(serializeIntentModel(model));
  });

  it("needs one vector per example, and the vector at prediction time", () => {
    expect(() =>
      trainSemanticIntentClassifier(small.examples, small.vectors.slice(1), { seed: 7, encoder: ENCODER }),
    ).toThrow(/40 training examples but 39 sentence vectors/);
    expect(() => classifyIntent(smallModel, "topic1")).toThrow(/needs the text's 512-d sentence vector/);
  });
});

describe("format version 3", () => {
  it("round-trips a semantic model to identical predictions and bytes", () => {
    const bytes = serializeIntentModel(smallModel);
    const restored = deserializeIntentModel(bytes);
    expect(restored.semantic).toEqual(smallModel.semantic);
    for (const intent of ["i0", "i3"]) {
      const vector = vectorOf(intent);
      expect(classifyIntent(restored, "topic1 request", vector)).toEqual(
        classifyIntent(smallModel, "topic1 request", vector),
      );
    }
    expect(serializeIntentModel(restored)).toEqual(bytes);
  });

  it("is written for semantic models only: fast ones keep version 2 and load without a semantic part", () => {
    const version = (bytes: Uint8Array) => {
      const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
      return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))).version;
    };
    const fast = trainIntentClassifier(small.examples, { seed: 7 });
    const fastBytes = serializeIntentModel(fast);
    expect(version(fastBytes)).toBe(2);
    expect(version(serializeIntentModel(smallModel))).toBe(3);
    const restored = deserializeIntentModel(fastBytes);
    expect(restored.semantic).toBeNull();
    expect(classifyIntent(restored, "topic1 request")).toEqual(classifyIntent(fast, "topic1 request"));
  });

  it("rejects truncated semantic bytes", () => {
    const bytes = serializeIntentModel(smallModel);
    expect(() => deserializeIntentModel(bytes.subarray(0, bytes.length - DIM))).toThrow(/length does not match/);
  });
});
