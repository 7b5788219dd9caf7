// The contact centre's callback API for a handed-off escalation: replies relayed to the customer, resolving, refused
// input, other workspaces' keys and inbox escalations answered 404, audited with its API key, in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postReply } from "@/app/api/v1/escalations/[id]/messages/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { loadChatMessages } from "@/lib/features/chat/public-chat";
import { db } from "@/lib/platform/db/client";
import { HANDOFF_MESSAGE_EVENT } from "@/lib/runtime/webhooks/event-types";
import { apiRequest, counts, params } from "@/tests/integration/interfaces/api/helpers";
import { sendTurn, waitFor } from "@/tests/support/engine";
import {
  CC,
  closeContactCentre,
  escalated,
  flow,
  inboxFlow,
  key,
  keyId,
  openContactCentre,
  otherKey,
  readEscalation,
  receiver,
  reply,
  resolve,
  workspace,
} from "@/tests/integration/runtime/handoff/handoff-helpers";

beforeAll(openContactCentre);
afterAll(closeContactCentre);

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
    const doc = await getOpenApi(new Request("http://localhost/api/v1/openapi.json")).json();
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
