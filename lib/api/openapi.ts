// The OpenAPI 3.1 document of the public API, generated from the same zod schemas the handlers validate with.
import { z } from "zod";
import { MAX_BODY_BYTES } from "./limits";
import {
  conversationSchema,
  createConversationBody,
  errorSchema,
  messageResultSchema,
  postMessageBody,
  startedConversationSchema,
  traceSchema,
} from "./schemas";

type JsonObject = Record<string, unknown>;

const schema = (s: z.ZodType, io: "input" | "output" = "output"): JsonObject => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as JsonObject;
  return rest;
};

const json = (s: JsonObject | { $ref: string }) => ({ "application/json": { schema: s } });
const errorRef = { $ref: "#/components/schemas/Error" };

function errors(...statuses: number[]): JsonObject {
  const text: Record<number, string> = {
    400: "The body is not valid JSON.",
    401: "Missing, unknown or revoked API key.",
    404: "Not found in the key's workspace.",
    409: "Conflicts with the conversation's state (e.g. it has ended) or the flow is not published.",
    413: `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
    422: "The body does not match the schema; `error.fields` names the paths.",
    429: "Over the key's per-minute limit; see the Retry-After header.",
  };
  return Object.fromEntries(statuses.map((status) => [String(status), { description: text[status], content: json(errorRef) }]));
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Conversation id" };

export function openApiDocument(serverUrl?: string): JsonObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard API",
      version: "1.0.0",
      description:
        "Start conversations on published flows, send customer messages and read transcripts and traces. Authenticate with an API key from Settings → API keys: `Authorization: Bearer sb_live_…`. Errors are `{ \"error\": { \"code\", \"message\" } }`.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key, e.g. sb_live_…" } },
      schemas: {
        Error: schema(errorSchema),
        CreateConversation: schema(createConversationBody, "input"),
        PostMessage: schema(postMessageBody, "input"),
        StartedConversation: schema(startedConversationSchema),
        MessageResult: schema(messageResultSchema),
        Conversation: schema(conversationSchema),
        Trace: schema(traceSchema),
      },
    },
    paths: {
      "/api/v1/conversations": {
        post: {
          operationId: "createConversation",
          summary: "Start a conversation on a published flow",
          requestBody: { required: true, content: json({ $ref: "#/components/schemas/CreateConversation" }) },
          responses: {
            "201": {
              description: "Started; the greeting, if the flow has one, is in `messages`.",
              headers: { Location: { schema: { type: "string" }, description: "The new conversation's URL" } },
              content: json({ $ref: "#/components/schemas/StartedConversation" }),
            },
            ...errors(400, 401, 404, 409, 413, 422, 429),
          },
        },
      },
      "/api/v1/conversations/{id}/messages": {
        post: {
          operationId: "postMessage",
          summary: "Send a customer message and get the flow's replies",
          parameters: [idParam],
          requestBody: { required: true, content: json({ $ref: "#/components/schemas/PostMessage" }) },
          responses: {
            "200": { description: "The turn ran (or, for a repeated idempotencyKey, its first result).", content: json({ $ref: "#/components/schemas/MessageResult" }) },
            ...errors(400, 401, 404, 409, 413, 422, 429),
          },
        },
      },
      "/api/v1/conversations/{id}": {
        get: {
          operationId: "getConversation",
          summary: "A conversation: transcript, status, flow version and open escalation",
          parameters: [idParam],
          responses: { "200": { description: "The conversation", content: json({ $ref: "#/components/schemas/Conversation" }) }, ...errors(401, 404, 429) },
        },
      },
      "/api/v1/conversations/{id}/trace": {
        get: {
          operationId: "getConversationTrace",
          summary: "The steps the engine executed, in order",
          parameters: [idParam],
          responses: { "200": { description: "The trace", content: json({ $ref: "#/components/schemas/Trace" }) }, ...errors(401, 404, 429) },
        },
      },
    },
  };
}
