// External contact-centre handoff end to end: an escalate node that names a handoff endpoint creates the escalation
// for that endpoint and queues its context package in the same transaction; a real local receiver gets it signed;
// the contact centre replies and resolves through the public API, audited with its API key; nothing else reaches it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getEscalation } from "@/app/api/v1/escalations/[id]/route";
import { POST as postReply } from "@/app/api/v1/escalations/[id]/messages/route";
import { POST as postResolve } from "@/app/api/v1/escalations/[id]/resolve/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import type { Member } from "@/lib/platform/auth/current-member";
import { listEscalations } from "@/lib/features/inbox/list-escalations";
import { loadChatMessages } from "@/lib/features/chat/public-chat";
import { db, type Tx } from "@/lib/platform/db/client";
import { claimEscalation, replyToCustomer } from "@/lib/runtime/engine/commands/operator-commands";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { createFlow } from "@/lib/features/flows/create-flow";
import { publishDraft } from "@/lib/features/flows/publish-flow";
import { startDraftTest } from "@/lib/features/flows/test-version";
import { flowGraphSchema, type FlowGraphInput } from "@/lib/model/flow/schema";
import type { HandoffPackage } from "@/lib/runtime/handoff/context-package";
import { toQueueRows } from "@/lib/features/inbox/queue-rows";
import { HANDOFF_EVENT, HANDOFF_MESSAGE_EVENT, HANDOFF_RECALLED_EVENT } from "@/lib/runtime/webhooks/event-types";
import { apiRequest, counts, params, seedApiKey } from "@/tests/integration/interfaces/api/helpers";
import { makeEndpoint } from "@/tests/support/webhooks";
import { publishedFlow, sendTurn, waitFor } from "@/tests/support/engine";
import { demoWorkspace, seedUser, seedWorkspace } from "@/tests/support/factories";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);
const { recallHandoffAction } = await import("@/lib/features/inbox/actions");

const CC = "Acme CC";

/** Start → note → open a ticket → "human" goes to a person (the contact centre, or the inbox), anything else is answered. */
function supportFlow(handoff: string | undefined): FlowGraphInput {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: "start",
        kind: "start",
        label: "Start",
        position: { x: 0, y: 0 },
        config: { greeting: "Hi, how can I help?" },
      },
      {
        id: "note",
        kind: "set_memory",
        label: "Note",
        position: { x: 200, y: 0 },
        config: { assignments: [{ key: "orderNumber", value: "A1001" }] },
      },
      {
        id: "ticket",
        kind: "tool",
        label: "Open ticket",
        position: { x: 400, y: 0 },
        config: { source: "builtin", builtin: "open_ticket", sideEffect: true },
      },
      {
        id: "route",
        kind: "router",
        label: "Router",
        position: { x: 600, y: 0 },
        config: {
          strategy: "rules",
          routes: [
            { id: "person", label: "Person", rule: 'text ~= "human"' },
            { id: "other", label: "Other", rule: 'not (text ~= "human")' },
          ],
        },
      },
      {
        id: "human",
        kind: "escalate",
        label: "To a person",
        position: { x: 800, y: 0 },
        config: {
          reason: "Customer asked for a person",
          message: "A colleague will take it from here.",
          queue: "billing",
          skills: ["refunds"],
          priority: 1,
          slaMinutes: 30,
          ...(handoff ? { handoff } : {}),
        },
      },
      {
        id: "answer",
        kind: "response",
        label: "Answer",
        position: { x: 800, y: 200 },
        config: { template: "Ticket {{state.ticket.reference}} is open." },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "note" },
      { id: "e2", source: "note", target: "ticket" },
      { id: "e3", source: "ticket", target: "route" },
      { id: "e4", source: "route", sourceHandle: "person", target: "human" },
      { id: "e5", source: "route", sourceHandle: "other", target: "answer" },
    ],
  };
}

