// The intent model's binary format: what publishing stores and the engine loads, readable across format versions.
import type { IntentModel } from "./intent-model";
import type { FeatureOptions } from "./tokenize";

const MAGIC = "SBIC";
/** 2 added the hidden layer. Version 1 bytes (linear model only) still load, with `mlp: null`. */
const FORMAT_VERSION = 2;
const READABLE_VERSIONS = new Set([1, 2]);

type Header = {
  version: number;
  intents: string[];
  featureOptions: FeatureOptions;
  vocabulary: string[];
  temperature: number;
  /** Hidden units; 0 when the model has no hidden layer. Absent in version 1. */
  hidden?: number;
};

/**
 * Layout (little-endian): "SBIC" | u32 header length | JSON header | zero padding to 4 bytes |
 * idf f32[F] | weightScale f32[F] | bias f32[K] | weights i8[F·K] |
 * (version 2, when hidden H > 0:) W1Scale f32[F] | W2 f32[H·K] | W1 i8[F·H].
 */
export function serializeIntentModel(model: IntentModel): Uint8Array {
  const H = model.mlp?.hidden ?? 0;
  const header: Header = {
    version: FORMAT_VERSION,
    intents: [...model.intents],
    featureOptions: model.featureOptions,
    vocabulary: [...model.vocabulary],
    temperature: model.temperature,
    hidden: H,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const F = model.vocabulary.length;
  const K = model.intents.length;
  const start = align4(8 + json.length);
  const bytes = new Uint8Array(start + payloadLength(F, K, H));
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
  return bytes;
}

function payloadLength(F: number, K: number, H: number): number {
  return 4 * (2 * F + K) + F * K + (H > 0 ? 4 * (F + H * K) + F * H : 0);
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
  const F = header.vocabulary.length;
  const K = header.intents.length;
  const H = header.version >= 2 ? (header.hidden ?? 0) : 0;
  if (!Number.isInteger(H) || H < 0) fail(`bad hidden size ${H}`);
  let offset = align4(8 + headerLength);
  if (bytes.length !== offset + payloadLength(F, K, H)) fail("length does not match header");
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
  const weightScale = readFloats(F);
  const bias = readFloats(K);
  const weights = readBytes(F * K);
  let mlp: IntentModel["mlp"] = null;
  if (H > 0) {
    const W1Scale = readFloats(F);
    const W2 = readFloats(H * K);
    mlp = { hidden: H, W1: readBytes(F * H), W1Scale, W2 };
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
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
