import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { IntentModel } from "@/lib/runtime/routing/intent-model";
import { deserializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";

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
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, model);
  return model;
}