const workspace = await demoWorkspace();
const customer = await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: "C-1001" } });
const { flow } = await publishedFlow(supportFlow(CC), "handoff-support", { workspaceId: workspace.id });
const { flow: inboxFlow } = await publishedFlow(supportFlow(undefined), "inbox-support", { workspaceId: workspace.id });
const { flow: missingFlow } = await publishedFlow(supportFlow("Nobody CC"), "missing-handoff", {
  workspaceId: workspace.id,
});

let receiver: WebhookReceiver;
let endpoint: { id: string; name: string };
let key: string;
let keyId: string;
let otherKey: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const made = await makeEndpoint(workspace.id, { kind: "handoff", name: CC, url: receiver.url });
  endpoint = made.endpoint;
  receiver.setSecret(made.secret);
  const created = await seedApiKey({ workspaceId: workspace.id, name: "Acme CC key" });
  key = created.key;
  keyId = created.apiKey.id;
  otherKey = (await seedApiKey({ workspaceId: (await seedWorkspace()).workspace.id })).key;
});

afterAll(async () => {
  await receiver?.close();
});

const readEscalation = (id: string, k = key, query = "") =>
  getEscalation(apiRequest(`/api/v1/escalations/${id}${query}`, { key: k }), params(id));
const reply = (id: string, body: unknown, k = key) =>
  postReply(apiRequest(`/api/v1/escalations/${id}/messages`, { key: k, body }), params(id));
const resolve = (id: string, body: unknown, k = key) =>
  postResolve(apiRequest(`/api/v1/escalations/${id}/resolve`, { key: k, body }), params(id));

/** A conversation of C-1001 escalated through `flowSlug`'s escalate node. */
async function escalated(flowSlug: string) {
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug,
    channel: "web",
    customerId: customer.id,
  });
  const turn = await sendTurn({
    workspaceId: workspace.id,
    conversationId: conversation.id,
    text: "I want a human, write to me at ada.l@example.com",
  });
  expect(turn.replies.map((r) => r.text)).toContain("A colleague will take it from here.");
  const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
  return { conversation, escalation };
}

