// OTLP export of the engine's traces, after the fact: when an event has finished (its spans committed), its Span rows
// are read back, converted (span-rows-to-otel.ts) and handed to a batching processor that POSTs them to the
// configured endpoint. Fire-and-forget: the engine never waits for it, a slow or failing collector never slows or
// fails a turn, the queue is bounded, and failures are logged at most once a minute without headers or credentials.
import "server-only";
import { onTurnFinished } from "@/lib/runtime/engine/run/turn-finished";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes, type Resource } from "@opentelemetry/resources";
import { BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { db } from "@/lib/platform/db/client";
import { displayEndpoint, otelConfigFromEnv, type OtelConfig } from "./config";
import { STANDARD } from "./genai-attributes";
import { eventTraceSpans, type EventTrace, type SpanRow } from "./span-rows-to-otel";
import { NODE_SPAN_STEP_COLUMNS, withNodeSpans } from "@/lib/platform/trace/node-span";

/** Events being read back at once; beyond this a turn's trace is dropped rather than queueing database reads. */
const MAX_PENDING_EVENTS = 64;
/** Events already exported by this process: a job that runs again for a finished event does not send it twice. */
const REMEMBERED_EVENTS = 2000;
const LOG_EVERY_MS = 60_000;
/** ExportResultCode.SUCCESS of @opentelemetry/core (not a direct dependency). */
const EXPORT_SUCCESS = 0;

type Pipeline = { key: string; processor: BatchSpanProcessor; resource: Resource };
type State = {
  pipeline: Pipeline | null;
  pending: Set<Promise<void>>;
  exported: Set<string>;
  lastLogAt: number;
  unreported: number;
  secrets: string[];
};

// One per process, also when the bundler loads this module twice (Next dev): spans are queued in one place.
const state: State = ((globalThis as { switchboardTelemetry?: State }).switchboardTelemetry ??= {
  pipeline: null,
  pending: new Set(),
  exported: new Set(),
  lastLogAt: 0,
  unreported: 0,
  secrets: [],
});

/** Error text fit for a log line: short, and with no header value or URL credential in it. */
function safeMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of state.secrets) if (secret.length >= 8) message = message.split(secret).join("[redacted]");
  message = message.replace(/\/\/[^/\s@]+@/g, "//[redacted]@");
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

function report(what: string, error: unknown) {
  const now = Date.now();
  if (now - state.lastLogAt < LOG_EVERY_MS) {
    state.unreported++;
    return;
  }
  const more = state.unreported ? ` (and ${state.unreported} more failure(s) in the last minute)` : "";
  state.lastLogAt = now;
  state.unreported = 0;
  console.error(`[telemetry] ${what}: ${safeMessage(error)}${more}`);
}

/** The OTLP exporter, with failed exports reported (throttled) instead of vanishing into OTel's silent default handler. */
class ReportingExporter implements SpanExporter {
  constructor(
    private readonly inner: OTLPTraceExporter,
    private readonly where: string,
  ) {}
  export(spans: ReadableSpan[], done: Parameters<SpanExporter["export"]>[1]) {
    this.inner.export(spans, (result) => {
      if (result.code !== EXPORT_SUCCESS)
        report(`could not export ${spans.length} span(s) to ${this.where}`, result.error ?? "export failed");
      done(result);
    });
  }
  shutdown() {
    return this.inner.shutdown();
  }
  forceFlush() {
    return this.inner.forceFlush();
  }
}

/** The processor for these settings; settings that changed (a test, a reconfigured process) get a new one. */
function pipelineFor(config: OtelConfig): Pipeline {
  const key = JSON.stringify([
    config.endpoint,
    config.headers,
    config.serviceName,
    config.resourceAttributes,
    config.timeoutMs,
  ]);
  if (state.pipeline?.key === key) return state.pipeline;
  const previous = state.pipeline;
  if (previous)
    void previous.processor.shutdown().catch((error) => report("could not flush the previous exporter", error));
  // A header value and its parts ("Basic <key>" → the key): an error text may quote either.
  state.secrets = [
    ...Object.values(config.headers).flatMap((value) => [value, ...value.split(/\s+/)]),
    ...urlCredentials(config.endpoint),
  ];
  const exporter = new OTLPTraceExporter({
    url: config.endpoint,
    headers: config.headers,
    timeoutMillis: config.timeoutMs,
  });
  // Queue size, batch size and delay follow OTEL_BSP_* when set (OTel defaults: 2048 spans, 512 per batch, 5 s).
  const processor = new BatchSpanProcessor(new ReportingExporter(exporter, displayEndpoint(config.endpoint)));
  const resource = resourceFromAttributes({ ...config.resourceAttributes, [STANDARD.serviceName]: config.serviceName });
  state.pipeline = { key, processor, resource };
  return state.pipeline;
}

