// A small OTLP/HTTP trace receiver for tests, on a real local port: it accepts POST /v1/traces with the OTLP JSON
// encoding (what @opentelemetry/exporter-trace-otlp-http sends), optionally gzip-compressed, decodes the
// ExportTraceServiceRequest into flat spans, and records the request headers. It answers like a collector: 200 with
// an empty partial-success body, or a scripted failure status.
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export type ReceivedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startMs: number;
  endMs: number;
  attributes: Record<string, unknown>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  resource: Record<string, unknown>;
  scope: string;
};

export type OtlpReceiver = {
  /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to (the exporter appends /v1/traces). */
  endpoint: string;
  port: number;
  spans(): ReceivedSpan[];
  /** Headers of every export request received (also the failed ones). */
  requests: { headers: IncomingHttpHeaders; contentType: string | undefined }[];
  /** Answer the next `count` export requests with this status (e.g. 503), as a collector in trouble would. */
  failNext(status: number, count?: number): void;
  clear(): void;
  close(): Promise<void>;
};

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
};
type KeyValue = { key: string; value?: AnyValue };

function decodeValue(value: AnyValue | undefined): unknown {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(decodeValue);
  if (value.kvlistValue) return decodeAttributes(value.kvlistValue.values);
  return null;
}

function decodeAttributes(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, decodeValue(kv.value)]));
}

/** OTLP JSON ids are hex strings; nanosecond times are strings (or numbers) of nanoseconds since the epoch. */
const nanosToMs = (value: string | number | undefined) =>
  value === undefined ? 0 : Number(BigInt(value) / 1000n) / 1000;

type ExportRequest = {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
        startTimeUnixNano?: string | number;
        endTimeUnixNano?: string | number;
        attributes?: KeyValue[];
        status?: { code?: number; message?: string };
      }[];
    }[];
  }[];
};

function flatten(body: ExportRequest): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const resourceSpans of body.resourceSpans ?? []) {
    const resource = decodeAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        out.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ? span.parentSpanId : null,
          name: span.name,
          kind: span.kind ?? 0,
          startMs: nanosToMs(span.startTimeUnixNano),
          endMs: nanosToMs(span.endTimeUnixNano),
          attributes: decodeAttributes(span.attributes),
          status: { code: span.status?.code ?? 0, message: span.status?.message },
          resource,
          scope: scopeSpans.scope?.name ?? "",
        });
      }
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  let spans: ReceivedSpan[] = [];
  const requests: OtlpReceiver["requests"] = [];
  let failures: { status: number; count: number } | null = null;

  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/traces") {
      res.writeHead(404).end();
      return;
    }
    const raw = await readBody(req);
    const contentType = req.headers["content-type"];
    requests.push({ headers: req.headers, contentType });
    if (failures && failures.count > 0) {
      failures.count--;
      res
        .writeHead(failures.status, { "content-type": "application/json" })
        .end(JSON.stringify({ code: 14, message: "unavailable" }));
      return;
    }
    if (!contentType?.startsWith("application/json")) {
      res.writeHead(415, { "content-type": "text/plain" }).end("this receiver speaks OTLP/JSON only");
      return;
    }
    try {
      const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      spans = spans.concat(flatten(JSON.parse(body.toString("utf8")) as ExportRequest));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    spans: () => spans,
    requests,
    failNext(status, count = 1) {
      failures = { status, count };
    },
    clear() {
      spans = [];
      requests.length = 0;
      failures = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
