// The public API's entities, one zod schema each. Request schemas validate input; response schemas document what
// the handlers return. Both feed the OpenAPI document (lib/interfaces/api/openapi.ts), so the docs cannot drift from the code.
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";

export const conversationIdParams = z.object({ id: z.string().min(1).max(100) });
export const turnParams = z.object({ id: z.string().min(1).max(100), eventId: z.string().min(1).max(100) });

export const createConversationBody = z
  .object({
    flow: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("The slug of a published flow in the key's workspace, e.g. retail-support."),
    customer: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'A customer reference in this workspace, e.g. "C-1001". The conversation\'s customer is then verified: only name one your system has authenticated. Without it the flow verifies the customer itself before account tools run.',
      ),
    channel: z.enum(["api", "web"]).default("api"),
    metadata: z
      .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .refine((value) => Object.keys(value).length <= 50, "At most 50 metadata keys")
      .optional()
      .describe("Free-form attributes recorded with the conversation's audit entry."),
  })
  .strict();

export const postMessageBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, "The message is empty")
      .max(MAX_MESSAGE_LENGTH, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters`),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("Send the same key again (e.g. on a retry) to get the first result back instead of a second turn."),
  })
  .strict();

const isoDate = z.iso.datetime();

export const messageSchema = z.object({
  id: z.string(),
  role: z.enum(["customer", "agent", "operator", "system"]),
  author: z
    .string()
    .nullable()
    .describe(
      "Internal: the label of the flow node that wrote the message, or the operator's full name, for consoles and logs. Kept for compatibility; do not show it to customers, show `sender`.",
    )
    .meta({ examples: ["Web and API chat", "Dana Whitfield", null] }),
  sender: z
    .string()
    .nullable()
    .describe(
      "The name to show customers as the sender, the one the chat page shows: the node's or flow's own sender name, else the workspace's assistant name (Settings → Conversations); an in-house operator's first name, a contact centre's person as the contact centre signs them; `Notice` for a system notice. Null for the customer's own messages.",
    )
    .meta({ examples: ["Acme Assistant", "Dana", null] }),
  text: z.string(),
  createdAt: isoDate,
});

export const conversationStatusSchema = z.enum(["active", "escalated", "resolved", "abandoned", "failed"]);

export const startedConversationSchema = z.object({
  id: z.string(),
  status: conversationStatusSchema,
  messages: z.array(messageSchema),
});

export const messageResultSchema = z.object({
  conversation: z.object({ id: z.string(), status: conversationStatusSchema }),
  replies: z.array(messageSchema),
});

export const turnSchema = z.object({
  id: z.string().describe("The turn's event id."),
  status: z.enum(["processing", "done", "failed"]),
  error: z.string().nullable().describe("Why the turn could not be processed, when it failed."),
  conversation: z.object({ id: z.string(), status: conversationStatusSchema }),
  replies: z.array(messageSchema).describe("The flow's replies to this message, once done."),
});

export const escalationSchema = z.object({
  id: z.string(),
  status: z.enum(["open", "claimed"]),
  queue: z.string(),
  reason: z.string(),
});

export const conversationSchema = z.object({
  id: z.string(),
  status: conversationStatusSchema,
  channel: z.string(),
  customer: z.string().nullable().describe("The customer reference, if the conversation has one."),
  currentNodeId: z.string().nullable().describe("The node waiting for the customer's next message, if any."),
  waitingFor: z
    .enum(["customer", "human", "approval", "timer"])
    .nullable()
    .describe("What the run waits for; null while it runs or once it has ended."),
  flow: z.object({ slug: z.string(), version: z.number().int().nullable() }),
  startedAt: isoDate,
  endedAt: isoDate.nullable(),
  escalation: escalationSchema.nullable().describe("The open or claimed escalation, or null."),
  messages: z.array(messageSchema),
});

export const stepSchema = z.object({
  nodeId: z.string(),
  nodeKind: z.string(),
  turn: z.number().int(),
  seq: z.number().int(),
  status: z.enum(["running", "completed", "failed"]),
  startedAt: isoDate,
  endedAt: isoDate.nullable(),
  durationMs: z.number().int().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  error: z.string().nullable(),
});

export const spanSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(["run", "node", "route", "llm", "tool", "guardrail", "escalation"]),
  name: z.string(),
  status: z.enum(["ok", "error"]),
  startedAt: isoDate,
  durationMs: z.number(),
  input: z.unknown().describe("PII-redacted."),
  output: z.unknown().describe("PII-redacted."),
  error: z.string().nullable(),
  attributes: z.unknown(),
  tokensIn: z.number().int().nullable(),
  tokensOut: z.number().int().nullable(),
  costUsd: z.number().nullable(),
});

export const traceSchema = z.object({
  conversationId: z.string(),
  steps: z.array(stepSchema),
  spans: z
    .array(spanSchema)
    .describe("Run, node, route, tool, guardrail and escalation spans; a tree through parentId."),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.enum([
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "NOT_FOUND",
      "VALIDATION",
      "CONFLICT",
      "RATE_LIMITED",
      "BAD_REQUEST",
      "PAYLOAD_TOO_LARGE",
      "INTERNAL",
    ]),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional().describe("For VALIDATION: messages by field path."),
  }),
});

export type CreateConversationBody = z.output<typeof createConversationBody>;
export type PostMessageBody = z.output<typeof postMessageBody>;
