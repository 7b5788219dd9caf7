// The OpenAPI 3.1 document of the public API, generated from the same zod schemas the handlers validate with.
import { z } from "zod";
import { handoffOpenApiPaths, handoffOpenApiSchemas } from "@/lib/interfaces/api/escalations/openapi-paths";
import { MAX_BODY_BYTES } from "./limits";
import {
  conversationSchema,
  conversationStatusSchema,
  createConversationBody,
  errorSchema,
  messageResultSchema,
  messageSchema,
  postMessageBody,
  startedConversationSchema,
  traceSchema,
  turnSchema,
} from "./schemas";

type JsonObject = Record<string, unknown>;

// The data of the event stream's `message` and `status` events (lib/interfaces/api/conversation-events.ts).
const streamMessageSchema = messageSchema.extend({
  seq: z.number().int().describe("Position in the transcript; also the event id."),
});
const streamStatusSchema = z.object({
  status: conversationStatusSchema,
  waitingFor: z
    .enum(["customer", "human", "approval", "timer"])
    .nullable()
    .describe("What the run waits for; null while it runs or once it has ended."),
  currentNodeId: z.string().nullable(),
});

const schema = (s: z.ZodType, io: "input" | "output" = "output"): JsonObject => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as JsonObject;
  return rest;
};

const json = (s: JsonObject | { $ref: string }) => ({ "application/json": { schema: s } });
const errorRef = { $ref: "#/components/schemas/Error" };

