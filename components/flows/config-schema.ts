// A node kind's config as JSON Schema (from its zod schema, cached), the helpers that read it (type, default value
// for a new item) and the names the config form shows for fields and keys.
import { z } from "zod";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  anyOf?: JsonSchema[];
  description?: string;
};

const schemaCache = new Map<NodeKind, JsonSchema>();

export function configJsonSchema(kind: NodeKind): JsonSchema {
  let schema = schemaCache.get(kind);
  if (!schema) {
    schema = z.toJSONSchema(NODE_KINDS[kind].configSchema as z.ZodType, {
      io: "input",
      unrepresentable: "any",
    }) as JsonSchema;
    schemaCache.set(kind, schema);
  }
  return schema;
}

export const MULTILINE = new Set([
  "systemPrompt",
  "reply",
  "template",
  "message",
  "greeting",
  "returnPrompt",
  "prompt",
  "description",
  "rule",
  "responseMap",
  "expression",
  "value",
]);
const LABELS: Record<string, string> = {
  systemPrompt: "System prompt",
  maxTurns: "Max turns",
  fallbackModel: "Fallback model",
  timeoutMs: "Timeout (ms)",
  slaMinutes: "SLA (minutes)",
  responseMap: "Response mapping",
  sideEffect: "Changes data (side effect)",
  onViolation: "On violation",
  approverRole: "Approver role",
  toolNodeId: "Tool node id",
  flowSlug: "Flow slug",
  pass: "Pass state keys",
  builtin: "Built-in tool",
  http: "HTTP request",
  mcp: "MCP tool",
  url: "URL",
  handoff: "Handoff endpoint",
  cardUrl: "Agent card URL",
  skill: "Skill id (optional)",
  replyToCustomer: "Say the answer to the customer",
  outputKey: "Store the answer in state key",
  senderName: "Sender name customers see",
  returnAfter: "Ask the interrupted question again afterwards",
  withdrawsWaiting: "Withdraw a request waiting for approval",
  switchIntents: "Switch to a new request mid-question",
  switchThreshold: "Switch threshold",
  waitingReply: "Reply while an approval is open",
  neverSwitchTo: "Never switch to (route ids)",
  returnAfterSwitch: "Return to the interrupted task after a switch",
  returnPrompt: "Question on returning (all known)",
  reaskLimit: "Re-ask at most (then a person takes over)",
  id: "Id",
  n: "N",
};

export function humanize(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function singular(label: string): string {
  if (label.endsWith("ies")) return `${label.slice(0, -3)}y`;
  if (label.endsWith("ches") || label.endsWith("xes")) return label.slice(0, -2);
  if (label.endsWith("s")) return label.slice(0, -1);
  return label;
}

export function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) {
    const nonNull = schema.anyOf.find((s) => s.type !== "null");
    return nonNull ? typeOf(nonNull) : "null";
  }
  return Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") ?? "string") : (schema.type ?? "string");
}

/** A sensible value for a freshly added item or a switched-on optional object. */
export function defaultFor(schema: JsonSchema, index = 0): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.enum?.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (prop.default !== undefined || schema.required?.includes(key)) {
          out[key] = key === "id" && typeOf(prop) === "string" ? `item_${index + 1}` : defaultFor(prop, index);
        }
      }
      return out;
    }
    case "array":
      return [];
    case "number":
    case "integer":
      return schema.minimum ?? 0;
    case "boolean":
      return false;
    default:
      return "";
  }
}

export type FieldIssues = Map<string, string[]>;
export const pathKey = (path: (string | number)[]) => path.join(".");
