// Shared by the OTLP export tests: the demo workspace, a real local OTLP/HTTP receiver and a local OpenAI-compatible
// server (registered as the workspace's "local" provider), started and stopped by each test file's hooks, the OTEL
// environment each test starts with, and the spans of one turn's trace.
import { vi } from "vitest";
import { clearProviderCache } from "@/lib/runtime/agents/resolve-provider";
import { db } from "@/lib/platform/db/client";
import { createModelProvider } from "@/lib/features/settings/models/create-model-provider";
import { flushTelemetry } from "@/lib/interfaces/otel/export-event-trace";
import { traceIdForEvent } from "@/lib/interfaces/otel/span-rows-to-otel";
import { waitFor } from "@/tests/support/engine";
import { demoWorkspace } from "@/tests/support/factories";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "@/tests/support/otlp-receiver";

const OTEL_VARS = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
  "OTEL_EXPORTER_OTLP_HEADERS",
  "OTEL_SERVICE_NAME",
  "OTEL_RESOURCE_ATTRIBUTES",
  "OTEL_GENAI_CAPTURE_CONTENT",
];
// "Basic base64(pk-lf-test:sk-lf-secret)", as Langfuse wants it.
export const AUTH = "Basic cGstbGYtdGVzdDpzay1sZi1zZWNyZXQ=";
export const CLIENT = 3;
export const ERROR = 2;

export const workspace = await demoWorkspace();
export let receiver: OtlpReceiver;
export let llm: OpenAITestServer;

/** Starts the OTLP receiver and the OpenAI-compatible server, and registers the server as the "local" provider. */
export async function startOtlpServices() {
  receiver = await startOtlpReceiver();
  llm = await startOpenAITestServer();
  await db().$transaction((tx) =>
    createModelProvider(tx, {
      workspaceId: workspace.id,
      input: {
        name: "local",
        baseUrl: llm.baseUrl,
        apiKey: "sk-test-123",
        defaultModel: "gpt-4o-mini",
        fallbackModel: "",
        timeoutMs: 5000,
        maxRetries: 0,
      },
    }),
  );
}

/** Points the exporter at the receiver, with the credentials and a resource attribute. */
export function configureOtelEnv() {
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
  process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=${encodeURIComponent(AUTH)}`;
  process.env.OTEL_RESOURCE_ATTRIBUTES = "deployment.environment=test";
}

export function resetOtelEnv() {
  for (const name of OTEL_VARS) delete process.env[name];
  vi.restoreAllMocks();
}

export async function stopOtlpServices() {
  await flushTelemetry();
  clearProviderCache();
  await llm.close();
  await receiver.close();
}

/** The spans of one turn's trace, once its root has arrived (all of an event's spans are queued together). */
export async function traceOf(eventId: string): Promise<ReceivedSpan[]> {
  const traceId = traceIdForEvent(eventId);
  await waitFor(
    async () => {
      await flushTelemetry();
      return receiver.spans().some((span) => span.traceId === traceId && span.parentSpanId === null);
    },
    20_000,
    `the trace of event ${eventId} at the OTLP receiver`,
  );
  return receiver.spans().filter((span) => span.traceId === traceId);
}

const CONTENT =
  /^gen_ai\.(input|output)\.messages$|^gen_ai\.tool\.call\.(arguments|result)$|^switchboard\.(input|output)$/;
export const contentKeys = (spans: ReceivedSpan[]) =>
  [...new Set(spans.flatMap((span) => Object.keys(span.attributes)).filter((key) => CONTENT.test(key)))].sort();
