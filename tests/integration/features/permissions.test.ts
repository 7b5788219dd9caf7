// Who may do what, end to end through the server actions and loaders (session mocked; the rest is real: defineAction,
// zod, the engine's commands, Postgres): an operator cannot edit or publish flows, an auditor cannot act on
// conversations, and nobody sees or touches another workspace's data — Live's stream included.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const flowActions = await import("@/lib/features/flows/actions");
const draftActions = await import("@/lib/features/flows/draft-actions");
const inbox = await import("@/lib/features/inbox/actions");
const { GET: liveRoute } = await import("@/app/api/console/live/route");
const { db } = await import("@/lib/platform/db/client");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { liveListener } = await import("@/lib/runtime/engine/live/live-listener");
const { listConversations, loadConversationRows } = await import("@/lib/features/live/list-conversations");
const { listEscalations } = await import("@/lib/features/inbox/list-escalations");
const { getEscalation } = await import("@/lib/features/inbox/get-escalation");
const { listAuditEntries } = await import("@/lib/features/audit/list-audit-entries");
const { listCustomers } = await import("@/lib/features/customers/list-customers");
const { getCustomerMemory } = await import("@/lib/features/customers/get-customer-memory");
const { getConversationTrace } = await import("@/lib/features/conversations/get-conversation-trace");
const { listPendingApprovals } = await import("@/lib/features/inbox/list-approvals");
const { exportFlowFile } = await import("@/lib/features/flows/export-flow");
const { seedUser } = await import("@/tests/support/factories");
const { publishedFlow, sendTurn } = await import("@/tests/support/engine");
type FlowGraphInput = import("@/lib/model/flow/schema").FlowGraphInput;

// Asking for a person escalates; anything else is answered by an agent and stays active.
const FLOW: FlowGraphInput = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: { greeting: "Hi." } },
    {
      id: "route",
      kind: "router",
      label: "Router",
      position: { x: 100, y: 0 },
      config: {
        strategy: "rules",
        routes: [
          { id: "person", label: "Person", rule: 'text ~= "human"' },
          { id: "bot", label: "Bot", rule: 'not (text ~= "human")' },
        ],
      },
    },
    { id: "helper", kind: "agent", label: "Helper", position: { x: 200, y: 0 }, config: { reply: "Happy to help." } },
    {
      id: "human",
      kind: "escalate",
      label: "Human",
      position: { x: 200, y: 200 },
      config: { reason: "Customer asked for a person", message: "A colleague will take it from here." },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "route" },
    { id: "e2", source: "route", sourceHandle: "bot", target: "helper" },
    { id: "e3", source: "route", sourceHandle: "person", target: "human" },
  ],
};

type Setup = Awaited<ReturnType<typeof publishedFlow>>;

async function memberOf(setup: Setup, role: Role): Promise<Member> {
  const user = await seedUser({ workspaceId: setup.workspace.id, role });
  const ws = setup.workspace;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    workspaceName: ws.name,
    role,
  };
}

/** One of each thing a workspace holds: an active conversation, an escalated one, a pending approval, a customer. */
async function populate(setup: Setup) {
  const ws = setup.workspace.id;
  const customer = await db().customer.create({
    data: {
      workspaceId: ws,
      ref: `C-${setup.flow.slug}`,
      name: `Customer of ${setup.flow.slug}`,
      email: `${setup.flow.slug}@example.test`,
    },
  });
  const active = await startConversation({
    workspaceId: ws,
    flowSlug: setup.flow.slug,
    channel: "web",
    customerId: customer.id,
  });
  await sendTurn({ workspaceId: ws, conversationId: active.id, text: "where is my parcel" });
  const escalated = await startConversation({
    workspaceId: ws,
    flowSlug: setup.flow.slug,
    channel: "web",
    customerId: customer.id,
  });
  await sendTurn({ workspaceId: ws, conversationId: escalated.id, text: "a human please" });
  const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: escalated.id } });
  const approval = await db().approval.create({
    data: {
      workspaceId: ws,
      conversationId: active.id,
      nodeId: "helper",
      stepId: `${active.id}:x`,
      tool: "refund_order",
      input: {},
      field: "amount",
      amount: 150,
      threshold: 100,
      approverRole: "operator",
      reason: "Refund over $100",
    },
  });
  const flow = await db().flow.findUniqueOrThrow({ where: { id: setup.flow.id } });
  return { customer, active, escalated, escalation, approval, flow };
}

const a = await publishedFlow(FLOW, "perm-a");
const b = await publishedFlow(FLOW, "perm-b");
const dataA = await populate(a);
const dataB = await populate(b);
const operatorA = await memberOf(a, "operator");
const auditorA = await memberOf(a, "auditor");
const adminA = await memberOf(a, "admin");

