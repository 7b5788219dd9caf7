// Pure: one engine event's stored Span rows → OpenTelemetry spans, named and attributed by the GenAI semantic
// conventions (invoke_workflow for the run, invoke_agent for agent nodes, chat for model calls, execute_tool for tool
// calls) plus switchboard.* attributes, with the rows' own times and parentage. Ids are derived, not random: the
// trace id from the event id and each span id from its row id, so exporting the same event again yields the same ids.
import { createHash } from "node:crypto";
import {
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  type Attributes,
  type AttributeValue,
  type HrTime,
} from "@opentelemetry/api";
import type { Resource } from "@opentelemetry/resources";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { redactPiiText } from "@/lib/model/guardrails/redact-pii";
import { GEN_AI, GEN_AI_OPERATION, GEN_AI_PROVIDER_OPENAI, STANDARD } from "./genai-attributes";

/** A Span row as the engine stores it (prisma model Span). */
export type SpanRow = {
  id: string;
  parentId: string | null;
  stepId: string | null;
  kind: string;
  name: string;
  status: string;
  startedAt: Date;
  durationMs: number;
  input: unknown;
  output: unknown;
  error: string | null;
  attributes: unknown;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
};

/** The event the rows belong to, and what it ran: one trace per event (a conversation turn). */
export type EventTrace = {
  eventId: string;
  eventKind: string;
  /** done | failed (an event still running or queued is not exported). */
  eventStatus: string;
  eventError: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  workspaceId: string;
  conversationId: string;
  channel: string;
  turn: number | null;
  flow: { slug: string; name: string; versionId: string; version: number | null } | null;
};

export type ConvertOptions = { resource: Resource; captureContent: boolean };

export const INSTRUMENTATION_SCOPE = { name: "switchboard.engine" };
/** Content attributes are cut here: a backend rejects (or a UI chokes on) megabyte attribute values. */
export const MAX_CONTENT_CHARS = 16_000;

const hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** 16 bytes from the event id (never all zero, which OTLP treats as invalid). */
export function traceIdForEvent(eventId: string): string {
  const id = hex(`switchboard.trace:${eventId}`).slice(0, 32);
  return /^0+$/.test(id) ? `${id.slice(0, 31)}1` : id;
}

/** 8 bytes from the row id. */
export function spanIdForRow(rowId: string): string {
  const id = hex(`switchboard.span:${rowId}`).slice(0, 16);
  return /^0+$/.test(id) ? `${id.slice(0, 15)}1` : id;
}

export const runSpanRowId = (eventId: string) => `${eventId}:run`;

const hrTime = (ms: number): HrTime => {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos];
};

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const number = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;
const bool = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);

function put(attributes: Attributes, key: string, value: AttributeValue | undefined | null) {
  if (value === undefined || value === null || value === "") return;
  attributes[key] = value;
}

function contentJson(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const json = typeof value === "string" ? value : JSON.stringify(value);
  return json.length > MAX_CONTENT_CHARS ? `${json.slice(0, MAX_CONTENT_CHARS)}…[truncated]` : json;
}

const textMessages = (role: "user" | "assistant", content: string, finishReason?: string) =>
  contentJson([{ role, parts: [{ type: "text", content }], ...(finishReason ? { finish_reason: finishReason } : {}) }]);

/** The routing decision a router node (output.decision) or its route span (output) carries. */
function routeDecision(row: SpanRow): Record<string, unknown> | null {
  const output = asRecord(row.output);
  if (!output) return null;
  return asRecord(output.decision) ?? (row.kind === "route" ? output : null);
}

function putRoute(attributes: Attributes, decision: Record<string, unknown> | null) {
  if (!decision) return;
  put(attributes, "switchboard.route.chosen", text(decision.chosen));
  put(attributes, "switchboard.route.confidence", number(decision.confidence));
  put(attributes, "switchboard.route.strategy", text(decision.strategy));
  put(attributes, "switchboard.route.predicted", text(decision.predicted));
  put(attributes, "switchboard.route.threshold", number(decision.threshold));
  put(attributes, "switchboard.route.low_confidence", bool(decision.lowConfidence));
}

