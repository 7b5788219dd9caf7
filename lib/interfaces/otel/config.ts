// OpenTelemetry export settings, from the standard OTEL_* environment variables only: the engine exports its spans
// over OTLP/HTTP (JSON) when an endpoint is set, and does nothing otherwise. Read at call time, so a test (or a
// restart with new settings) changes where spans go without code knowing about it.
import { processEnv } from "@/lib/platform/config";

type Env = Record<string, string | undefined>;

export type OtelConfig = {
  /** The full OTLP/HTTP traces URL spans are POSTed to. */
  endpoint: string;
  /** Sent with every export (e.g. Authorization for Langfuse or a hosted Tempo). Never logged, never shown. */
  headers: Record<string, string>;
  serviceName: string;
  /** From OTEL_RESOURCE_ATTRIBUTES, beside service.name. */
  resourceAttributes: Record<string, string>;
  /** Put (already PII-redacted) inputs and outputs on the spans; off by default: content stays in Switchboard. */
  captureContent: boolean;
  timeoutMs: number;
};

export const DEFAULT_SERVICE_NAME = "switchboard";
const DEFAULT_TIMEOUT_MS = 10_000;

const present = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

/**
 * `key1=value1,key2=value2` with percent-encoded values (the W3C baggage format the OTLP exporter spec uses for
 * OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES). Malformed entries are skipped, not fatal.
 */
export function parseKeyValueList(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (text ?? "").split(",")) {
    const at = entry.indexOf("=");
    if (at <= 0) continue;
    const key = entry.slice(0, at).trim();
    const raw = entry.slice(at + 1).trim();
    if (!key) continue;
    try {
      out[key] = decodeURIComponent(raw);
    } catch {
      out[key] = raw;
    }
  }
  return out;
}

function httpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** The traces URL: the signal-specific variable as is, else the base endpoint with /v1/traces appended (OTLP spec). */
function tracesEndpoint(env: Env): string | null {
  const specific = present(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  if (specific) return httpUrl(specific)?.toString() ?? null;
  const base = present(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (!base) return null;
  const url = httpUrl(base);
  if (!url) return null;
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/traces`;
  return url.toString();
}

const isTrue = (value: string | undefined) => present(value)?.toLowerCase() === "true";

/** Export settings, or null when no endpoint is set (or export is switched off by OTEL_SDK_DISABLED / OTEL_TRACES_EXPORTER=none). */
export function otelConfigFromEnv(env: Env = processEnv()): OtelConfig | null {
  if (isTrue(env.OTEL_SDK_DISABLED)) return null;
  if (present(env.OTEL_TRACES_EXPORTER)?.toLowerCase() === "none") return null;
  const endpoint = tracesEndpoint(env);
  if (!endpoint) return null;
  const resourceAttributes = parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES);
  const timeout = Number(present(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT) ?? present(env.OTEL_EXPORTER_OTLP_TIMEOUT));
  return {
    endpoint,
    headers: {
      ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_HEADERS),
      ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS),
    },
    serviceName: present(env.OTEL_SERVICE_NAME) ?? resourceAttributes["service.name"] ?? DEFAULT_SERVICE_NAME,
    resourceAttributes,
    captureContent:
      isTrue(env.OTEL_GENAI_CAPTURE_CONTENT) || isTrue(env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
  };
}

/** Where spans go, for display (Settings → Integrations) and logs: no credentials, query or headers. */
export function displayEndpoint(endpoint: string): string {
  const url = httpUrl(endpoint);
  if (!url) return "(invalid endpoint)";
  return `${url.origin}${url.pathname}`;
}

/** What the settings page may show: whether export is on, and where to. Never headers or credentials. */
export function otelExportSummary(env: Env = processEnv()): { endpoint: string } | null {
  const config = otelConfigFromEnv(env);
  return config ? { endpoint: displayEndpoint(config.endpoint) } : null;
}