function urlCredentials(endpoint: string): string[] {
  try {
    const url = new URL(endpoint);
    return [url.username, url.password].filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Exports a finished event's trace when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set; returns at once either way and
 * never throws. Called by the engine after an event's last transaction (done, or failed for good); an event still
 * running or queued for a retry is skipped and exported when it does finish.
 */
export function exportEventTrace(eventId: string): void {
  try {
    const config = otelConfigFromEnv();
    if (!config || state.exported.has(eventId)) return;
    if (state.pending.size >= MAX_PENDING_EVENTS) {
      report("trace export queue is full, a turn's trace was dropped", `${state.pending.size} events waiting`);
      return;
    }
    const work: Promise<void> = exportEvent(eventId, config)
      .catch((error) => report("could not prepare a trace for export", error))
      .finally(() => state.pending.delete(work));
    state.pending.add(work);
  } catch (error) {
    report("could not start a trace export", error);
  }
}

async function exportEvent(eventId: string, config: OtelConfig): Promise<void> {
  const loaded = await loadEventTrace(eventId);
  if (!loaded) return;
  const { processor, resource } = pipelineFor(config);
  for (const span of eventTraceSpans(loaded.rows, loaded.trace, { resource, captureContent: config.captureContent }))
    processor.onEnd(span);
  state.exported.add(eventId);
  if (state.exported.size > REMEMBERED_EVENTS) state.exported.delete(state.exported.values().next().value!);
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** A finished event's rows and context, or null while it is not finished. */
export async function loadEventTrace(eventId: string): Promise<{ rows: SpanRow[]; trace: EventTrace } | null> {
  const event = await db().conversationEvent.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      workspaceId: true,
      conversationId: true,
      kind: true,
      status: true,
      error: true,
      startedAt: true,
      finishedAt: true,
      result: true,
      // A conversation runs on one version for good (the run span names the same one): the flow is known here.
      conversation: {
        select: {
          channel: true,
          flowVersion: { select: { id: true, number: true, flow: { select: { slug: true, name: true } } } },
        },
      },
    },
  });
  if (!event || (event.status !== "done" && event.status !== "failed")) return null;
  const spans = await db().span.findMany({
    where: { conversationId: event.conversationId, eventId },
    select: {
      id: true,
      parentId: true,
      stepId: true,
      kind: true,
      name: true,
      status: true,
      startedAt: true,
      durationMs: true,
      input: true,
      output: true,
      error: true,
      attributes: true,
      tokensIn: true,
      tokensOut: true,
      costUsd: true,
    },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  // Each step is its node's span (node-span.ts).
  const steps = await db().step.findMany({
    where: { conversationId: event.conversationId, eventId },
    select: { ...NODE_SPAN_STEP_COLUMNS, input: true, output: true },
  });
  const rows = withNodeSpans(spans, steps, (span) => span);
  const version = event.conversation.flowVersion;
  const turn = asRecord(event.result)?.turn;
  return {
    rows,
    trace: {
      eventId,
      eventKind: event.kind,
      eventStatus: event.status,
      eventError: event.error,
      startedAt: event.startedAt,
      finishedAt: event.finishedAt,
      workspaceId: event.workspaceId,
      conversationId: event.conversationId,
      channel: event.conversation.channel,
      turn: typeof turn === "number" ? turn : null,
      flow: { slug: version.flow.slug, name: version.flow.name, versionId: version.id, version: version.number },
    },
  };
}

/** Every turn this process finishes is exported (a worker's, and the ones the web process runs where accepted). */
export function exportFinishedTurns(): void {
  onTurnFinished("otel", exportEventTrace);
}

/**
 * Sends what is queued: traces still being read back, then every queued span. Waits at most `timeoutMs`, so a
 * stopping worker is not held up by an unreachable collector.
 */
export async function flushTelemetry(options: { timeoutMs?: number } = {}): Promise<void> {
  const flush = (async () => {
    await Promise.allSettled([...state.pending]);
    await state.pipeline?.processor.forceFlush().catch((error) => report("could not flush traces", error));
  })();
  if (!options.timeoutMs) return flush;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([flush, new Promise<void>((resolve) => (timer = setTimeout(resolve, options.timeoutMs)))]);
  clearTimeout(timer);
}