type Shaped = { name: string; kind: SpanKind; attributes: Attributes };

/** Name, span kind and kind-specific attributes of one row. */
function shape(row: SpanRow, trace: EventTrace, captureContent: boolean): Shaped {
  const attrs = asRecord(row.attributes) ?? {};
  const input = asRecord(row.input);
  const output = asRecord(row.output);
  const attributes: Attributes = {};
  switch (row.kind) {
    case "run": {
      const workflow = trace.flow?.slug ?? "flow";
      put(attributes, GEN_AI.operationName, GEN_AI_OPERATION.invokeWorkflow);
      put(attributes, GEN_AI.workflowName, trace.flow?.name ?? workflow);
      put(attributes, "switchboard.event.kind", trace.eventKind);
      put(attributes, "switchboard.run.status", text(attrs.status));
      put(attributes, "switchboard.run.waiting_for", text(attrs.waitingFor));
      put(attributes, "switchboard.run.steps", number(attrs.steps));
      return { name: `${GEN_AI_OPERATION.invokeWorkflow} ${workflow}`, kind: SpanKind.INTERNAL, attributes };
    }
    case "llm": {
      const model = row.name;
      const provider = text(attrs.provider);
      put(attributes, GEN_AI.operationName, GEN_AI_OPERATION.chat);
      put(attributes, GEN_AI.providerName, providerOf(provider));
      put(attributes, GEN_AI.system, providerOf(provider));
      put(attributes, GEN_AI.requestModel, model);
      put(attributes, GEN_AI.responseModel, model);
      put(attributes, GEN_AI.inputTokens, row.tokensIn);
      put(attributes, GEN_AI.outputTokens, row.tokensOut);
      const finish = text(attrs.finishReason);
      if (finish) attributes[GEN_AI.responseFinishReasons] = [finish];
      put(attributes, STANDARD.errorType, text(attrs.errorCode) ?? (row.status === "error" ? "error" : undefined));
      put(attributes, "switchboard.llm.provider", provider);
      put(attributes, "switchboard.llm.attempts", number(attrs.attempts));
      put(attributes, "switchboard.llm.fallback_used", bool(attrs.fallbackUsed));
      if (captureContent && text(output?.text))
        put(attributes, GEN_AI.outputMessages, textMessages("assistant", text(output?.text)!, finish));
      return { name: `${GEN_AI_OPERATION.chat} ${model}`, kind: SpanKind.CLIENT, attributes };
    }
    case "tool": {
      put(attributes, GEN_AI.operationName, GEN_AI_OPERATION.executeTool);
      put(attributes, GEN_AI.toolName, row.name);
      put(attributes, GEN_AI.toolType, "function");
      // The model's own call id is not stored; the idempotency key is as unique and stable for this call.
      put(attributes, GEN_AI.toolCallId, text(attrs.callId) ?? text(attrs.idempotencyKey));
      put(attributes, GEN_AI.agentId, text(attrs.agent));
      put(attributes, STANDARD.errorType, row.status === "error" ? (text(attrs.denied) ?? "tool_error") : undefined);
      put(attributes, "switchboard.tool.source", text(attrs.source));
      put(attributes, "switchboard.tool.node_id", text(attrs.toolNodeId));
      put(attributes, "switchboard.tool.replayed", bool(attrs.replayed));
      put(attributes, "switchboard.tool.side_effect", bool(attrs.sideEffect));
      put(attributes, "switchboard.tool.denied", text(attrs.denied));
      if (captureContent) {
        put(attributes, GEN_AI.toolCallArguments, contentJson(row.input));
        put(attributes, GEN_AI.toolCallResult, contentJson(row.output));
      }
      return { name: `${GEN_AI_OPERATION.executeTool} ${row.name}`, kind: SpanKind.INTERNAL, attributes };
    }
    case "guardrail": {
      put(attributes, "switchboard.guardrail.policy", row.name);
      put(
        attributes,
        "switchboard.guardrail.outcome",
        text(output?.outcome) ?? (row.status === "error" ? "block" : "pass"),
      );
      put(attributes, "switchboard.guardrail.stage", text(attrs.stage) ?? text(input?.stage));
      put(attributes, "switchboard.guardrail.on_violation", text(attrs.onViolation));
      break;
    }
    case "route":
      putRoute(attributes, routeDecision(row));
      break;
    case "escalation": {
      put(attributes, "switchboard.escalation.id", text(output?.escalationId));
      put(attributes, "switchboard.escalation.queue", text(output?.queue));
      put(attributes, "switchboard.escalation.priority", number(output?.priority));
      put(attributes, "switchboard.escalation.trigger", text(output?.trigger));
      break;
    }
    case "node": {
      const nodeKind = text(attrs.nodeKind);
      put(attributes, "switchboard.node.id", text(attrs.nodeId));
      put(attributes, "switchboard.node.kind", nodeKind);
      put(attributes, "switchboard.node.branch", text(attrs.branch));
      put(attributes, "switchboard.node.attempts", number(attrs.attempts));
      put(attributes, "switchboard.node.attempt", number(attrs.attempt));
      put(attributes, "switchboard.node.retriable", bool(attrs.retriable));
      if (nodeKind === "router") putRoute(attributes, routeDecision(row));
      if (nodeKind === "guardrail") put(attributes, "switchboard.guardrail.outcome", text(output?.outcome));
      if (nodeKind === "agent" || nodeKind === "remote_agent") {
        put(attributes, GEN_AI.operationName, GEN_AI_OPERATION.invokeAgent);
        put(attributes, GEN_AI.agentName, row.name);
        put(attributes, GEN_AI.agentId, text(attrs.nodeId));
        const model = text(output?.model);
        if (model) {
          put(attributes, GEN_AI.requestModel, model);
          put(attributes, GEN_AI.providerName, providerOf(text(output?.provider)));
        }
        if (captureContent) {
          if (text(input?.text)) put(attributes, GEN_AI.inputMessages, textMessages("user", text(input?.text)!));
          if (text(output?.reply))
            put(attributes, GEN_AI.outputMessages, textMessages("assistant", text(output?.reply)!, "stop"));
        }
        // A remote (A2A) agent runs elsewhere: the span is the client side of that call.
        return {
          name: `${GEN_AI_OPERATION.invokeAgent} ${row.name}`,
          kind: nodeKind === "remote_agent" ? SpanKind.CLIENT : SpanKind.INTERNAL,
          attributes,
        };
      }
      break;
    }
  }
  if (captureContent && row.kind !== "run") {
    put(attributes, "switchboard.input", contentJson(row.input));
    put(attributes, "switchboard.output", contentJson(row.output));
  }
  return { name: row.name, kind: SpanKind.INTERNAL, attributes };
}

