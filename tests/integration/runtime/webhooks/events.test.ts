// The seven events, emitted in the transaction of their change and delivered to a real receiver: a conversation
// escalates, an operator claims it and resolves it (escalation.resolved + conversation.resolved by a person), a flow
// ends a conversation itself, a refund waits for approval, an escalation is assigned; and a subscription only gets
// the events it asked for.
import { afterAll, describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Role } from "@/lib/model/permissions";
import { db, type Tx } from "@/lib/platform/db/client";
import {
  assignEscalation,
  claimEscalation,
  handBackToFlow,
  resolveConversation,
  takeOverConversation,
} from "@/lib/runtime/engine/commands/operator-commands";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { WEBHOOK_EVENTS } from "@/lib/runtime/webhooks/event-types";
import { seedUser, seedWorkspace } from "@/tests/support/factories";
import { publishedFlow, sendTurn, waitFor } from "@/tests/support/engine";
import { startWebhookReceiver, type ReceivedWebhook } from "@/tests/support/webhook-receiver";
import { makeEndpoint } from "@/tests/support/webhooks";

const FLOW: FlowGraphInput = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
    {
      id: "route",
      kind: "router",
      label: "Router",
      position: { x: 100, y: 0 },
      config: {
        strategy: "rules",
        routes: [
          { id: "person", label: "Person", rule: 'text ~= "human"' },
          { id: "bye", label: "Bye", rule: 'text ~= "bye"' },
          { id: "refund", label: "Refund", rule: 'not (text ~= "human") and not (text ~= "bye")' },
        ],
      },
    },
    {
      id: "human",
      kind: "escalate",
      label: "Human",
      position: { x: 200, y: 200 },
      config: {
        reason: "Customer asked for a person",
        queue: "billing",
        priority: 1,
        message: "A colleague will take it from here.",
      },
    },
    { id: "end", kind: "end", label: "End", position: { x: 200, y: 100 }, config: { outcome: "resolved" } },
    {
      id: "collect",
      kind: "agent",
      label: "Refund agent",
      position: { x: 200, y: 0 },
      config: { slots: [{ name: "amount", kind: "amount", prompt: "How much should I refund?" }], reply: "" },
    },
    {
      id: "check",
      kind: "approval",
      label: "Refund check",
      position: { x: 400, y: 0 },
      config: {
        field: "amount",
        threshold: 100,
        approverRole: "operator",
        message: "A colleague needs to approve refunds over $100.",
      },
    },
    { id: "ok", kind: "response", label: "Ok", position: { x: 600, y: 0 }, config: { template: "Done." } },
  ],
  edges: [
    { id: "e0", source: "start", target: "route" },
    { id: "e1", source: "route", sourceHandle: "person", target: "human" },
    { id: "e2", source: "route", sourceHandle: "bye", target: "end" },
    { id: "e3", source: "route", sourceHandle: "refund", target: "collect" },
    { id: "e4", source: "collect", target: "check" },
    { id: "e5", source: "check", sourceHandle: "approved", target: "ok" },
    { id: "e6", source: "check", sourceHandle: "rejected", target: "ok" },
  ],
};

const { workspace, flow } = await publishedFlow(FLOW, "webhook-events");
const hook = await startWebhookReceiver();
const { endpoint: all, secret } = await makeEndpoint(workspace.id, { url: hook.url, events: [...WEBHOOK_EVENTS] });
hook.setSecret(secret);
afterAll(() => hook.close());

async function member(role: Role): Promise<Member> {
  const user = await seedUser({ workspaceId: workspace.id, role });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    role,
  };
}
const inTx = <T>(fn: (tx: Tx) => Promise<T>) => db().$transaction(fn, { timeout: 20_000 });
const say = (conversationId: string, text: string) => sendTurn({ workspaceId: workspace.id, conversationId, text });

/** Waits until the receiver has verified events of `conversationId` for each of `types`, and returns them in order. */
async function eventsOf(conversationId: string, types: string[]): Promise<ReceivedWebhook[]> {
  const mine = () => hook.accepted().filter((r) => r.body?.data.conversationId === conversationId);
  await waitFor(
    async () => types.every((t) => mine().some((r) => r.body?.type === t)),
    30_000,
    `${types.join(", ")} for ${conversationId}`,
  );
  return mine();
}

