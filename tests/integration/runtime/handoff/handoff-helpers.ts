// The fixture shared by the handoff tests: the demo workspace with three published support flows (handing off to the
// contact centre, to the inbox, and to an endpoint that does not exist), the contact centre's webhook receiver and API
// keys (started by the test file's hooks through openContactCentre/closeContactCentre), and callers for its API.
import { expect } from "vitest";
import { GET as getEscalation } from "@/app/api/v1/escalations/[id]/route";
import { POST as postReply } from "@/app/api/v1/escalations/[id]/messages/route";
import { POST as postResolve } from "@/app/api/v1/escalations/[id]/resolve/route";
import type { Member } from "@/lib/platform/auth/current-member";
import { db, type Tx } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { apiRequest, params, seedApiKey } from "@/tests/integration/interfaces/api/helpers";
import { makeEndpoint } from "@/tests/support/webhooks";
import { publishedFlow, sendTurn } from "@/tests/support/engine";
import { demoWorkspace, seedUser, seedWorkspace } from "@/tests/support/factories";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";

export const CC = "Acme CC";

/** Start → note → open a ticket → "human" goes to a person (the contact centre, or the inbox), anything else is answered. */
export function supportFlow(handoff: string | undefined): FlowGraphInput {
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

export const workspace = await demoWorkspace();
export const customer = await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: "C-1001" } });
export const { flow } = await publishedFlow(supportFlow(CC), "handoff-support", { workspaceId: workspace.id });
export const { flow: inboxFlow } = await publishedFlow(supportFlow(undefined), "inbox-support", {
  workspaceId: workspace.id,
});
export const { flow: missingFlow } = await publishedFlow(supportFlow("Nobody CC"), "missing-handoff", {
  workspaceId: workspace.id,
});

export let receiver: WebhookReceiver;
export let endpoint: { id: string; name: string };
export let key: string;
export let keyId: string;
export let otherKey: string;

/** Starts the contact centre's webhook receiver, registers it as the handoff endpoint and creates the API keys. */
export async function openContactCentre() {
  receiver = await startWebhookReceiver();
  const made = await makeEndpoint(workspace.id, { kind: "handoff", name: CC, url: receiver.url });
  endpoint = made.endpoint;
  receiver.setSecret(made.secret);
  const created = await seedApiKey({ workspaceId: workspace.id, name: "Acme CC key" });
  key = created.key;
  keyId = created.apiKey.id;
  otherKey = (await seedApiKey({ workspaceId: (await seedWorkspace()).workspace.id })).key;
}

export async function closeContactCentre() {
  await receiver?.close();
}

export const readEscalation = (id: string, k = key, query = "") =>
  getEscalation(apiRequest(`/api/v1/escalations/${id}${query}`, { key: k }), params(id));
export const reply = (id: string, body: unknown, k = key) =>
  postReply(apiRequest(`/api/v1/escalations/${id}/messages`, { key: k, body }), params(id));
export const resolve = (id: string, body: unknown, k = key) =>
  postResolve(apiRequest(`/api/v1/escalations/${id}/resolve`, { key: k, body }), params(id));

/** A conversation of C-1001 escalated through `flowSlug`'s escalate node. */
export async function escalated(flowSlug: string) {
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

export async function member(role: "operator" | "admin"): Promise<Member> {
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
export const inTx = <T>(fn: (tx: Tx) => Promise<T>) => db().$transaction(fn, { timeout: 20_000 });
