import { describe, expect, it } from "vitest";
import { otelConfigFromEnv, otelExportSummary, parseKeyValueList } from "@/lib/interfaces/otel/config";

describe("OpenTelemetry settings from the environment", () => {
  it("is off without an endpoint, or when switched off the standard ways", () => {
    expect(otelConfigFromEnv({})).toBeNull();
    expect(otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "  " })).toBeNull();
    expect(
      otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://jaeger:4318", OTEL_SDK_DISABLED: "true" }),
    ).toBeNull();
    expect(
      otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://jaeger:4318", OTEL_TRACES_EXPORTER: "none" }),
    ).toBeNull();
    expect(otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "not a url" })).toBeNull();
    expect(otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://collector" })).toBeNull();
  });

  it("appends /v1/traces to the base endpoint and takes the traces endpoint as it is", () => {
    expect(otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://jaeger:4318" })?.endpoint).toBe(
      "http://jaeger:4318/v1/traces",
    );
    expect(
      otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://cloud.langfuse.com/api/public/otel/" })?.endpoint,
    ).toBe("https://cloud.langfuse.com/api/public/otel/v1/traces");
    expect(
      otelConfigFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://ignored:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://tempo:4318/custom/traces",
      })?.endpoint,
    ).toBe("http://tempo:4318/custom/traces");
  });

  it("reads headers, service name, resource attributes, content capture and timeout", () => {
    const config = otelConfigFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Basic%20cGs6c2s=, x-tenant = acme ,broken",
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-tenant=traces-team",
      OTEL_RESOURCE_ATTRIBUTES: "deployment.environment=staging,service.version=1.2.3",
      OTEL_GENAI_CAPTURE_CONTENT: "TRUE",
      OTEL_EXPORTER_OTLP_TIMEOUT: "2500",
    });
    expect(config).toEqual({
      endpoint: "http://collector:4318/v1/traces",
      headers: { Authorization: "Basic cGs6c2s=", "x-tenant": "traces-team" },
      serviceName: "switchboard",
      resourceAttributes: { "deployment.environment": "staging", "service.version": "1.2.3" },
      captureContent: true,
      timeoutMs: 2500,
    });
    expect(
      otelConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_SERVICE_NAME: "support-bot" }),
    ).toMatchObject({ serviceName: "support-bot", captureContent: false, timeoutMs: 10_000 });
    expect(
      otelConfigFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318",
        OTEL_RESOURCE_ATTRIBUTES: "service.name=from-resource",
      })?.serviceName,
    ).toBe("from-resource");
  });

  it("parses percent-encoded key=value lists and skips malformed entries", () => {
    expect(parseKeyValueList("a=1,b=x%2Cy,=nokey,novalue,c=%E0%A4%A")).toEqual({ a: "1", b: "x,y", c: "%E0%A4%A" });
    expect(parseKeyValueList(undefined)).toEqual({});
  });

  it("summarises for the settings page without headers or credentials", () => {
    const summary = otelExportSummary({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://user:pa55@tempo.example.com/otlp/v1/traces?token=abc",
      OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20secret-token",
    });
    expect(summary).toEqual({ endpoint: "https://tempo.example.com/otlp/v1/traces" });
    expect(JSON.stringify(summary)).not.toMatch(/pa55|secret-token|abc/);
    expect(otelExportSummary({})).toBeNull();
  });
});