describe("webhook events", () => {
  it("reports an escalation, its claim and its resolution, and the conversation resolved by a person", async () => {
    const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    await say(conversation.id, "I want a human");
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
    const operator = await member("operator");
    await inTx((tx) => claimEscalation(tx, operator, { escalationId: escalation.id }));
    await inTx((tx) => resolveConversation(tx, operator, { conversationId: conversation.id, note: "Sorted." }));
    await waitFor(
      async () => (await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status === "resolved",
      30_000,
      "resolved",
    );

    const types = [
      "conversation.started",
      "conversation.escalated",
      "escalation.claimed",
      "escalation.resolved",
      "conversation.resolved",
    ];
    const got = await eventsOf(conversation.id, types);
    const byType = Object.fromEntries(got.map((r) => [r.body!.type, r.body!.data]));
    expect(got.map((r) => r.body!.type).sort()).toEqual([...types].sort());
    const facts = {
      conversationId: conversation.id,
      flow: flow.slug,
      flowVersion: 1,
      channel: "web",
      customerRef: null,
    };
    expect(byType["conversation.escalated"]).toMatchObject({
      ...facts,
      status: "escalated",
      escalation: {
        id: escalation.id,
        reason: "Customer asked for a person",
        queue: "billing",
        priority: 1,
        status: "open",
        assignee: null,
        external: false,
      },
    });
    expect(byType["escalation.claimed"]).toMatchObject({
      ...facts,
      escalation: { id: escalation.id, status: "claimed", assignee: operator.name },
      actor: operator.name,
    });
    expect(byType["escalation.resolved"]).toMatchObject({
      ...facts,
      escalation: { id: escalation.id, status: "resolved" },
      resolution: "resolved",
      actor: operator.name,
    });
    expect(byType["conversation.resolved"]).toMatchObject({
      ...facts,
      status: "resolved",
      resolvedBy: "person",
      actor: operator.name,
    });
    // Never the transcript.
    for (const r of got) expect(r.rawBody).not.toContain("I want a human");
  });

  it("reports a conversation the flow itself resolves, once", async () => {
    const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "api" });
    await say(conversation.id, "bye now");
    const got = await eventsOf(conversation.id, ["conversation.started", "conversation.resolved"]);
    const resolved = got.filter((r) => r.body!.type === "conversation.resolved");
    expect(resolved).toHaveLength(1);
    expect(resolved[0].body!.data).toMatchObject({
      channel: "api",
      status: "resolved",
      resolvedBy: "flow",
      actor: null,
    });
  });

  it("reports an approval request with the tool and amount", async () => {
    const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    await say(conversation.id, "please refund $150");
    const got = await eventsOf(conversation.id, ["approval.requested"]);
    const approval = await db().approval.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(got.find((r) => r.body!.type === "approval.requested")!.body!.data).toMatchObject({
      conversationId: conversation.id,
      approval: { id: approval.id, amount: approval.amount, threshold: 100, approverRole: "operator" },
    });
  });

  it("reports a take-over as escalated and claimed, an assignment as claimed, and a hand back as escalation resolved", async () => {
    const admin = await member("admin");
    const operator = await member("operator");
    const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    await inTx((tx) =>
      takeOverConversation(tx, admin, { conversationId: conversation.id, reason: "Watching this one" }),
    );
    await waitFor(
      async () =>
        (await db().escalation.count({ where: { conversationId: conversation.id, status: "claimed" } })) === 1,
      30_000,
      "take over",
    );
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
    await inTx((tx) => assignEscalation(tx, admin, { escalationId: escalation.id, assigneeId: operator.userId }));
    await inTx((tx) => handBackToFlow(tx, operator, { conversationId: conversation.id, nodeId: "route" }));

    const claimsOf = () =>
      hook
        .accepted()
        .filter((r) => r.body?.type === "escalation.claimed" && r.body.data.conversationId === conversation.id)
        .map((r) => r.body!.data);
    await waitFor(async () => claimsOf().length === 2, 30_000, "two claims");
    const got = await eventsOf(conversation.id, ["conversation.escalated", "escalation.resolved"]);
    expect(claimsOf()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tookOver: true, actor: admin.name }),
        expect.objectContaining({
          assigned: true,
          actor: admin.name,
          escalation: expect.objectContaining({ assignee: operator.name }),
        }),
      ]),
    );
    expect(got.find((r) => r.body!.type === "escalation.resolved")!.body!.data).toMatchObject({
      resolution: "handed_back",
      handedBackToNodeId: "route",
      actor: operator.name,
    });
  });

  it("sends a subscription only the events it asked for, and other workspaces nothing", async () => {
    const picky = await startWebhookReceiver();
    const { endpoint, secret: pickySecret } = await makeEndpoint(workspace.id, {
      url: picky.url,
      events: ["conversation.resolved"],
    });
    picky.setSecret(pickySecret);
    const elsewhere = await seedWorkspace();
    const stranger = await startWebhookReceiver();
    const { endpoint: strangerEndpoint } = await makeEndpoint(elsewhere.workspace.id, {
      url: stranger.url,
      events: [...WEBHOOK_EVENTS],
    });
    try {
      const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
      await say(conversation.id, "bye");
      const [got] = await picky.waitForAccepted(1);
      expect(got.body).toMatchObject({
        type: "conversation.resolved",
        workspaceId: workspace.id,
        data: { conversationId: conversation.id },
      });
      await eventsOf(conversation.id, ["conversation.resolved"]);
      expect(picky.received.map((r) => r.body!.type)).toEqual(["conversation.resolved"]);
      expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
      expect(await db().webhookDelivery.count({ where: { endpointId: strangerEndpoint.id } })).toBe(0);
      expect(stranger.received).toEqual([]);
      expect(
        await db().webhookDelivery.count({ where: { endpointId: all.id, workspaceId: { not: workspace.id } } }),
      ).toBe(0);
    } finally {
      await picky.close();
      await stranger.close();
    }
  });
});
