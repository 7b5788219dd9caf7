// HTTP tools: a tool node with source "http" calls a web API through the SSRF guard.
//
// - URL: a template filled from `{ ...input, ...scope }` (scope wins, so model-provided input can never spoof
//   engine-provided names such as `state`); every value is URL-encoded; placeholders only after the host.
// - Headers: `value` is a reply-style template. When `secret` names a workspace secret, its value is resolved with
//   `resolveSecret` and inserted where the value says `{{secret}}` (e.g. "Bearer {{secret}}"), or is the whole
//   value when there is no `{{secret}}`. Secret values never appear in the returned request, errors or result
//   (they are shown as "[secret]"), and secret headers are dropped when a redirect leaves the origin.
// - Body: POST/PUT/PATCH send the input object as JSON; GET/DELETE send no body.
// - Response: parsed as JSON when the content type says so (or when it looks like JSON); `responseMap` picks
//   the result (see lib/runtime/tools/response-map.ts: one path, or `field: path` lines).
// - Failures: { ok: false, error, retriable }. Retriable: 408, 425, 429, 5xx, network errors and timeouts.
import type { z } from "zod";
import type { toolConfig } from "@/lib/model/flow/schema";
import { renderTemplate } from "@/lib/model/flow/template";
import { validateHttpToolConfig } from "@/lib/runtime/tools/http-tool-config";
import { applyResponseMap, parseResponseMap } from "@/lib/runtime/tools/response-map";
import type { DnsLookup } from "@/lib/platform/net/dns-lookup";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { safeFetch } from "@/lib/platform/net/safe-fetch";
import { renderUrlTemplate } from "@/lib/runtime/tools/url-template";

export type HttpToolConfig = NonNullable<z.output<typeof toolConfig>["http"]>;

export type HttpToolRequest = { method: string; url: string; headers: Record<string, string> };

export type HttpToolSuccess = {
  ok: true;
  status: number;
  result: unknown;
  request: HttpToolRequest;
  durationMs: number;
  /** responseMap paths that were not in the response (mapped to null). */
  missing?: string[];
};
export type HttpToolFailure = {
  ok: false;
  error: string;
  retriable: boolean;
  status?: number;
  /** The request as sent (redacted), when it got that far. */
  request?: HttpToolRequest;
  durationMs: number;
};
export type HttpToolOutcome = HttpToolSuccess | HttpToolFailure;

export type RunHttpToolOptions = {
  config: HttpToolConfig;
  input: Record<string, unknown>;
  scope?: Record<string, unknown>;
  resolveSecret: (name: string) => Promise<string>;
  allowHosts?: readonly string[];
  signal?: AbortSignal;
  /** Defaults: 1 MB, 3 redirects. */
  maxBytes?: number;
  maxRedirects?: number;
  /** DNS resolver override (tests). */
  lookup?: DnsLookup;
};

const SECRET_MARK = "[secret]";
const REDACTED = "[redacted]";
/** Values of these headers are never echoed even when typed in as plain values instead of a secret. */
const SENSITIVE_HEADER_NAMES = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
  "x-access-token",
]);
const SECRET_PLACEHOLDER = /\{\{\s*secret\s*\}\}/g;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
/** Secrets shorter than this are not scrubbed from free text (it would mangle unrelated text). */
const MIN_SCRUB_LENGTH = 4;

class Scrubber {
  private readonly needles: string[] = [];
  add(secret: string) {
    if (secret.length < MIN_SCRUB_LENGTH) return;
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")])) {
      if (form.length >= MIN_SCRUB_LENGTH) this.needles.push(form);
    }
    this.needles.sort((a, b) => b.length - a.length);
  }
  text(value: string): string {
    let out = value;
    for (const needle of this.needles) out = out.split(needle).join(SECRET_MARK);
    return out;
  }
  deep(value: unknown, depth = 0): unknown {
    if (this.needles.length === 0) return value;
    if (typeof value === "string") return this.text(value);
    if (depth > 50 || value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item) => this.deep(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [this.text(k), this.deep(v, depth + 1)]),
    );
  }
}

function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

function isJsonContentType(contentType: string | undefined): boolean {
  return /(^|\/|\+)json\b/i.test((contentType ?? "").split(";")[0].trim());
}