/** Offline is Switchboard's own deterministic stand-in; every other provider is reached through the OpenAI API. */
function providerOf(provider: string | undefined): string | undefined {
  if (!provider) return undefined;
  return provider === "offline" ? "switchboard.offline" : GEN_AI_PROVIDER_OPENAI;
}

/** Attributes every span of the trace carries, so any span found by a search leads back to its conversation. */
function commonAttributes(trace: EventTrace): Attributes {
  const attributes: Attributes = {};
  put(attributes, GEN_AI.conversationId, trace.conversationId);
  put(attributes, STANDARD.sessionId, trace.conversationId);
  put(attributes, "switchboard.workspace.id", trace.workspaceId);
  put(attributes, "switchboard.conversation.id", trace.conversationId);
  put(attributes, "switchboard.event.id", trace.eventId);
  put(attributes, "switchboard.channel", trace.channel);
  put(attributes, "switchboard.turn", trace.turn);
  put(attributes, "switchboard.flow.slug", trace.flow?.slug);
  put(attributes, "switchboard.flow.version", trace.flow?.version);
  put(attributes, "switchboard.flow.version_id", trace.flow?.versionId);
  return attributes;
}

/**
 * A root for an event that failed before its run span was written (the engine writes it when the event finishes):
 * it spans the rows, ends at the failure and carries the reason.
 */
