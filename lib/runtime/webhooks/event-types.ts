// The events a webhook subscription can receive, and the one an external contact centre receives. Pure data: the
// settings UI, the zod schemas and the emitters all read it.
export const WEBHOOK_EVENTS = [
  "conversation.started",
  "conversation.resolved",
  "conversation.escalated",
  "escalation.claimed",
  "escalation.resolved",
  "approval.requested",
  "flow.published",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  "conversation.started": "A customer opened a conversation on a real channel.",
  "conversation.resolved": "A conversation ended resolved, by the flow or by a person.",
  "conversation.escalated": "A conversation was handed to a person (inbox or external contact centre).",
  "escalation.claimed": "Someone claimed an escalation (or it was assigned to them).",
  "escalation.resolved": "An escalation was resolved.",
  "approval.requested": "A tool call waits for a person's approval.",
  "flow.published": "A flow version went live (published or rolled back).",
};

/** Sent to a handoff endpoint (an external contact centre) with the conversation's context package. */
export const HANDOFF_EVENT = "escalation.handoff" as const;

/** Sent to the handoff endpoint holding an escalation when the customer writes again: the contact centre sees it at once. */
export const HANDOFF_MESSAGE_EVENT = "escalation.customer_message" as const;

/** Sent to the handoff endpoint when an admin takes an escalation back into the inbox: the contact centre stops. */
export const HANDOFF_RECALLED_EVENT = "escalation.recalled" as const;

/** The graphile-worker task that sends one delivery (lib/interfaces/webhooks/delivery-task.ts). */
export const WEBHOOK_DELIVERY_TASK = "webhook_delivery";