function snippet(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export async function runHttpTool(options: RunHttpToolOptions): Promise<HttpToolOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { config } = options;
  const scrub = new Scrubber();
  const fail = (
    error: string,
    retriable: boolean,
    extra: { status?: number; request?: HttpToolRequest } = {},
  ): HttpToolFailure => ({
    ok: false,
    error: scrub.text(error),
    retriable,
    ...extra,
    durationMs: elapsed(),
  });

  const issues = validateHttpToolConfig(config);
  if (issues.length)
    return fail(`invalid HTTP tool settings: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`, false);
  const map = parseResponseMap(config.responseMap);
  if (!map.ok) return fail(map.error, false);

  const method = config.method.toUpperCase();
  const context: Record<string, unknown> = { ...options.input, ...(options.scope ?? {}) };

  const rendered = renderUrlTemplate(config.url, context);
  if (rendered.missing.length)
    return fail(`missing value for ${rendered.missing.map((p) => `{{${p}}}`).join(", ")} in the URL`, false);
  if (rendered.invalid.length)
    return fail(
      `${rendered.invalid.map((p) => `{{${p}}}`).join(", ")} must be text or a number to go in the URL`,
      false,
    );

  // Headers: what is sent, and what is shown.
  const headers: Record<string, string> = {};
  const shown: Record<string, string> = {};
  const secretHeaders: string[] = [];
  for (const header of config.headers) {
    const name = header.name.trim();
    const pieces = header.secret ? header.value.split(SECRET_PLACEHOLDER) : [header.value];
    const renderedPieces: string[] = [];
    for (const piece of pieces) {
      const result = renderTemplate(piece, context);
      if (result.missing.length)
        return fail(`missing value for ${result.missing.map((p) => `{{${p}}}`).join(", ")} in header ${name}`, false);
      renderedPieces.push(result.text);
    }
    if (header.secret) {
      let secret: string;
      try {
        secret = await options.resolveSecret(header.secret);
      } catch {
        return fail(`secret "${header.secret}" is not available`, false);
      }
      if (typeof secret !== "string" || secret === "") return fail(`secret "${header.secret}" is empty`, false);
      if (/[\r\n]/.test(secret))
        return fail(`secret "${header.secret}" cannot be sent in a header (it contains a line break)`, false);
      scrub.add(secret);
      secretHeaders.push(name);
      const whole = pieces.length === 1 && header.value.trim() === "";
      const hasPlaceholder = pieces.length > 1;
      headers[name] = whole || !hasPlaceholder ? secret : renderedPieces.join(secret);
      shown[name] = whole || !hasPlaceholder ? SECRET_MARK : renderedPieces.join(SECRET_MARK);
    } else {
      const value = renderedPieces[0];
      if (/[\r\n]/.test(value)) return fail(`header ${name} cannot contain a line break`, false);
      headers[name] = value;
      shown[name] = SENSITIVE_HEADER_NAMES.has(name.toLowerCase()) ? REDACTED : value;
    }
  }

  const hasHeader = (n: string) => Object.keys(headers).some((h) => h.toLowerCase() === n);
  if (!hasHeader("accept")) {
    headers.accept = "application/json, text/plain;q=0.9, */*;q=0.5";
    shown.accept = headers.accept;
  }
  let body: string | undefined;
  if (BODY_METHODS.has(method)) {
    body = JSON.stringify(options.input ?? {});
    if (!hasHeader("content-type")) {
      headers["content-type"] = "application/json";
      shown["content-type"] = "application/json";
    }
  }
  const request: HttpToolRequest = { method, url: scrub.text(rendered.url), headers: shown };

  let response;
  try {
    response = await safeFetch(rendered.url, {
      method,
      headers,
      body,
      timeoutMs: config.timeoutMs,
      maxRedirects: options.maxRedirects ?? 3,
      maxBytes: options.maxBytes ?? 1024 * 1024,
      allowHosts: options.allowHosts,
      signal: options.signal,
      sensitiveHeaders: secretHeaders,
      lookup: options.lookup,
    });
  } catch (error) {
    if (error instanceof SsrfBlockedError) return fail(error.message, false, { request });
    if (error instanceof HttpToolError) return fail(error.message, error.retriable, { request });
    return fail(`request failed: ${error instanceof Error ? error.message : String(error)}`, true, { request });
  }
  if (response.url !== rendered.url) request.url = scrub.text(response.url);

  if (response.status < 200 || response.status > 299) {
    const detail = snippet(response.body);
    return fail(
      `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}${detail ? `: ${detail}` : ""}`,
      isRetriableStatus(response.status),
      {
        status: response.status,
        request,
      },
    );
  }

  let parsed: unknown = response.body;
  const text = response.body.trim();
  if (isJsonContentType(response.headers["content-type"])) {
    if (text === "") parsed = null;
    else {
      try {
        parsed = JSON.parse(text);
      } catch {
        return fail(`the response says it is JSON but is not valid JSON`, false, { status: response.status, request });
      }
    }
  } else if (text.startsWith("{") || text.startsWith("[")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = response.body;
    }
  }

  const mapped = applyResponseMap(map.map, parsed);
  return {
    ok: true,
    status: response.status,
    result: scrub.deep(mapped.value),
    request,
    durationMs: elapsed(),
    ...(mapped.missing.length ? { missing: mapped.missing } : {}),
  };
}