beforeEach(() => {
  signInAs(null);
});
afterAll(() => {
  signInAs(null);
});

const eventCount = (conversationId: string) => db().conversationEvent.count({ where: { conversationId } });
const refused = (code: string) => expect.objectContaining({ ok: false, code });

describe("an operator", () => {
  it("cannot create, import, edit, publish or roll back flows", async () => {
    signInAs(operatorA);
    const flow = dataA.flow;
    const flowsBefore = await db().flow.count({ where: { workspaceId: a.workspace.id } });
    const auditBefore = await db().auditLog.count({
      where: { workspaceId: a.workspace.id, action: { startsWith: "flow." } },
    });

    expect(await flowActions.createFlowAction({ name: "Sneaky", slug: "sneaky", description: "" })).toEqual(
      refused("FORBIDDEN"),
    );
    const file = await exportFlowFile({ workspaceId: a.workspace.id, flowId: flow.id });
    expect(await flowActions.importFlowAction({ text: JSON.stringify(file.file), mode: "new" })).toEqual(
      refused("FORBIDDEN"),
    );
    expect(
      await flowActions.importFlowAction({ text: JSON.stringify(file.file), mode: "replace_draft", flowId: flow.id }),
    ).toEqual(refused("FORBIDDEN"));
    expect(
      await draftActions.saveDraftAction({
        flowId: flow.id,
        baseRevision: flow.draftRevision,
        graph: flow.draft as never,
      }),
    ).toEqual(refused("FORBIDDEN"));
    expect(
      await draftActions.publishFlowAction({ flowId: flow.id, baseRevision: flow.draftRevision, note: "mine now" }),
    ).toEqual(refused("FORBIDDEN"));
    expect(await draftActions.rollbackFlowAction({ flowId: flow.id, versionNumber: 1, note: "back" })).toEqual(
      refused("FORBIDDEN"),
    );

    const after = await db().flow.findUniqueOrThrow({ where: { id: flow.id } });
    expect(after.draftRevision).toBe(flow.draftRevision);
    expect(after.publishedVersionId).toBe(flow.publishedVersionId);
    expect(await db().flow.count({ where: { workspaceId: a.workspace.id } })).toBe(flowsBefore);
    expect(await db().auditLog.count({ where: { workspaceId: a.workspace.id, action: { startsWith: "flow." } } })).toBe(
      auditBefore,
    );
  });

  it("can act on conversations (the control: the refusals above are about flows, not operators)", async () => {
    signInAs(operatorA);
    const conversation = await startConversation({
      workspaceId: a.workspace.id,
      flowSlug: a.flow.slug,
      channel: "web",
    });
    expect(await inbox.takeOverAction({ conversationId: conversation.id })).toMatchObject({ ok: true });
  });
});

describe("an auditor", () => {
  it("cannot take over, claim, reply, resolve, hand back or decide approvals", async () => {
    signInAs(auditorA);
    const { active, escalated, escalation, approval } = dataA;
    const before = [await eventCount(active.id), await eventCount(escalated.id)];

    expect(await inbox.takeOverAction({ conversationId: active.id })).toEqual(refused("FORBIDDEN"));
    expect(await inbox.claimEscalationAction({ escalationId: escalation.id })).toEqual(refused("FORBIDDEN"));
    expect(await inbox.replyToCustomerAction({ conversationId: escalated.id, text: "Hello from the auditor" })).toEqual(
      refused("FORBIDDEN"),
    );
    expect(await inbox.resolveConversationAction({ conversationId: escalated.id, note: "" })).toEqual(
      refused("FORBIDDEN"),
    );
    expect(await inbox.handBackAction({ conversationId: escalated.id, nodeId: "helper" })).toEqual(
      refused("FORBIDDEN"),
    );
    expect(await inbox.decideApprovalAction({ approvalId: approval.id, approved: true, note: "" })).toEqual(
      refused("FORBIDDEN"),
    );

    expect([await eventCount(active.id), await eventCount(escalated.id)]).toEqual(before);
    expect(await db().conversation.findUniqueOrThrow({ where: { id: active.id } })).toMatchObject({ status: "active" });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "open",
      assigneeId: null,
    });
    expect(await db().approval.findUniqueOrThrow({ where: { id: approval.id } })).toMatchObject({ status: "pending" });
  });

  it("can still read what it audits (the Live list, the stream)", async () => {
    signInAs(auditorA);
    const response = await liveRoute(
      new Request("http://localhost/api/console/live", { signal: AbortSignal.timeout(2000) }),
    );
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});

