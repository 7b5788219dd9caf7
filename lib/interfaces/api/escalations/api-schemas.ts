// The callback API an external contact centre uses for an escalation handed to it: one zod schema per request and
// response, read by the route handlers and the OpenAPI document alike.
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";

export const escalationIdParams = z.object({ id: z.string().min(1).max(100) });

const externalRef = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe("The contact centre's own reference (ticket or case id); stored on the escalation.");

export const escalationCursorQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .default(0)
    .describe("Return only messages with a greater seq (the `cursor` of the previous response)."),
});

export const externalReplyBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, "The reply is empty")
      .max(MAX_MESSAGE_LENGTH, `Replies are limited to ${MAX_MESSAGE_LENGTH} characters`),
    author: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .describe('Who wrote it, shown to the customer after the endpoint\'s name, e.g. "Jane" → "Acme CC · Jane".'),
    externalRef: externalRef.optional(),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("Send the same key again (e.g. on a retry) to get the first result back instead of a second reply."),
  })
  .strict();

export const externalResolveBody = z
  .object({
    note: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .describe("A closing message to the customer, sent before the conversation ends."),
    externalRef: externalRef.optional(),
  })
  .strict();

const isoDate = z.iso.datetime();

export const escalationMessageSchema = z.object({
  seq: z.number().int().describe("Position in the transcript."),
  id: z.string(),
  role: z.enum(["customer", "agent", "operator", "system"]),
  author: z.string().nullable(),
  text: z.string().describe("Customer messages are stored with personal data replaced by placeholders."),
  createdAt: isoDate,
});

const escalationStatus = z.enum(["open", "claimed", "resolved"]);
const conversationStatus = z.enum(["active", "escalated", "resolved", "abandoned", "failed"]);

export const handedOffEscalationSchema = z.object({
  id: z.string(),
  status: escalationStatus.describe("`claimed` while the contact centre has it, `resolved` once it is done."),
  reason: z.string(),
  queue: z.string(),
  priority: z.number().int(),
  skills: z.array(z.string()),
  externalRef: z.string().nullable(),
  handoff: z.object({ endpoint: z.string().nullable().describe("The handoff endpoint's name.") }),
  createdAt: isoDate,
  slaDueAt: isoDate,
  firstResponseAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  conversation: z.object({ id: z.string(), status: conversationStatus, channel: z.string() }),
  messages: z
    .array(escalationMessageSchema)
    .describe("The conversation's messages after the `after` cursor, oldest first (at most 200)."),
  cursor: z.number().int().describe("Pass as `?after=` to get only newer messages."),
});

export const externalActionResultSchema = z.object({
  id: z.string().describe("The command's event id."),
  status: z.enum(["processing", "done", "failed"]),
  escalation: z.object({ id: z.string(), status: escalationStatus, externalRef: z.string().nullable() }),
  conversation: z.object({ id: z.string(), status: conversationStatus }),
  messages: z
    .array(escalationMessageSchema)
    .describe("The messages the command added (the reply, or the closing note)."),
});

export type ExternalReplyBody = z.output<typeof externalReplyBody>;
export type ExternalResolveBody = z.output<typeof externalResolveBody>;
