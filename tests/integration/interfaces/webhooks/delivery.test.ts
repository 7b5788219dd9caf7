// Webhook delivery against a real local receiver that verifies signatures: events arrive signed with the endpoint's
// secret and the documented headers; a receiver that fails gets the delivery on a later attempt (every attempt
// logged); eight failures fail the delivery; 410 stops at once; replay sends the same event again; disabled and
// unsubscribed endpoints get nothing, and neither do test-channel conversations.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { startDraftTest } from "@/lib/features/flows/test-version";
import { rollbackFlow } from "@/lib/features/flows/rollback-flow";
import { publishFlow } from "@/lib/features/flows/publish-flow";
import { deliverWebhook } from "@/lib/interfaces/webhooks/delivery-task";
import { enqueueDelivery, envelope } from "@/lib/runtime/webhooks/enqueue";
import { replayWebhookDelivery } from "@/lib/features/settings/webhooks/manage-endpoints";
import { MAX_DELIVERY_ATTEMPTS } from "@/lib/runtime/webhooks/retry-schedule";
import { verifySignature } from "@/lib/interfaces/webhooks/signature";
import { demoWorkspace, seedWorkspace } from "@/tests/support/factories";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { deliveriesFor, deliveriesOf, makeEndpoint, settled } from "@/tests/support/webhooks";

const workspace = await demoWorkspace();
const receivers: WebhookReceiver[] = [];
async function receiver(options: Parameters<typeof startWebhookReceiver>[0] = {}) {
  const r = await startWebhookReceiver(options);
  receivers.push(r);
  return r;
}
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

