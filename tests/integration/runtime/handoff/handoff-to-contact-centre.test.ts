// External contact-centre handoff end to end: an escalate node that names a handoff endpoint hands the escalation and
// its context package to a real local receiver, signed; recalling it, fallbacks, and designer test chats.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listEscalations } from "@/lib/features/inbox/list-escalations";
import { db } from "@/lib/platform/db/client";
import { claimEscalation, replyToCustomer } from "@/lib/runtime/engine/commands/operator-commands";
import { createFlow } from "@/lib/features/flows/create-flow";
import { publishDraft } from "@/lib/features/flows/publish-flow";
import { startDraftTest } from "@/lib/features/flows/test-version";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import type { HandoffPackage } from "@/lib/runtime/handoff/context-package";
import { toQueueRows } from "@/lib/features/inbox/queue-rows";
import { HANDOFF_EVENT, HANDOFF_RECALLED_EVENT } from "@/lib/runtime/webhooks/event-types";
import { counts } from "@/tests/integration/interfaces/api/helpers";
import { sendTurn, waitFor } from "@/tests/support/engine";
import { signInAs } from "@/tests/support/session-mock";
import {
  CC,
  closeContactCentre,
  customer,
  endpoint,
  escalated,
  flow,
  inTx,
  member,
  missingFlow,
  openContactCentre,
  receiver,
  reply,
  supportFlow,
  workspace,
} from "@/tests/integration/runtime/handoff/handoff-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);
const { recallHandoffAction } = await import("@/lib/features/inbox/actions");

beforeAll(openContactCentre);
afterAll(closeContactCentre);

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