function syntheticRun(rows: SpanRow[], trace: EventTrace): SpanRow {
  const starts = rows.map((row) => row.startedAt.getTime());
  const ends = rows.map((row) => row.startedAt.getTime() + Math.max(0, row.durationMs));
  const start = Math.min(trace.startedAt?.getTime() ?? Infinity, ...starts);
  const begin = Number.isFinite(start) ? start : (trace.finishedAt?.getTime() ?? Date.now());
  const end = Math.max(trace.finishedAt?.getTime() ?? begin, ...ends, begin);
  const failed = trace.eventStatus === "failed";
  return {
    id: runSpanRowId(trace.eventId),
    parentId: null,
    stepId: null,
    kind: "run",
    name: trace.eventKind,
    status: failed ? "error" : "ok",
    startedAt: new Date(begin),
    durationMs: end - begin,
    input: null,
    output: null,
    error: failed ? (trace.eventError ?? "The event failed") : null,
    attributes: { status: failed ? "failed" : undefined },
    tokensIn: null,
    tokensOut: null,
    costUsd: null,
  };
}

/** The event's spans as OTel spans: the run span is the root; a row whose parent is missing hangs under it. */
export function eventTraceSpans(rows: SpanRow[], trace: EventTrace, options: ConvertOptions): ReadableSpan[] {
  const rootId = runSpanRowId(trace.eventId);
  const all = rows.some((row) => row.id === rootId) ? rows : [syntheticRun(rows, trace), ...rows];
  const ids = new Set(all.map((row) => row.id));
  const traceId = traceIdForEvent(trace.eventId);
  const common = commonAttributes(trace);
  const turnCost = all.reduce((sum, row) => sum + (row.kind === "run" ? 0 : (row.costUsd ?? 0)), 0);

  return all.map((row) => {
    const parentRowId =
      row.id === rootId
        ? null
        : row.parentId && row.parentId !== row.id && ids.has(row.parentId)
          ? row.parentId
          : rootId;
    const shaped = shape(row, trace, options.captureContent);
    const attributes: Attributes = { ...common, ...shaped.attributes };
    put(attributes, "switchboard.span.id", row.id);
    put(attributes, "switchboard.span.kind", row.kind);
    put(attributes, "switchboard.step.id", row.stepId);
    put(attributes, "switchboard.cost_usd", row.costUsd);
    if (row.id === rootId && turnCost > 0)
      put(attributes, "switchboard.turn.cost_usd", Math.round(turnCost * 1e10) / 1e10);
    const startMs = row.startedAt.getTime();
    const durationMs = Math.max(0, row.durationMs);
    const failed = row.status === "error";
    const spanContext = { traceId, spanId: spanIdForRow(row.id), traceFlags: TraceFlags.SAMPLED, isRemote: false };
    const span: ReadableSpan = {
      name: shaped.name,
      kind: shaped.kind,
      spanContext: () => spanContext,
      parentSpanContext: parentRowId
        ? { traceId, spanId: spanIdForRow(parentRowId), traceFlags: TraceFlags.SAMPLED, isRemote: false }
        : undefined,
      startTime: hrTime(startMs),
      endTime: hrTime(startMs + durationMs),
      duration: hrTime(durationMs),
      // Row errors are not redacted by the engine (only inputs and outputs are): a tool's message may quote the customer.
      status: failed
        ? { code: SpanStatusCode.ERROR, message: redactPiiText(row.error ?? "error") }
        : { code: SpanStatusCode.UNSET },
      attributes,
      links: [],
      events: [],
      ended: true,
      resource: options.resource,
      instrumentationScope: INSTRUMENTATION_SCOPE,
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
    return span;
  });
}
