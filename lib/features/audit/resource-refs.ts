// Pure: which rows an audit entry points at — its resource by type, and the conversation it belongs to — so the page
// can look them all up in one query per kind (resolve-resources.ts).

export type AuditRef = {
  kind:
    | "escalation"
    | "approval"
    | "flow"
    | "flow_version"
    | "user"
    | "invitation"
    | "api_key"
    | "eval_suite"
    | "eval_run"
    | "eval_case"
    | "webhook_endpoint"
    | "webhook_delivery"
    | "canned_reply"
    | "model_provider"
    | "secret"
    | "customer";
  id: string;
};

const KIND_OF: Record<string, AuditRef["kind"]> = {
  escalation: "escalation",
  // An approval's entries (requested, approved, rejected) are tool calls whose id is the approval's.
  tool_call: "approval",
  flow: "flow",
  flow_version: "flow_version",
  membership: "user",
  user: "user",
  session: "user",
  invitation: "invitation",
  api_key: "api_key",
  eval_suite: "eval_suite",
  eval_run: "eval_run",
  eval_case: "eval_case",
  webhook_endpoint: "webhook_endpoint",
  webhook_delivery: "webhook_delivery",
  canned_reply: "canned_reply",
  model_provider: "model_provider",
  secret: "secret",
  customer_memory: "customer",
};

type Entry = {
  actorType: string;
  actorId: string | null;
  resourceType: string;
  resourceId: string | null;
  metadata: unknown;
};

export function resourceRefs(e: Entry): AuditRef[] {
  const kind = KIND_OF[e.resourceType];
  return kind && e.resourceId ? [{ kind, id: e.resourceId }] : [];
}

/**
 * The conversation an entry is about, when the entry says so itself: a conversation or routing decision (whose id is
 * the conversation's), an entry whose metadata names one, or anything the engine wrote (its actor is the flow running
 * in that conversation). Escalations and approvals are looked up.
 */
export function pickConversationId(e: Entry): string | undefined {
  if ((e.resourceType === "conversation" || e.resourceType === "routing_decision") && e.resourceId) return e.resourceId;
  const meta = e.metadata && typeof e.metadata === "object" ? (e.metadata as Record<string, unknown>) : {};
  if (typeof meta.conversationId === "string" && meta.conversationId) return meta.conversationId;
  if (e.actorType === "agent" && e.actorId) return e.actorId;
  return undefined;
}