describe("webhook delivery", () => {
  it("delivers conversation.started signed, with the documented headers and envelope; a tampered body fails verification", async () => {
    const hook = await receiver();
    const { endpoint, secret } = await makeEndpoint(workspace.id, { url: hook.url, events: ["conversation.started"] });
    hook.setSecret(secret);
    const customer = await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id } });

    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      channel: "web",
      customerId: customer.id,
    });
    const [got] = await hook.waitForAccepted(1);
    const [delivery] = await deliveriesOf(endpoint.id);

    expect(got.verified).toBe(true);
    expect(got.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Switchboard-Webhooks/1",
      "switchboard-event": "conversation.started",
      "switchboard-delivery": delivery.id,
      "switchboard-event-id": got.body!.id,
    });
    expect(got.headers["switchboard-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(got.body).toMatchObject({
      type: "conversation.started",
      workspaceId: workspace.id,
      data: {
        conversationId: conversation.id,
        flow: "retail-support",
        channel: "web",
        customerRef: customer.ref,
        status: "active",
      },
    });
    expect(got.body!.id).toMatch(/^evt_[0-9a-f]{32}$/);
    // Only what the console shows: no transcript, no customer name or e-mail.
    expect(got.rawBody).not.toContain(customer.email);
    expect(got.rawBody).not.toContain("messages");

    const header = got.headers["switchboard-signature"] as string;
    expect(verifySignature(secret, header, got.rawBody)).toBe(true);
    expect(verifySignature(secret, header, got.rawBody.replace(conversation.id, "someone-else"))).toBe(false);
    expect(verifySignature("whsec_wrong", header, got.rawBody)).toBe(false);

    const done = await settled(delivery.id);
    expect(done).toMatchObject({
      status: "succeeded",
      attempts: 1,
      lastResponseStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(done.deliveredAt).toBeInstanceOf(Date);
    expect(done.attemptLog).toHaveLength(1);
    expect(done.attemptLog[0]).toMatchObject({
      number: 1,
      responseStatus: 200,
      responseBody: '{"received":true}',
      error: null,
    });
    // The secret is stored encrypted, never as is.
    const stored = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored.secretCipher).not.toContain(secret);
    expect(secret.startsWith(stored.secretPrefix)).toBe(true);
  });

  it("delivers flow.published on publish, and on rollback with rollback: true", async () => {
    const { workspace: ws, user } = await seedWorkspace();
    const hook = await receiver();
    const { endpoint, secret } = await makeEndpoint(ws.id, { url: hook.url, events: ["flow.published"] });
    hook.setSecret(secret);
    const { makeFlow, tx } = await import("@/tests/integration/features/flows/helpers");
    const flow = await makeFlow(ws.id, user.id);
    await tx((t) =>
      publishFlow(t, {
        flowId: flow.id,
        note: "first",
        actor: { type: "user", id: user.id, label: user.name },
        userId: user.id,
      }),
    );
    await tx((t) =>
      publishFlow(t, {
        flowId: flow.id,
        note: "second",
        actor: { type: "user", id: user.id, label: user.name },
        userId: user.id,
      }),
    );
    await tx((t) =>
      rollbackFlow(t, { workspaceId: ws.id, flowId: flow.id, versionNumber: 1, note: "bad answer", userId: user.id }),
    );

    const got = await hook.waitForAccepted(3);
    const data = got.map((r) => r.body!.data).sort((a, b) => Number(a.version) - Number(b.version));
    expect(data).toMatchObject([
      {
        flowId: flow.id,
        flow: flow.slug,
        version: 1,
        previousVersion: null,
        note: "first",
        rollback: false,
        actor: user.name,
      },
      { version: 2, previousVersion: 1, note: "second", rollback: false },
      {
        version: 3,
        previousVersion: 2,
        rollback: true,
        rolledBackTo: 1,
        note: "Rollback to v1: bad answer",
        actor: user.name,
      },
    ]);
    expect(got.every((r) => r.headers["switchboard-event"] === "flow.published")).toBe(true);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(3);
  });

  it("retries a failing receiver with backoff and delivers on the third attempt, logging all three", async () => {
    const hook = await receiver({ failFirst: 2, failStatus: 503 });
    const { endpoint, secret } = await makeEndpoint(workspace.id, { url: hook.url, events: ["conversation.started"] });
    hook.setSecret(secret);
    await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });
    const [delivery] = await deliveriesFor(endpoint.id, "conversation.started");
    const done = await settled(delivery.id);

    expect(done).toMatchObject({ status: "succeeded", attempts: 3, lastResponseStatus: 200 });
    expect(done.attemptLog.map((a) => [a.number, a.responseStatus])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(done.attemptLog[0].responseBody).toContain("induced failure");
    // The same event, signed afresh each time: one event id, three requests.
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.body!.id)).size).toBe(1);
    expect(hook.received.every((r) => r.verified)).toBe(true);
    expect(hook.accepted()).toHaveLength(1);
  });

  it("fails a delivery after eight failed attempts, and a 410 Gone at once", async () => {
    const hook = await receiver({ failFirst: 100, failStatus: 500 });
    const { endpoint, secret } = await makeEndpoint(workspace.id, { url: hook.url, events: ["conversation.started"] });
    hook.setSecret(secret);
    const created = await db().$transaction((tx) =>
      enqueueDelivery(tx, {
        workspaceId: workspace.id,
        endpointId: endpoint.id,
        event: "conversation.started",
        payload: envelope(workspace.id, "conversation.started", { conversationId: "x" }),
      }),
    );
    const done = await settled(created.id, 60_000);
    expect(done.status).toBe("failed");
    expect(done.attempts).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(done.attemptLog.map((a) => a.responseStatus)).toEqual(Array(MAX_DELIVERY_ATTEMPTS).fill(500));
    expect(done.lastError).toContain("Gave up after 8 attempts");
    expect(done.nextAttemptAt).toBeNull();
    expect(done.deliveredAt).toBeNull();

    const gone = await receiver({ failFirst: 100, failStatus: 410 });
    const goneEndpoint = await makeEndpoint(workspace.id, { url: gone.url, events: ["flow.published"] });
    gone.setSecret(goneEndpoint.secret);
    const another = await db().$transaction((tx) =>
      enqueueDelivery(tx, {
        workspaceId: workspace.id,
        endpointId: goneEndpoint.endpoint.id,
        event: "flow.published",
        payload: envelope(workspace.id, "flow.published", {}),
      }),
    );
    const stopped = await settled(another.id);
    expect(stopped).toMatchObject({ status: "failed", attempts: 1, lastResponseStatus: 410 });
    expect(stopped.lastError).toContain("410 Gone");
  });

  it("records network errors and timeouts as failed attempts without a status", async () => {
    const { endpoint } = await makeEndpoint(workspace.id, {
      url: "http://127.0.0.1:1/nothing-listens",
      events: ["flow.published"],
    });
    const created = await db().$transaction((tx) =>
      enqueueDelivery(tx, {
        workspaceId: workspace.id,
        endpointId: endpoint.id,
        event: "flow.published",
        payload: envelope(workspace.id, "flow.published", {}),
      }),
    );
    await settled(created.id, 60_000);
    const attempts = await db().webhookAttempt.findMany({
      where: { deliveryId: created.id },
      orderBy: { number: "asc" },
    });
    expect(attempts.length).toBe(MAX_DELIVERY_ATTEMPTS);
    expect(attempts[0]).toMatchObject({ responseStatus: null, responseBody: null });
    expect(attempts[0].error).toMatch(/ECONNREFUSED|network/i);
  });

  it("replays any delivery as a new delivery of the same event that arrives", async () => {
    const hook = await receiver();
    const { endpoint, secret } = await makeEndpoint(workspace.id, { url: hook.url, events: ["conversation.started"] });
    hook.setSecret(secret);
    await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });
    const [original] = await deliveriesFor(endpoint.id, "conversation.started");
    await settled(original.id);

    const replay = await db().$transaction((tx) =>
      replayWebhookDelivery(tx, { workspaceId: workspace.id, deliveryId: original.id }),
    );
    const done = await settled(replay.deliveryId);
    expect(done).toMatchObject({ status: "succeeded", replayOfId: original.id, event: "conversation.started" });
    const got = await hook.waitForAccepted(2);
    expect(got[1].headers["switchboard-delivery"]).toBe(replay.deliveryId);
    expect(got[1].body!.id).toBe(got[0].body!.id);
    expect(got[1].rawBody).toBe(got[0].rawBody);
  });

  it("sends nothing to disabled or unsubscribed endpoints, and marks a queued delivery to a disabled one failed", async () => {
    const hook = await receiver();
    const disabled = await makeEndpoint(workspace.id, {
      url: hook.url,
      events: ["conversation.started"],
      active: false,
    });
    const other = await makeEndpoint(workspace.id, { url: hook.url, events: ["flow.published"] });
    const handoff = await makeEndpoint(workspace.id, { url: hook.url, kind: "handoff" });
    await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });
    for (const e of [disabled, other, handoff]) expect(await deliveriesOf(e.endpoint.id)).toEqual([]);

    // Queued while active, then disabled before the worker got to it: not sent, failed with the reason.
    const late = await makeEndpoint(workspace.id, { url: hook.url, events: ["flow.published"] });
    const queued = await db().$transaction(async (tx) => {
      const created = await enqueueDelivery(tx, {
        workspaceId: workspace.id,
        endpointId: late.endpoint.id,
        event: "flow.published",
        payload: envelope(workspace.id, "flow.published", {}),
      });
      await tx.webhookEndpoint.update({ where: { id: late.endpoint.id }, data: { active: false } });
      return created;
    });
    const done = await settled(queued.id);
    expect(done).toMatchObject({ status: "failed", attempts: 0, lastError: "Not sent: the endpoint is disabled." });
    expect(await deliverWebhook(queued.id)).toBe("skipped");
    expect(hook.received).toEqual([]);
  });

  it("emits nothing for test-channel conversations (the designer's test chat)", async () => {
    const { workspace: ws, user } = await seedWorkspace();
    const hook = await receiver();
    const { endpoint } = await makeEndpoint(ws.id, {
      url: hook.url,
      events: ["conversation.started", "conversation.resolved", "conversation.escalated"],
    });
    const { makeFlow, tx } = await import("@/tests/integration/features/flows/helpers");
    const flow = await makeFlow(ws.id, user.id);
    const test = await tx((t) =>
      startDraftTest(t, { workspaceId: ws.id, flowId: flow.id, baseRevision: flow.draftRevision, userId: user.id }),
    );
    expect(test.id).toBeTruthy();
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    expect(await db().webhookDelivery.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});
