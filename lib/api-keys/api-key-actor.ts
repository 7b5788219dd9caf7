import type { ApiKeyPrincipal } from "@/lib/api-keys/authenticate-api-key";
import type { AuditActor } from "@/lib/audit/audit-log";

/** The audit actor for a call made with a workspace API key (the same label runFlowTurn uses). */
export function apiKeyActor(key: ApiKeyPrincipal): AuditActor {
  return { type: "api_key", id: key.id, label: `API key ${key.name} (${key.prefix}…)` };
}
