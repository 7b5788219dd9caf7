import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { encoderPool } from "@/lib/runtime/routing/encoder/encoder-pool";
import { deserializeIntentModel, type IntentModel } from "@/lib/runtime/routing/router-model";

// Versions are immutable, so a deserialized model can be kept for the life of the process.
const cache = new Map<string, IntentModel>();
const MAX_CACHED = 64;

export async function loadIntentModel(tx: Tx, flowVersionId: string, nodeId: string): Promise<IntentModel | null> {
  const key = `${flowVersionId}:${nodeId}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const row = await tx.intentModel.findUnique({ where: { flowVersionId_nodeId: { flowVersionId, nodeId } } });
  if (!row) return null;
  const model = deserializeIntentModel(new Uint8Array(row.model));
  // A semantic model needs the encoder in a moment: its thread loads (about half a second) while this turn goes on.
  if (model.semantic) encoderPool().warm();
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, model);
  return model;
}
