import type { ApiKeyPrincipal } from "./authenticate-api-key";
import type { AuditActor } from "@/lib/platform/audit/audit-log";

/** The actor of anything done with a workspace API key: audit entries and engine events name the key and its prefix. */
export function apiKeyActor(key: ApiKeyPrincipal): Extract<AuditActor, { type: "api_key" }> {
  return { type: "api_key", id: key.id, label: `API key ${key.name} (${key.prefix}…)` };
}
