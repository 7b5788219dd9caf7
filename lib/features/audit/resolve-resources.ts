// Names and links for a page of audit entries: the resource's name beside its id (a flow's name, a conversation's
// customer, a member's name and e-mail, an API key's name…), a link to the page where it can be looked at, and the
// conversation an entry belongs to (tool calls, escalations, routing decisions and everything the engine wrote).
// One query per kind of resource for the whole page, each scoped to the workspace, so a page of 50 entries costs the
// same dozen queries whatever it holds. A resource that no longer exists keeps its id and, when the entry recorded
// it, its old name; it gets no link.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { pickConversationId, resourceRefs, type AuditRef } from "./resource-refs";

export type AuditLink = { label: string; href: string; testId: string };

export type ResolvedResource = {
  /** The resource's name now, or as the entry recorded it when it is gone; null when there is none to show. */
  name: string | null;
  /** The resource was looked for and no longer exists. */
  deleted: boolean;
  /** The resource's own page, then the conversation it belongs to when that is another page. */
  links: AuditLink[];
};

type EntryLike = {
  id: string;
  actorType: string;
  actorId: string | null;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

const shortId = (id: string) => id.slice(-8);

const inList = (refs: AuditRef[], kind: AuditRef["kind"]) => [
  ...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id)),
];

async function byId<T extends { id: string }>(ids: string[], load: (ids: string[]) => Promise<T[]>) {
  return new Map((ids.length ? await load(ids) : []).map((row) => [row.id, row]));
}

