// The audit list's filter, read from a query string: the page, the export and the verify action share it. Unknown or
// malformed values are dropped rather than erroring, so a stale bookmark still opens.
import { ACTOR_TYPES, type ActorType } from "@/lib/features/list-filters";

export const AUDIT_RESOURCE_TYPES = [
  "session",
  "workspace",
  "membership",
  "invitation",
  "user",
  "flow",
  "flow_version",
  "conversation",
  "message",
  "escalation",
  "routing_decision",
  "tool_call",
  "guardrail",
  "api_key",
  "model_provider",
  "secret",
  "customer_memory",
  "card",
  "routing_review",
  "canned_reply",
  "audit_log",
] as const;

export type AuditFilter = {
  /** Free text: actor label, action, resource id, and text inside before / after / metadata. */
  q?: string;
  actionPrefix?: string;
  actorType?: ActorType;
  resourceType?: string;
  /** Inclusive start, from a yyyy-mm-dd (UTC day start). */
  from?: Date;
  /** Exclusive end: the day after a yyyy-mm-dd "to" (UTC), so the whole day is included. */
  to?: Date;
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

function day(value: string | undefined, plusDays = 0): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date;
}

export function parseAuditFilter(params: Params): AuditFilter {
  const actor = read(params, "actor");
  const resource = read(params, "resource");
  const filter: AuditFilter = {
    q: read(params, "q")?.slice(0, 200),
    actionPrefix: read(params, "action")?.slice(0, 100),
    actorType: ACTOR_TYPES.includes(actor as ActorType) ? (actor as ActorType) : undefined,
    resourceType: AUDIT_RESOURCE_TYPES.includes(resource as (typeof AUDIT_RESOURCE_TYPES)[number])
      ? resource
      : undefined,
    from: day(read(params, "from")),
    to: day(read(params, "to"), 1),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as AuditFilter;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The filter back as query-string pairs (the inverse of parseAuditFilter), for links and the export. */
export function auditFilterQuery(filter: AuditFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.q) query.set("q", filter.q);
  if (filter.actionPrefix) query.set("action", filter.actionPrefix);
  if (filter.actorType) query.set("actor", filter.actorType);
  if (filter.resourceType) query.set("resource", filter.resourceType);
  if (filter.from) query.set("from", isoDay(filter.from));
  if (filter.to) query.set("to", isoDay(new Date(filter.to.getTime() - 86_400_000)));
  return query;
}

export function isFiltered(filter: AuditFilter): boolean {
  return Object.keys(filter).length > 0;
}

/** The filter as plain data for the audit entry that records an export. */
export function describeAuditFilter(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(auditFilterQuery(filter));
}
