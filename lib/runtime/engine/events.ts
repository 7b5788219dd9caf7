// The inbound events the engine processes, one graphile-worker job each, serialized per conversation.
import { z } from "zod";

export const EVENT_TASK = "conversation_event";
export const SLA_TASK = "escalation_sla";
/** One NOTIFY per processed event (never per span) on this channel; payload: LiveNotice as JSON. */
export const LIVE_CHANNEL = "switchboard_live";

export type LiveNotice = { w: string; c: string; e: string; s: string };

export const queueNameFor = (conversationId: string) => `conv:${conversationId}`;

export const eventPayloads = {
  customer_message: z.object({ text: z.string() }),
  operator_reply: z.object({ text: z.string(), escalationId: z.string().optional() }),
  resolve: z.object({ escalationId: z.string().optional(), note: z.string().default("") }),
  hand_back: z.object({ escalationId: z.string().optional(), nodeId: z.string() }),
  approval_decision: z.object({ approvalId: z.string(), approved: z.boolean(), note: z.string().default("") }),
  take_over: z.object({ reason: z.string().default("An operator took over") }),
} as const;

export type EventKind = keyof typeof eventPayloads;
export type EventPayload<K extends EventKind> = z.output<(typeof eventPayloads)[K]>;
