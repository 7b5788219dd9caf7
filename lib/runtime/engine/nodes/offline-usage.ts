// How a node that called the offline stand-in records it: the trace and the dashboard count its calls under the model
// "offline" with no tokens and no cost (it reads none and bills nothing), and the node's output says which model it
// stood in for, so a canned reply is never taken for that model's.
import { OFFLINE_MODEL, offlineModelName } from "@/lib/model/flow/model-spec";
import { OFFLINE_PROVIDER_ID } from "@/lib/runtime/agents/offline-provider";
import type { ChildSpan } from "@/lib/runtime/engine/turn/execution-result";

/** Null when a real provider answered; otherwise the output fields that say the stand-in did. */
export function offlineOutput(providerName: string, spec: string): { offline: true; standInFor?: string } | null {
  if (providerName !== OFFLINE_PROVIDER_ID) return null;
  const chosen = spec.trim();
  // "offline" chosen on purpose stands in for nothing; "gpt-4o-mini" with no provider stands in for gpt-4o-mini.
  return chosen && offlineModelName(chosen) === null ? { offline: true, standInFor: chosen } : { offline: true };
}

/** Overrides for an llm span the stand-in served. */
export function offlineSpanFields(providerName: string): Partial<ChildSpan> {
  if (providerName !== OFFLINE_PROVIDER_ID) return {};
  return { name: OFFLINE_MODEL, tokensIn: undefined, tokensOut: undefined, costUsd: undefined };
}
