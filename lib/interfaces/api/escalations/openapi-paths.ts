// The external-handoff callback routes in the public API's OpenAPI document (lib/interfaces/api/openapi.ts merges them).
import { z } from "zod";
import {
  externalActionResultSchema,
  externalReplyBody,
  externalResolveBody,
  handedOffEscalationSchema,
} from "./api-schemas";

type JsonObject = Record<string, unknown>;

const schema = (s: z.ZodType, io: "input" | "output" = "output"): JsonObject => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" }) as JsonObject;
  return rest;
};
const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });

const ERRORS: Record<number, string> = {
  400: "The body is not valid JSON.",
  401: "Missing, unknown or revoked API key.",
  404: "No escalation with this id in the key's workspace, or it is handled in the inbox rather than handed off.",
  409: "The escalation is resolved (or being resolved), or its conversation has ended; or the idempotencyKey was used with another text.",
  413: "The body is too large.",
  422: "The body (or `after`) does not match the schema; `error.fields` names the paths. Nothing was changed.",
  429: "Over the key's per-minute limit; see the Retry-After header.",
};
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { description: ERRORS[status], content: json("Error") }]),
  );

const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "Escalation id (from the handoff's `escalation.id`)",
};
const tag = ["External handoff"];

export const handoffOpenApiSchemas: JsonObject = {
  HandedOffEscalation: schema(handedOffEscalationSchema),
  ExternalReply: schema(externalReplyBody, "input"),
  ExternalResolve: schema(externalResolveBody, "input"),
  ExternalActionResult: schema(externalActionResultSchema),
};

const processed = (what: string) => ({
  "200": {
    description: `${what}; \`messages\` holds what it added to the transcript.`,
    content: json("ExternalActionResult"),
  },
  "202": {
    description:
      "Accepted, still being applied after the wait (`Prefer: wait=<seconds>`); read the escalation to follow it.",
    content: json("ExternalActionResult"),
  },
});

export const handoffOpenApiPaths: JsonObject = {
  "/api/v1/escalations/{id}": {
    get: {
      operationId: "getHandedOffEscalation",
      tags: tag,
      summary:
        "An escalation handed to your contact centre: status, externalRef and the conversation's messages since a cursor",
      parameters: [
        idParam,
        {
          name: "after",
          in: "query",
          required: false,
          schema: { type: "integer", minimum: 0 },
          description: "Only messages with a greater seq (the previous response's `cursor`).",
        },
      ],
      responses: {
        "200": { description: "The escalation", content: json("HandedOffEscalation") },
        ...errors(401, 404, 422, 429),
      },
    },
  },
  "/api/v1/escalations/{id}/messages": {
    post: {
      operationId: "replyToHandedOffEscalation",
      tags: tag,
      summary: "Reply to the customer (shown as an operator reply, authored “<endpoint> · <author>”)",
      parameters: [idParam],
      requestBody: { required: true, content: json("ExternalReply") },
      responses: { ...processed("The reply was sent"), ...errors(400, 401, 404, 409, 413, 422, 429) },
    },
  },
  "/api/v1/escalations/{id}/resolve": {
    post: {
      operationId: "resolveHandedOffEscalation",
      tags: tag,
      summary: "Resolve the escalation and end the conversation (optionally with a closing note to the customer)",
      parameters: [idParam],
      requestBody: { required: true, content: json("ExternalResolve") },
      responses: { ...processed("Resolved"), ...errors(400, 401, 404, 409, 413, 422, 429) },
    },
  },
};
