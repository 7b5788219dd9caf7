// The intent model's binary format: what publishing stores and the engine loads, readable across format versions.
import type { IntentModel, SemanticPart } from "./intent-model";
import type { FeatureOptions } from "./tokenize";

const MAGIC = "SBIC";
/**
 * 2 added the hidden layer, 3 the semantic part. Fast models are still written as version 2, byte for byte as before
 * semantic mode existed (so a build without it reads them); version 1 bytes (linear model only) load with `mlp: null`.
 */
const READABLE_VERSIONS = new Set([1, 2, 3]);

type Header = {
  version: number;
  intents: string[];
  featureOptions: FeatureOptions;
  vocabulary: string[];
  temperature: number;
  /** Hidden units; 0 when the model has no hidden layer. Absent in version 1. */
  hidden?: number;
  /** Version 3 only: the encoder, its vector length, the vector's weight and how many example vectors follow. */
  semantic?: { encoder: string; dim: number; weight: number; examples: number };
};

/**
 * Layout (little-endian): "SBIC" | u32 header length | JSON header | zero padding to 4 bytes |
 * idf f32[F] | weightScale f32[R] | bias f32[K] | weights i8[R·K] |
 * (version ≥ 2, when hidden H > 0:) W1Scale f32[R] | W2 f32[H·K] | W1 i8[R·H] |
 * (version 3:) exampleScale f32[N] | exampleVectors i8[N·dim].
 * R, the weight rows, is F (the vocabulary) plus the semantic part's dim (0 in fast models).
 */
export function serializeIntentModel(model: IntentModel): Uint8Array {
  const H = model.mlp?.hidden ?? 0;
  const { semantic } = model;
  const header: Header = {
    version: semantic ? 3 : 2,
    intents: [...model.intents],
    featureOptions: model.featureOptions,
    vocabulary: [...model.vocabulary],
    temperature: model.temperature,
    hidden: H,
    ...(semantic
      ? {
          semantic: {
            encoder: semantic.encoder,
            dim: semantic.dim,
            weight: semantic.weight,
            examples: semantic.exampleScale.length,
          },
        }
      : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(8 + json.length);
  const bytes = new Uint8Array(start + payloadLength(shapeOf(header)));
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, json.length, true);
  bytes.set(json, 8);
  let offset = start;
  const writeFloats = (array: Float32Array) => {
    for (const v of array) {
      view.setFloat32(offset, v, true);
      offset += 4;
    }
  };
  const writeBytes = (array: Int8Array) => {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += array.byteLength;
  };
  writeFloats(model.idf);
  writeFloats(model.weightScale);
  writeFloats(model.bias);
  writeBytes(model.weights);
  if (model.mlp) {
    writeFloats(model.mlp.W1Scale);
    writeFloats(model.mlp.W2);
    writeBytes(model.mlp.W1);
  }
  if (semantic) {
    writeFloats(semantic.exampleScale);
    writeBytes(semantic.exampleVectors);
  }
  return bytes;
}

type Shape = { F: number; R: number; K: number; H: number; N: number; dim: number };

function shapeOf(header: Header): Shape {
  const F = header.vocabulary.length;
  const dim = header.semantic?.dim ?? 0;
  const H = header.version >= 2 ? (header.hidden ?? 0) : 0;
  return { F, R: F + dim, K: header.intents.length, H, N: header.semantic?.examples ?? 0, dim };
}

function payloadLength({ F, R, K, H, N, dim }: Shape): number {
  return 4 * (F + R + K) + R * K + (H > 0 ? 4 * (R + H * K) + R * H : 0) + N * (4 + dim);
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
  if (!READABLE_VERSIONS.has(header.version))
    fail(
      `unsupported format version ${header.version} (this build reads ${[...READABLE_VERSIONS].join(", ")}); retrain the model`,
    );
  if (header.version < 3) delete header.semantic;
  else if (!header.semantic) fail("version 3 without its semantic part");
  const shape = shapeOf(header);
  const { F, R, K, H, N, dim } = shape;
  for (const [name, n] of Object.entries({ hidden: H, dim, examples: N }))
    if (!Number.isInteger(n) || n < 0) fail(`bad ${name} size ${n}`);
  let offset = align4(8 + headerLength);
  if (bytes.length !== offset + payloadLength(shape)) fail("length does not match header");
  const readFloats = (n: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += 4) out[i] = view.getFloat32(offset, true);
    return out;
  };
  const readBytes = (n: number) => {
    const out = new Int8Array(bytes.slice(offset, offset + n).buffer);
    offset += n;
    return out;
  };
  const idf = readFloats(F);
  const weightScale = readFloats(R);
  const bias = readFloats(K);
  const weights = readBytes(R * K);
  let mlp: IntentModel["mlp"] = null;
  if (H > 0) {
    const W1Scale = readFloats(R);
    const W2 = readFloats(H * K);
    mlp = { hidden: H, W1: readBytes(R * H), W1Scale, W2 };
  }
  let semantic: SemanticPart | null = null;
  if (header.semantic) {
    const { encoder, weight } = header.semantic;
    const exampleScale = readFloats(N);
    semantic = { encoder, dim, weight, exampleScale, exampleVectors: readBytes(N * dim) };
  }
  return {
    intents: header.intents,
    featureOptions: header.featureOptions,
    vocabulary: header.vocabulary,
    idf,
    weights,
    weightScale,
    bias,
    temperature: header.temperature,
    mlp,
    semantic,
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