async function member(role: "operator" | "admin"): Promise<Member> {
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

describe("an escalate node that names a handoff endpoint", () => {
  it("hands the escalation to the contact centre with its full context package, queued with the escalation", async () => {
    const { conversation, escalation } = await escalated(flow.slug);
    expect(escalation).toMatchObject({
      handoffEndpointId: endpoint.id,
      status: "claimed",
      assigneeId: null,
      queue: "billing",
      priority: 1,
      skills: ["refunds"],
    });
    expect(escalation.claimedAt).not.toBeNull();
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "escalated",
      waitingFor: "human",
    });

    // One handoff delivery for the endpoint, written by the engine's transaction (its audit entry names it).
    const deliveries = await db().webhookDelivery.findMany({
      where: { endpointId: endpoint.id, event: HANDOFF_EVENT },
    });
    const delivery = deliveries.find(
      (d) => (d.payload as { data: HandoffPackage }).data.escalation.id === escalation.id,
    )!;
    expect(delivery).toBeTruthy();
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceId: escalation.id, action: "escalation.handed_off" },
    });
    expect(audit.after).toEqual({ endpoint: CC, deliveryId: delivery.id });

    const pkg = (delivery.payload as { type: string; data: HandoffPackage }).data;
    expect((delivery.payload as { type: string }).type).toBe(HANDOFF_EVENT);
    expect(pkg.escalation).toMatchObject({
      id: escalation.id,
      reason: "Customer asked for a person",
      queue: "billing",
      priority: 1,
      skills: ["refunds"],
      trigger: "escalate_node",
      slaDueAt: escalation.slaDueAt.toISOString(),
    });
    expect(pkg.conversation).toMatchObject({
      id: conversation.id,
      channel: "web",
      flow: { slug: flow.slug, name: flow.name, version: 1 },
    });
    expect(pkg.customer).toEqual({ ref: "C-1001", name: customer.name, email: customer.email });
    // The transcript as stored: the greeting, then the customer's message with the e-mail redacted.
    expect(pkg.transcript.map((m) => m.role)).toEqual(["agent", "customer"]);
    expect(pkg.transcript[1].text).toContain("I want a human");
    expect(pkg.transcript[1].text).not.toContain("ada.l@example.com");
    expect(pkg.summary.route).toEqual(["Start", "Note", "Open ticket", "Router", "To a person"]);
    expect(pkg.summary.intent).toMatchObject({ id: "person", label: "Person" });
    expect(pkg.summary.toolCalls).toEqual([expect.objectContaining({ tool: "open_ticket", outcome: "ok" })]);
    expect(pkg.summary.keyState).toMatchObject({ orderNumber: "A1001" });
    expect(pkg.summary.lastCustomerMessage).toBe(pkg.transcript[1].text);
    expect(pkg.summary.text).toContain("Escalated: Customer asked for a person.");
    expect(pkg.state).toMatchObject({ orderNumber: "A1001", intent: { id: "person" } });
    expect(JSON.stringify(pkg.state)).not.toContain("ada.l@example.com");
    expect(pkg.callbacks.messages).toMatch(new RegExp(`^https?://[^/]+/api/v1/escalations/${escalation.id}/messages$`));
    expect(pkg.callbacks.resolve).toBe(pkg.callbacks.messages.replace(/messages$/, "resolve"));

    // The Webhooks delivery task sends it to the real receiver, signed.
    await waitFor(
      async () =>
        receiver
          .accepted()
          .some((r) => r.body?.data && (r.body.data as unknown as HandoffPackage).escalation.id === escalation.id),
      30_000,
      "the handoff to reach the receiver",
    );
    const got = receiver
      .accepted()
      .find((r) => (r.body!.data as unknown as HandoffPackage).escalation.id === escalation.id)!;
    expect(got.body).toMatchObject({ type: HANDOFF_EVENT, workspaceId: workspace.id });
    expect(got.body!.data).toEqual(JSON.parse(JSON.stringify(pkg)));
    expect(got.headers["switchboard-event"]).toBe(HANDOFF_EVENT);
  });

  it("is not claimable in the inbox, where it shows who has it; operators cannot reply to it", async () => {
    const { escalation } = await escalated(flow.slug);
    const operator = await member("operator");
    await expect(inTx((tx) => claimEscalation(tx, operator, { escalationId: escalation.id }))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      inTx((tx) => replyToCustomer(tx, operator, { conversationId: escalation.conversationId, text: "hello" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "claimed",
      assigneeId: null,
    });

    const { pending } = await listEscalations({ workspaceId: workspace.id, viewerId: operator.userId });
    const row = toQueueRows(pending, { userId: operator.userId, canHandle: true }).find((r) => r.id === escalation.id)!;
    expect(row).toMatchObject({ canClaim: false, owner: null, handoff: { endpoint: CC, externalRef: null } });
  });

  it("comes back to the inbox when an admin recalls it: the contact centre is told, operators may claim it, its callbacks stop", async () => {
    const { escalation } = await escalated(flow.slug);
    const operator = await member("operator");
    const admin = await member("admin");
    const before = await counts();

    signInAs(operator);
    expect(await recallHandoffAction({ escalationId: escalation.id, reason: "We take it back" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    signInAs(admin);
    expect(await recallHandoffAction({ escalationId: escalation.id, reason: "" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await counts()).toEqual(before);
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      handoffEndpointId: endpoint.id,
      status: "claimed",
    });

    const recalled = await recallHandoffAction({
      escalationId: escalation.id,
      reason: "Customer is a VIP, we handle it",
    });
    expect(recalled).toMatchObject({ ok: true, data: { escalationId: escalation.id, endpoint: CC } });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      handoffEndpointId: null,
      status: "open",
      assigneeId: null,
      claimedAt: null,
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceId: escalation.id, action: "escalation.recalled_from_handoff" },
    });
    expect(audit).toMatchObject({
      actorType: "user",
      actorId: admin.userId,
      after: { status: "open", routedTo: "inbox", reason: "Customer is a VIP, we handle it" },
    });

    // The contact centre hears of it, signed, through the same delivery machinery.
    await waitFor(
      async () =>
        receiver
          .accepted()
          .some(
            (r) =>
              r.body?.type === HANDOFF_RECALLED_EVENT &&
              (r.body.data as { escalation: { id: string } }).escalation.id === escalation.id,
          ),
      30_000,
      "the recall to reach the contact centre",
    );
    const told = receiver
      .accepted()
      .find(
        (r) =>
          r.body?.type === HANDOFF_RECALLED_EVENT &&
          (r.body.data as { escalation: { id: string } }).escalation.id === escalation.id,
      )!;
    expect(told.body!.data).toMatchObject({
      reason: "Customer is a VIP, we handle it",
      conversation: { id: escalation.conversationId },
    });

    // An operator can claim it now; the contact centre's late reply is refused and never reaches the customer.
    await inTx((tx) => claimEscalation(tx, operator, { escalationId: escalation.id }));
    expect((await reply(escalation.id, { text: "Late reply" })).status).toBe(404);
    expect(await db().message.count({ where: { conversationId: escalation.conversationId, text: "Late reply" } })).toBe(
      0,
    );
    // Recalling twice is a clear conflict.
    expect(await recallHandoffAction({ escalationId: escalation.id, reason: "again please" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });

  it("falls back to the inbox, with a note and an audit entry, when the named endpoint is gone", async () => {
    const { escalation } = await escalated(missingFlow.slug);
    expect(escalation).toMatchObject({ handoffEndpointId: null, status: "open" });
    expect((escalation.context as { handoff: unknown }).handoff).toEqual({
      endpoint: "Nobody CC",
      note: expect.stringContaining("does not exist"),
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceId: escalation.id, action: "escalation.handoff_unavailable" },
    });
    expect(audit.after).toEqual({ endpoint: "Nobody CC", cause: "missing", routedTo: "inbox" });
  });

  it("never hands off a designer test chat", async () => {
    const admin = await member("admin");
    const draft = await db().flow.findUniqueOrThrow({ where: { id: flow.id } });
    const test = await inTx((tx) =>
      startDraftTest(tx, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: draft.draftRevision,
        userId: admin.userId,
      }),
    );
    const sentBefore = await db().webhookDelivery.count({ where: { endpointId: endpoint.id } });
    await sendTurn({ workspaceId: workspace.id, conversationId: test.id, text: "I want a human" });
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: test.id } });
    expect(escalation).toMatchObject({ handoffEndpointId: null, status: "open" });
    expect((escalation.context as { handoff: { note: string } }).handoff.note).toMatch(/^Test conversation/);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(sentBefore);
    expect(
      await db().auditLog.count({ where: { resourceId: escalation.id, action: { startsWith: "escalation.handoff" } } }),
    ).toBe(0);
  });

  it("cannot be published naming an endpoint the workspace does not have", async () => {
    const admin = await member("admin");
    const draft = await db().$transaction((tx) =>
      createFlow(tx, {
        workspaceId: workspace.id,
        name: "Unknown handoff",
        slug: "unknown-handoff",
        description: "",
        graph: flowGraphSchema.parse(supportFlow("Ghost CC")),
        userId: admin.userId,
      }),
    );
    await expect(
      inTx((tx) =>
        publishDraft(tx, {
          workspaceId: workspace.id,
          flowId: draft.id,
          baseRevision: draft.draftRevision,
          note: "",
          userId: admin.userId,
        }),
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "nodes.human": [expect.stringContaining("Ghost CC")] },
    });
    expect(await db().flowVersion.count({ where: { flowId: draft.id } })).toBe(0);

    const named = await db().$transaction((tx) =>
      createFlow(tx, {
        workspaceId: workspace.id,
        name: "Known handoff",
        slug: "known-handoff",
        description: "",
        graph: flowGraphSchema.parse(supportFlow(CC)),
        userId: admin.userId,
      }),
    );
    const published = await inTx((tx) =>
      publishDraft(tx, {
        workspaceId: workspace.id,
        flowId: named.id,
        baseRevision: named.draftRevision,
        note: "",
        userId: admin.userId,
      }),
    );
    expect(published.number).toBe(1);
  });
});