function errors(...statuses: number[]): JsonObject {
  const text: Record<number, string> = {
    400: "The body is not valid JSON (for the event stream: `after` is not a non-negative integer).",
    401: "Missing, unknown or revoked API key.",
    404: "Not found in the key's workspace.",
    409: "Conflicts with the conversation's state (e.g. it has ended) or the flow is not published.",
    413: `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
    422: "The body does not match the schema; `error.fields` names the paths.",
    429: "Over a rate limit (the key's per-minute limit, the client address's, or the conversation's messages per minute); see the Retry-After header.",
  };
  return Object.fromEntries(
    statuses.map((status) => [String(status), { description: text[status], content: json(errorRef) }]),
  );
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Conversation id" };

export function openApiDocument(serverUrl?: string): JsonObject {
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard API",
      version: "1.0.0",
      description:
        'Start conversations on published flows, send customer messages and read transcripts and traces. Authenticate with an API key from Settings → API keys: `Authorization: Bearer sb_live_…`. Errors are `{ "error": { "code", "message" } }`. Show customers a message\'s `sender`, never its `author` (an internal label).',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API key, e.g. sb_live_…" } },
      schemas: {
        Error: schema(errorSchema),
        CreateConversation: schema(createConversationBody, "input"),
        PostMessage: schema(postMessageBody, "input"),
        Message: schema(messageSchema),
        StartedConversation: schema(startedConversationSchema),
        MessageResult: schema(messageResultSchema),
        Turn: schema(turnSchema),
        Conversation: schema(conversationSchema),
        Trace: schema(traceSchema),
        StreamMessage: schema(streamMessageSchema),
        StreamStatus: schema(streamStatusSchema),
        ...handoffOpenApiSchemas,
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
            "200": {
              description:
                "The turn ran (or, for a repeated idempotencyKey, its first result). A message to an ended conversation reopens it within the workspace's reopen window (7 days by default); after it, a new conversation continues the old one, and `conversation.id` names it.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/MessageResult" },
                  example: {
                    conversation: { id: "cm…", status: "active" },
                    replies: [
                      {
                        id: "cm…",
                        role: "agent",
                        author: "Order status agent",
                        sender: "Acme Assistant",
                        text: "Order A1001 has shipped and should arrive on Thursday.",
                        createdAt: "2025-01-01T00:00:01.000Z",
                      },
                    ],
                  },
                },
              },
            },
            "202": {
              description:
                "Accepted, but the flow is still running after the wait (ENGINE_TURN_WAIT_MS, or `Prefer: wait=<seconds>`): poll the Location, or follow the event stream.",
              headers: {
                Location: {
                  schema: { type: "string" },
                  description: "The turn's URL: /api/v1/conversations/{id}/turns/{eventId}",
                },
              },
              content: json({ $ref: "#/components/schemas/Turn" }),
            },
            ...errors(400, 401, 404, 409, 413, 422, 429),
          },
        },
      },
      "/api/v1/conversations/{id}": {
        get: {
          operationId: "getConversation",
          summary: "A conversation: transcript, status, flow version and open escalation",
          parameters: [idParam],
          responses: {
            "200": { description: "The conversation", content: json({ $ref: "#/components/schemas/Conversation" }) },
            ...errors(401, 404, 429),
          },
        },
      },
      "/api/v1/conversations/{id}/events": {
        get: {
          operationId: "streamConversationEvents",
          summary: "Follow a conversation live (server-sent events)",
          description: [
            "A `text/event-stream` that first replays the transcript, then sends each new message and status change as the engine commits it. Use `EventSource` or any SSE client; the stream stays open until the client disconnects.",
            "",
            "- `retry: 2000` is sent first (reconnect delay in ms).",
            "- `event: message`, `id: <seq>`: data `{ id, seq, role, author, sender, text, createdAt }` (the `Message` schema plus its `seq`), in `seq` order. Show customers `sender`; `author` is the internal label.",
            "- `event: status` (no id): data `{ status, waitingFor, currentNodeId }`; sent once after the replay and again whenever any of them changes. `waitingFor` is `customer`, `human`, `approval`, `timer` or null.",
            "- `: ping` comment lines every 15 s keep proxies from closing an idle stream.",
            "",
            "Resume with the `Last-Event-ID` header (EventSource sends it on reconnect) or `?after=<seq>`: only messages with a greater `seq` are replayed. Without either, the whole transcript is replayed.",
          ].join("\n"),
          parameters: [
            idParam,
            {
              name: "after",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 0 },
              description: "Replay only messages with a greater seq (default 0: all).",
            },
            {
              name: "Last-Event-ID",
              in: "header",
              required: false,
              schema: { type: "string" },
              description: "The last `message` id received; takes precedence over `after`.",
            },
          ],
          responses: {
            "200": {
              description: "The event stream",
              content: {
                "text/event-stream": {
                  schema: { type: "string" },
                  // OpenAPI 3.1 has no per-event schema (3.2's itemSchema); name the data schemas in an extension.
                  "x-sse-events": {
                    message: { id: "the message seq", data: { $ref: "#/components/schemas/StreamMessage" } },
                    status: { data: { $ref: "#/components/schemas/StreamStatus" } },
                  },
                  example:
                    'retry: 2000\n\nid: 1\nevent: message\ndata: {"id":"cm…","seq":1,"role":"agent","author":"Web and API chat","sender":"Acme Assistant","text":"Hi! How can I help?","createdAt":"2025-01-01T00:00:00.000Z"}\n\nevent: status\ndata: {"status":"active","waitingFor":"customer","currentNodeId":"ask"}\n\n',
                },
              },
            },
            ...errors(400, 401, 404, 429),
          },
        },
      },
      "/api/v1/conversations/{id}/trace": {
        get: {
          operationId: "getConversationTrace",
          summary:
            "The steps the engine executed, in order, and the span tree (run, node, route, tool, guardrail, escalation)",
          parameters: [idParam],
          responses: {
            "200": { description: "The trace", content: json({ $ref: "#/components/schemas/Trace" }) },
            ...errors(401, 404, 429),
          },
        },
      },
      "/api/v1/conversations/{id}/turns/{eventId}": {
        get: {
          operationId: "getTurn",
          summary: "A message's turn, for messages answered 202: processing, done with the replies, or failed",
          parameters: [
            idParam,
            {
              name: "eventId",
              in: "path",
              required: true,
              schema: { type: "string" },
              description: "The turn id from the 202 response",
            },
          ],
          responses: {
            "200": { description: "The turn", content: json({ $ref: "#/components/schemas/Turn" }) },
            ...errors(401, 404, 429),
          },
        },
      },
      ...handoffOpenApiPaths,
    },
  };
}
