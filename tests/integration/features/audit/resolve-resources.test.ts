// Audit entries read with names beside their ids and links to where the resource lives: a flow, a conversation (by
// its customer), an escalation, a member, an API key, tool calls the engine wrote; a deleted resource keeps its id and
// recorded name without a link, and another workspace's rows are never named.
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { listAuditEntries } from "@/lib/features/audit/list-audit-entries";
import { resolveAuditResources, type ResolvedResource } from "@/lib/features/audit/resolve-resources";
import { db } from "@/lib/platform/db/client";
import { seedWorkspace } from "@/tests/support/factories";

let ws: string;
let resolved: Map<string, ResolvedResource>;
let byAction: (action: string) => ResolvedResource;
const ids = { flow: "", conversation: "", escalation: "", user: "", apiKey: "", otherFlow: "" };

beforeAll(async () => {
  const seeded = await seedWorkspace();
  ws = seeded.workspace.id;
  ids.user = seeded.user.id;
  const graph = { nodes: [], edges: [] };
  const flow = await db().flow.create({
    data: { workspaceId: ws, slug: "refunds", name: "Refunds desk", draft: graph },
  });
  ids.flow = flow.id;
  const version = await db().flowVersion.create({ data: { flowId: flow.id, number: 3, graph } });
  const customer = await db().customer.create({
    data: { workspaceId: ws, ref: "C-9", name: "Ada Lovelace", email: "ada@example.test" },
  });
  const conversation = await db().conversation.create({
    data: { workspaceId: ws, flowId: flow.id, flowVersionId: version.id, channel: "web", customerId: customer.id },
  });
  ids.conversation = conversation.id;
  const escalation = await db().escalation.create({
    data: {
      workspaceId: ws,
      conversationId: conversation.id,
      status: "open",
      reason: "wants a refund",
      slaDueAt: new Date(Date.now() + 900_000),
    },
  });
  ids.escalation = escalation.id;
  const key = await db().apiKey.create({
    data: { workspaceId: ws, name: "Zendesk bridge", prefix: "sb_live_zz", hash: `h-${Date.now()}` },
  });
  ids.apiKey = key.id;
  const other = await seedWorkspace();
  ids.otherFlow = (
    await db().flow.create({
      data: { workspaceId: other.workspace.id, slug: "secret", name: "Not yours", draft: graph },
    })
  ).id;

  const user = { type: "user" as const, id: ids.user, label: "admin@example.test" };
  const engine = { type: "agent" as const, id: conversation.id, label: "Refunds agent" };
  const entries = [
    { actor: user, action: "flow.updated", resourceType: "flow" as const, resourceId: ids.flow },
    { actor: user, action: "flow_version.published", resourceType: "flow_version" as const, resourceId: version.id },
    { actor: engine, action: "tool.called", resourceType: "tool_call" as const, resourceId: "span-1" },
    { actor: engine, action: "escalation.created", resourceType: "escalation" as const, resourceId: ids.escalation },
    { actor: user, action: "member.role_changed", resourceType: "membership" as const, resourceId: ids.user },
    { actor: user, action: "api_key.created", resourceType: "api_key" as const, resourceId: ids.apiKey },
    {
      actor: user,
      action: "conversation.resolved",
      resourceType: "conversation" as const,
      resourceId: ids.conversation,
    },
    {
      actor: user,
      action: "flow.deleted",
      resourceType: "flow" as const,
      resourceId: "flow-gone",
      before: { name: "Old returns flow" },
    },
    {
      actor: user,
      action: "conversation.erased",
      resourceType: "conversation" as const,
      resourceId: "conversation-gone",
    },
    { actor: user, action: "flow.peeked", resourceType: "flow" as const, resourceId: ids.otherFlow },
  ];
  for (const e of entries) await auditLog({ workspaceId: ws, ...e });
  const { rows } = await listAuditEntries({ workspaceId: ws });
  resolved = await resolveAuditResources(ws, rows);
  byAction = (action) => resolved.get(rows.find((r) => r.action === action)!.id)!;
});

describe("audit names and links", () => {
  it("names a flow and a version and links to them", () => {
    expect(byAction("flow.updated")).toEqual({
      name: "Refunds desk",
      deleted: false,
      links: [{ label: "Refunds desk", href: `/flows/${ids.flow}`, testId: "audit-link-flow" }],
    });
    expect(byAction("flow_version.published")).toMatchObject({
      name: "Refunds desk v3",
      links: [{ href: `/flows/${ids.flow}/history` }],
    });
  });

  it("links a tool call the engine wrote to its conversation, named by its customer", () => {
    expect(byAction("tool.called").links).toEqual([
      {
        label: `Conversation with Ada Lovelace · ${ids.conversation.slice(-8)}`,
        href: `/conversations/${ids.conversation}`,
        testId: "audit-link-conversation",
      },
    ]);
  });

  it("links an escalation to its inbox page and its conversation", () => {
    const r = byAction("escalation.created");
    expect(r.name).toBe("Escalation: wants a refund");
    expect(r.links.map((l) => l.href)).toEqual([`/inbox/${ids.escalation}`, `/conversations/${ids.conversation}`]);
  });

  it("names a member by name and e-mail and an API key by its name", async () => {
    const user = await db().user.findUniqueOrThrow({ where: { id: ids.user } });
    expect(byAction("member.role_changed")).toMatchObject({
      name: `${user.name} <${user.email}>`,
      links: [{ href: "/settings#members-heading" }],
    });
    expect(byAction("api_key.created")).toMatchObject({ name: "Zendesk bridge", deleted: false });
  });

  it("names a conversation by its customer and links to it", () => {
    expect(byAction("conversation.resolved")).toMatchObject({
      name: "Conversation with Ada Lovelace",
      links: [{ href: `/conversations/${ids.conversation}` }],
    });
  });

  it("keeps a deleted resource readable, with its recorded name and no link", () => {
    expect(byAction("flow.deleted")).toEqual({ name: "Old returns flow", deleted: true, links: [] });
    expect(byAction("conversation.erased")).toEqual({ name: null, deleted: true, links: [] });
  });

  it("never names another workspace's resource", () => {
    expect(byAction("flow.peeked")).toEqual({ name: null, deleted: true, links: [] });
  });
});