describe("the callback API", () => {
  it("relays the contact centre's replies to the customer like an operator's, idempotently, and audits them", async () => {
    const { conversation, escalation } = await escalated(flow.slug);
    const first = await readEscalation(escalation.id);
    expect(first.status).toBe(200);
    const read = await first.json();
    expect(read).toMatchObject({
      id: escalation.id,
      status: "claimed",
      externalRef: null,
      handoff: { endpoint: CC },
      conversation: { id: conversation.id, status: "escalated", channel: "web" },
    });
    expect(read.messages.map((m: { role: string }) => m.role)).toEqual(["agent", "customer", "agent"]);

    const body = {
      text: "Hi, this is Jane from Acme. Let me look into it.",
      author: "Jane",
      externalRef: "CASE-42",
      idempotencyKey: "reply-1",
    };
    const sent = await reply(escalation.id, body);
    expect(sent.status).toBe(200);
    const result = await sent.json();
    expect(result).toMatchObject({
      status: "done",
      escalation: { id: escalation.id, status: "claimed", externalRef: "CASE-42" },
      conversation: { status: "escalated" },
    });
    expect(result.messages).toEqual([
      expect.objectContaining({ role: "operator", author: "Acme CC · Jane", text: body.text }),
    ]);

    // A retry with the same key returns the same command and adds nothing.
    const again = await (await reply(escalation.id, body)).json();
    expect(again.id).toBe(result.id);
    expect(await db().message.count({ where: { conversationId: conversation.id, role: "operator" } })).toBe(1);

    // The customer's chat page shows it, signed.
    const chat = await loadChatMessages({
      workspaceId: workspace.id,
      flowId: flow.id,
      conversationId: conversation.id,
      sinceSeq: 0,
    });
    expect(chat!.messages.at(-1)).toMatchObject({ role: "operator", author: "Acme CC · Jane", text: body.text });

    const stored = await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } });
    expect(stored.externalRef).toBe("CASE-42");
    expect(stored.firstResponseAt).not.toBeNull();
    const audits = await db().auditLog.findMany({ where: { resourceId: escalation.id, action: "escalation.replied" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: "api_key", actorId: keyId });

    // The customer answers; the flow stays out of it, and the contact centre reads it after its cursor.
    const customerTurn = await sendTurn({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      text: "Thanks, it is order A1001",
    });
    expect(customerTurn.replies).toEqual([]);
    const since = await (await readEscalation(escalation.id, key, `?after=${result.messages[0].seq}`)).json();
    expect(since.messages).toEqual([expect.objectContaining({ role: "customer", text: "Thanks, it is order A1001" })]);
    expect(since.cursor).toBe(since.messages[0].seq);
    expect((await (await readEscalation(escalation.id, key, `?after=${since.cursor}`)).json()).messages).toEqual([]);

    // It is also pushed to the contact centre, signed, so its agent need not poll.
    await waitFor(
      async () =>
        receiver
          .accepted()
          .some(
            (r) =>
              r.body?.type === HANDOFF_MESSAGE_EVENT &&
              (r.body.data as { escalation: { id: string } }).escalation.id === escalation.id,
          ),
      30_000,
      "the customer's message to reach the contact centre",
    );
    const pushed = receiver
      .accepted()
      .find(
        (r) =>
          r.body?.type === HANDOFF_MESSAGE_EVENT &&
          (r.body.data as { escalation: { id: string } }).escalation.id === escalation.id,
      )!;
    expect(pushed.body!.data).toMatchObject({
      escalation: { id: escalation.id, externalRef: "CASE-42" },
      conversation: { id: conversation.id },
      message: { role: "customer", text: "Thanks, it is order A1001" },
    });
    expect(pushed.headers["switchboard-event"]).toBe(HANDOFF_MESSAGE_EVENT);
  });

  it("resolves the escalation and the conversation, once, and audits it", async () => {
    const { conversation, escalation } = await escalated(flow.slug);
    const done = await resolve(escalation.id, { note: "Your refund is on its way. Bye!", externalRef: "CASE-77" });
    expect(done.status).toBe(200);
    const result = await done.json();
    expect(result).toMatchObject({
      status: "done",
      escalation: { status: "resolved", externalRef: "CASE-77" },
      conversation: { id: conversation.id, status: "resolved" },
    });
    expect(result.messages).toEqual([
      expect.objectContaining({ role: "operator", author: CC, text: "Your refund is on its way. Bye!" }),
    ]);
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "resolved",
      externalRef: "CASE-77",
    });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      status: "resolved",
      waitingFor: null,
    });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceId: escalation.id, action: "escalation.resolved" },
    });
    expect(audit).toMatchObject({ actorType: "api_key", actorId: keyId });

    const before = await counts();
    const twice = await resolve(escalation.id, {});
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.message).toMatch(/already been resolved/);
    expect((await reply(escalation.id, { text: "one more thing" })).status).toBe(409);
    expect({ ...(await counts()), usage: 0 }).toEqual({ ...before, usage: 0 });
    // Still readable.
    expect((await (await readEscalation(escalation.id)).json()).status).toBe("resolved");
  });

  it("refuses bad input and changes nothing", async () => {
    const { escalation } = await escalated(flow.slug);
    const before = { ...(await counts()), usage: 0 };
    const bad = [
      await postReply(
        apiRequest(`/api/v1/escalations/${escalation.id}/messages`, { key, rawBody: "{not json" }),
        params(escalation.id),
      ),
      await reply(escalation.id, { text: "   " }),
      await reply(escalation.id, { text: "hi", externalRef: "CASE-1", extra: true }),
      await resolve(escalation.id, { note: "x".repeat(2001), externalRef: "CASE-1" }),
      await readEscalation(escalation.id, key, "?after=-1"),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 422, 422, 422, 422]);
    expect((await bad[1].json()).error).toMatchObject({ code: "VALIDATION", fields: { text: expect.any(Array) } });
    expect({ ...(await counts()), usage: 0 }).toEqual(before);
    expect(await db().escalation.findUniqueOrThrow({ where: { id: escalation.id } })).toMatchObject({
      status: "claimed",
      externalRef: null,
    });
  });

  it("answers 404 for another workspace's key and for an escalation the inbox handles", async () => {
    const handed = await escalated(flow.slug);
    const inbox = await escalated(inboxFlow.slug);
    expect(inbox.escalation).toMatchObject({ handoffEndpointId: null, status: "open" });
    const before = { ...(await counts()), usage: 0 };

    for (const response of [
      await readEscalation(handed.escalation.id, otherKey),
      await reply(handed.escalation.id, { text: "hi" }, otherKey),
      await resolve(handed.escalation.id, {}, otherKey),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error).toEqual({ code: "NOT_FOUND", message: "Escalation not found." });
    }
    for (const response of [
      await readEscalation(inbox.escalation.id),
      await reply(inbox.escalation.id, { text: "hi" }),
      await resolve(inbox.escalation.id, {}),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toMatch(/handled in Switchboard's inbox/);
    }
    expect({ ...(await counts()), usage: 0 }).toEqual(before);
    expect(await db().escalation.findUniqueOrThrow({ where: { id: inbox.escalation.id } })).toMatchObject({
      status: "open",
      resolvedAt: null,
    });
    expect(await db().escalation.findUniqueOrThrow({ where: { id: handed.escalation.id } })).toMatchObject({
      status: "claimed",
      resolvedAt: null,
    });
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await getOpenApi(new Request("http://localhost/api/v1/openapi.json"))).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/escalations/{id}",
        "/api/v1/escalations/{id}/messages",
        "/api/v1/escalations/{id}/resolve",
      ]),
    );
    expect(doc.components.schemas.ExternalReply.properties).toHaveProperty("externalRef");
  });
});
