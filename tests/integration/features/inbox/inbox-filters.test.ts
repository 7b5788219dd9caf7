// The Inbox queue's filters against Postgres: flow, reason, priority, skill, SLA breached, status, mine/unassigned,
// each alone and combined, always inside the workspace; and the values the filter bar offers.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { listEscalationFacets, listEscalations } from "@/lib/features/inbox/list-escalations";
import type { InboxFilters } from "@/lib/features/inbox/inbox-filters";
import { publishedFlow, TICKET_FLOW } from "@/tests/support/engine";
import { seedUser } from "@/tests/support/factories";

const { workspace, flow: support } = await publishedFlow(TICKET_FLOW, "support");
const { flow: sales } = await publishedFlow(TICKET_FLOW, "sales", { workspaceId: workspace.id });
const me = await seedUser({ workspaceId: workspace.id, role: "operator" });
const colleague = await seedUser({ workspaceId: workspace.id, role: "operator" });
const now = new Date();
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

async function escalation(
  name: string,
  options: {
    flowId?: string;
    reason?: string;
    priority?: number;
    skills?: string[];
    due?: number;
    status?: "open" | "claimed" | "resolved";
    assigneeId?: string;
    breachedAt?: Date;
    channel?: string;
  },
) {
  const flow = await db().flow.findUniqueOrThrow({ where: { id: options.flowId ?? support.id } });
  const conversation = await db().conversation.create({
    data: {
      workspaceId: workspace.id,
      flowId: flow.id,
      flowVersionId: flow.publishedVersionId!,
      status: "escalated",
      channel: options.channel ?? "web",
    },
  });
  const row = await db().escalation.create({
    data: {
      workspaceId: workspace.id,
      conversationId: conversation.id,
      reason: options.reason ?? "Customer asked for a person",
      priority: options.priority ?? 2,
      skills: options.skills ?? [],
      slaDueAt: minutes(options.due ?? 15),
      status: options.status ?? "open",
      assigneeId: options.assigneeId ?? null,
      resolvedAt: options.status === "resolved" ? now : null,
      slaBreachedAt: options.breachedAt ?? null,
    },
  });
  return [name, row.id] as const;
}

const ids = new Map([
  await escalation("plain", {}),
  await escalation("urgentBilling", { reason: "Billing dispute", priority: 1, skills: ["billing", "spanish"] }),
  await escalation("overdue", { due: -5 }),
  await escalation("mine", { status: "claimed", assigneeId: me.id, flowId: sales.id }),
  await escalation("theirs", { status: "claimed", assigneeId: colleague.id, skills: ["billing"] }),
  await escalation("resolvedLate", {
    status: "resolved",
    due: -30,
    breachedAt: minutes(-30),
    reason: "Billing dispute",
  }),
  await escalation("testRun", { channel: "test", reason: "Only in a test" }),
]);
const nameOf = new Map([...ids].map(([name, id]) => [id, name]));

async function names(filters: InboxFilters) {
  const { pending, resolved } = await listEscalations({ workspaceId: workspace.id, viewerId: me.id, now, ...filters });
  return [...pending, ...resolved].map((r) => nameOf.get(r.id)).sort();
}

describe("listEscalations filters", () => {
  it("filters by each field alone", async () => {
    expect(await names({})).toEqual(["mine", "overdue", "plain", "resolvedLate", "theirs", "urgentBilling"]);
    expect(await names({ flow: "sales" })).toEqual(["mine"]);
    expect(await names({ reason: "Billing dispute" })).toEqual(["resolvedLate", "urgentBilling"]);
    expect(await names({ priority: 1 })).toEqual(["urgentBilling"]);
    expect(await names({ skill: "billing" })).toEqual(["theirs", "urgentBilling"]);
    expect(await names({ breached: true })).toEqual(["overdue", "resolvedLate"]);
    expect(await names({ status: "claimed" })).toEqual(["mine", "theirs"]);
    expect(await names({ status: "resolved" })).toEqual(["resolvedLate"]);
    expect(await names({ owner: "mine" })).toEqual(["mine"]);
    expect(await names({ owner: "unassigned" })).toEqual(["overdue", "plain", "resolvedLate", "urgentBilling"]);
  });

  it("combines filters, puts the most urgent first, and stays in the workspace", async () => {
    expect(await names({ skill: "billing", owner: "unassigned" })).toEqual(["urgentBilling"]);
    expect(await names({ reason: "Billing dispute", breached: true, status: "open" })).toEqual([]);
    const { pending } = await listEscalations({ workspaceId: workspace.id, viewerId: me.id, now });
    expect(nameOf.get(pending[0].id)).toBe("urgentBilling");
    expect(pending[0]).toMatchObject({ skills: ["billing", "spanish"], conversation: { flowSlug: "support" } });
    const other = await publishedFlow(TICKET_FLOW, "elsewhere");
    expect((await listEscalations({ workspaceId: other.workspace.id })).pending).toEqual([]);
    // "Mine" with nobody signed in matches nothing rather than everything.
    expect((await listEscalations({ workspaceId: workspace.id, owner: "mine" })).pending).toEqual([]);
  });

  it("offers the flows, reasons and skills that occur, without test runs", async () => {
    expect(await listEscalationFacets(workspace.id)).toEqual({
      flows: [
        { slug: "sales", name: "sales" },
        { slug: "support", name: "support" },
      ],
      reasons: ["Billing dispute", "Customer asked for a person"],
      skills: ["billing", "spanish"],
    });
  });
});