/** The names and links of every entry of a page, keyed by entry id. */
export async function resolveAuditResources(
  workspaceId: string,
  entries: EntryLike[],
): Promise<Map<string, ResolvedResource>> {
  const refs = entries.flatMap((e) => resourceRefs(e));
  const ids = (kind: AuditRef["kind"]) => inList(refs, kind);
  const ws = { workspaceId };

  // First what leads to conversations (escalations, approvals), then the conversations with their customers.
  const [escalations, approvals] = await Promise.all([
    byId(ids("escalation"), (id) =>
      db().escalation.findMany({
        where: { ...ws, id: { in: id } },
        select: { id: true, conversationId: true, reason: true },
      }),
    ),
    byId(ids("approval"), (id) =>
      db().approval.findMany({
        where: { ...ws, id: { in: id } },
        select: { id: true, conversationId: true, tool: true },
      }),
    ),
  ]);
  const conversationOf = (e: EntryLike) =>
    pickConversationId(e) ??
    (e.resourceType === "escalation" && e.resourceId ? escalations.get(e.resourceId)?.conversationId : undefined) ??
    (e.resourceType === "tool_call" && e.resourceId ? approvals.get(e.resourceId)?.conversationId : undefined) ??
    null;
  const conversationIds = [...new Set(entries.map(conversationOf).filter((id): id is string => id !== null))];

  const [
    conversations,
    flows,
    versions,
    users,
    invitations,
    apiKeys,
    suites,
    runs,
    cases,
    endpoints,
    deliveries,
    canned,
    providers,
    secrets,
    customers,
  ] = await Promise.all([
    byId(conversationIds, (id) =>
      db().conversation.findMany({
        where: { ...ws, id: { in: id } },
        select: { id: true, customer: { select: { name: true } } },
      }),
    ),
    byId(ids("flow"), (id) =>
      db().flow.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, name: true } }),
    ),
    byId(ids("flow_version"), (id) =>
      db().flowVersion.findMany({
        where: { id: { in: id }, flow: ws },
        select: { id: true, number: true, kind: true, flowId: true, flow: { select: { name: true } } },
      }),
    ),
    // Members of this workspace (past members keep their entries: their names come from the user row).
    byId(ids("user"), (id) =>
      db().user.findMany({
        where: { id: { in: id } },
        select: { id: true, name: true, email: true, memberships: { where: ws, select: { role: true } } },
      }),
    ),
    byId(ids("invitation"), (id) =>
      db().invitation.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, email: true } }),
    ),
    byId(ids("api_key"), (id) =>
      db().apiKey.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, name: true } }),
    ),
    byId(ids("eval_suite"), (id) =>
      db().evalSuite.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, name: true } }),
    ),
    byId(ids("eval_run"), (id) =>
      db().evalRun.findMany({
        where: { ...ws, id: { in: id } },
        select: { id: true, suite: { select: { name: true } } },
      }),
    ),
    byId(ids("eval_case"), (id) =>
      db().evalCase.findMany({
        where: { id: { in: id }, suite: ws },
        select: { id: true, name: true, suiteId: true },
      }),
    ),
    byId(ids("webhook_endpoint"), (id) =>
      db().webhookEndpoint.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, name: true } }),
    ),
    byId(ids("webhook_delivery"), (id) =>
      db().webhookDelivery.findMany({
        where: { ...ws, id: { in: id } },
        select: { id: true, endpointId: true, endpoint: { select: { name: true } } },
      }),
    ),
    byId(ids("canned_reply"), (id) =>
      db().cannedReply.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, title: true } }),
    ),
    byId(ids("model_provider"), (id) =>
      db().modelProvider.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, name: true } }),
    ),
    byId(ids("secret"), (id) =>
      db().workspaceSecret.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, name: true } }),
    ),
    byId(ids("customer"), (id) =>
      db().customer.findMany({ where: { ...ws, id: { in: id } }, select: { id: true, name: true } }),
    ),
  ]);

  const conversationLink = (id: string): AuditLink | null => {
    const c = conversations.get(id);
    if (!c) return null;
    return {
      label: `Conversation with ${c.customer?.name ?? "an anonymous visitor"} · ${shortId(id)}`,
      href: `/conversations/${id}`,
      testId: "audit-link-conversation",
    };
  };

  const out = new Map<string, ResolvedResource>();
  for (const e of entries) {
    const recorded = recordedName(e);
    const found = (name: string | null | undefined, link: AuditLink | null): ResolvedResource =>
      name === undefined
        ? { name: recorded, deleted: true, links: [] }
        : { name: name ?? recorded, deleted: false, links: link ? [link] : [] };
    const id = e.resourceId;
    const link = (label: string, href: string, kind: string): AuditLink => ({
      label,
      href,
      testId: `audit-link-${kind}`,
    });
    let resolved: ResolvedResource = { name: recorded, deleted: false, links: [] };
    if (id) {
      switch (e.resourceType) {
        case "conversation":
        case "routing_decision": {
          const c = conversations.get(id);
          resolved = found(c ? `Conversation with ${c.customer?.name ?? "an anonymous visitor"}` : undefined, null);
          break;
        }
        case "flow": {
          const f = flows.get(id);
          resolved = found(f?.name, f ? link(f.name, `/flows/${id}`, "flow") : null);
          break;
        }
        case "flow_version": {
          const v = versions.get(id);
          const name = v ? `${v.flow.name} ${v.kind === "published" ? `v${v.number}` : v.kind}` : undefined;
          resolved = found(name, v ? link(name!, `/flows/${v.flowId}/history`, "flow") : null);
          break;
        }
        case "escalation": {
          const x = escalations.get(id);
          resolved = found(
            x ? `Escalation: ${x.reason}` : undefined,
            x ? link("Escalation", `/inbox/${id}`, "escalation") : null,
          );
          break;
        }
        case "tool_call": {
          const a = approvals.get(id);
          resolved = { name: a ? `Approval of ${a.tool}` : recorded, deleted: false, links: [] };
          break;
        }
        case "membership":
        case "user":
        case "session": {
          const u = users.get(id);
          const name = u ? `${u.name} <${u.email}>` : undefined;
          const member = u && u.memberships.length > 0;
          resolved = found(name, member ? link(u!.name, "/settings#members-heading", "member") : null);
          break;
        }
        case "invitation": {
          const i = invitations.get(id);
          resolved = found(i?.email, i ? link("Invitations", "/settings#invitations-heading", "member") : null);
          break;
        }
        case "api_key": {
          const k = apiKeys.get(id);
          resolved = found(k?.name, k ? link("API keys", "/settings#api-keys-heading", "api-key") : null);
          break;
        }
        case "eval_suite": {
          const s = suites.get(id);
          resolved = found(s?.name, s ? link(s.name, `/evals/${id}`, "eval") : null);
          break;
        }
        case "eval_run": {
          const r = runs.get(id);
          resolved = found(
            r ? `Run of ${r.suite.name}` : undefined,
            r ? link("Evaluation run", `/evals/runs/${id}`, "eval") : null,
          );
          break;
        }
        case "eval_case": {
          const c = cases.get(id);
          resolved = found(c?.name, c ? link("Its suite", `/evals/${c.suiteId}`, "eval") : null);
          break;
        }
        case "webhook_endpoint": {
          const w = endpoints.get(id);
          resolved = found(w?.name, w ? link(w.name, `/settings/webhooks/${id}`, "webhook") : null);
          break;
        }
        case "webhook_delivery": {
          const d = deliveries.get(id);
          resolved = found(
            d ? `Delivery to ${d.endpoint.name}` : undefined,
            d ? link(d.endpoint.name, `/settings/webhooks/${d.endpointId}`, "webhook") : null,
          );
          break;
        }
        case "canned_reply": {
          const c = canned.get(id);
          resolved = found(c?.title, c ? link("Canned replies", "/inbox/canned", "canned") : null);
          break;
        }
        case "model_provider": {
          const p = providers.get(id);
          resolved = found(
            p?.name,
            p ? link("Model providers", "/settings#model-providers-heading", "settings") : null,
          );
          break;
        }
        case "secret": {
          const s = secrets.get(id);
          resolved = found(
            s?.name,
            s ? link("Model providers", "/settings#model-providers-heading", "settings") : null,
          );
          break;
        }
        case "customer_memory": {
          const c = customers.get(id);
          resolved = found(
            c ? `Memory of ${c.name}` : undefined,
            c ? link(c.name, `/customers/${id}`, "customer") : null,
          );
          break;
        }
      }
    }
    const conversationId = conversationOf(e);
    const toConversation = conversationId ? conversationLink(conversationId) : null;
    if (toConversation) resolved = { ...resolved, links: [...resolved.links, toConversation] };
    out.set(e.id, resolved);
  }
  return out;
}

/** A name the entry itself recorded (before a deletion, after a creation), for resources that are gone. */
function recordedName(e: EntryLike): string | null {
  for (const side of [e.before, e.after]) {
    if (!side || typeof side !== "object") continue;
    const o = side as Record<string, unknown>;
    for (const key of ["name", "title", "email"]) if (typeof o[key] === "string" && o[key]) return o[key] as string;
  }
  return null;
}