describe("another workspace's data", () => {
  const idsOfB = () => [
    dataB.active.id,
    dataB.escalated.id,
    dataB.escalation.id,
    dataB.approval.id,
    dataB.customer.id,
    b.flow.id,
  ];
  const mentionsB = (value: unknown) => {
    const text = JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    return idsOfB().filter((id) => text.includes(id));
  };

  it("never comes back from workspace A's loaders", async () => {
    const ws = a.workspace.id;
    const results = {
      conversations: await listConversations({ workspaceId: ws }),
      rows: await loadConversationRows({ workspaceId: ws, ids: [dataB.active.id, dataB.escalated.id] }),
      escalations: await listEscalations({ workspaceId: ws }),
      escalation: await getEscalation(ws, dataB.escalation.id),
      audit: await listAuditEntries({ workspaceId: ws }),
      customers: await listCustomers({ workspaceId: ws }),
      customer: await getCustomerMemory({ workspaceId: ws, customerId: dataB.customer.id }),
      trace: await getConversationTrace(ws, dataB.active.id),
      approvals: await listPendingApprovals(ws),
    };
    expect(results.rows).toEqual([]);
    expect(results.escalation).toBeNull();
    expect(results.customer).toBeNull();
    expect(results.trace).toBeNull();
    expect(mentionsB(results)).toEqual([]);
    // The control: the same loaders do return A's own data.
    expect(results.conversations.rows.map((r) => r.id)).toContain(dataA.active.id);
    expect(mentionsB(await listConversations({ workspaceId: b.workspace.id }))).toContain(dataB.active.id);
  });

  it("is not found by workspace A's actions, and nothing changes", async () => {
    signInAs(adminA);
    const { active, escalated, escalation, approval } = dataB;
    const before = [await eventCount(active.id), await eventCount(escalated.id)];
    expect(await inbox.takeOverAction({ conversationId: active.id })).toEqual(refused("NOT_FOUND"));
    expect(await inbox.claimEscalationAction({ escalationId: escalation.id })).toEqual(refused("NOT_FOUND"));
    expect(await inbox.replyToCustomerAction({ conversationId: escalated.id, text: "Wrong workspace" })).toEqual(
      refused("NOT_FOUND"),
    );
    expect(await inbox.resolveConversationAction({ conversationId: escalated.id, note: "" })).toEqual(
      refused("NOT_FOUND"),
    );
    expect(await inbox.handBackAction({ conversationId: escalated.id, nodeId: "helper" })).toEqual(
      refused("NOT_FOUND"),
    );
    expect(await inbox.decideApprovalAction({ approvalId: approval.id, approved: true, note: "" })).toEqual(
      refused("NOT_FOUND"),
    );
    const flow = dataB.flow;
    expect(
      await draftActions.saveDraftAction({
        flowId: flow.id,
        baseRevision: flow.draftRevision,
        graph: flow.draft as never,
      }),
    ).toEqual(refused("NOT_FOUND"));
    expect(
      await draftActions.publishFlowAction({ flowId: flow.id, baseRevision: flow.draftRevision, note: "x" }),
    ).toEqual(refused("NOT_FOUND"));

    expect([await eventCount(active.id), await eventCount(escalated.id)]).toEqual(before);
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "open",
      assigneeId: null,
    });
    expect(await db().approval.findUniqueOrThrow({ where: { id: approval.id } })).toMatchObject({ status: "pending" });
    expect(await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).toMatchObject({
      draftRevision: flow.draftRevision,
    });
  });

  it("is never sent on workspace A's live stream, while A's own changes are", async () => {
    signInAs(operatorA);
    await liveListener().ready();
    const abort = new AbortController();
    const response = await liveRoute(new Request("http://localhost/api/console/live", { signal: abort.signal }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    let text = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();

    const mine = await startConversation({ workspaceId: a.workspace.id, flowSlug: a.flow.slug, channel: "web" });
    await sendTurn({ workspaceId: b.workspace.id, conversationId: dataB.active.id, text: "B again" });
    await sendTurn({ workspaceId: a.workspace.id, conversationId: mine.id, text: "A again" });
    const deadline = Date.now() + 20_000;
    while (!text.includes("A again") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    abort.abort();
    await pump;
    expect(text).toContain("A again");
    expect(text).not.toContain("B again");
    expect(mentionsB(text)).toEqual([]);
  });

  it("refuses the stream without a session", async () => {
    const response = await liveRoute(new Request("http://localhost/api/console/live"));
    expect(response.status).toBe(401);
  });
});
