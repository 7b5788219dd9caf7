// fetch for HTTP tools: redirects followed by hand, each hop vetted again, the response read whole under a byte cap.
import type { DnsLookup } from "./dns-lookup";
import { HttpToolError, toRequestError } from "./outbound-errors";
import { flattenHeaders, readCapped, requestOnce } from "./pinned-request";
import { assertPublicUrl, parseUrl } from "./ssrf-guard";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ALWAYS_SENSITIVE = ["authorization", "proxy-authorization", "cookie"];

export type SafeFetchInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Total time for DNS, redirects and body. Default 10 s. */
  timeoutMs?: number;
  /** Default 3. */
  maxRedirects?: number;
  /** Default 1 MB (after decompression). */
  maxBytes?: number;
  allowHosts?: readonly string[];
  signal?: AbortSignal;
  /** Header names dropped when a redirect leaves the origin (Authorization, Cookie always are). */
  sensitiveHeaders?: readonly string[];
  lookup?: DnsLookup;
};

export type SafeFetchResponse = {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** The final URL after redirects. */
  url: string;
  redirects: number;
  durationMs: number;
};

/**
 * fetch with the SSRF guard: every hop vetted and pinned, redirects followed manually (at most `maxRedirects`),
 * body capped at `maxBytes`, everything under `timeoutMs`. Throws SsrfBlockedError or HttpToolError; any HTTP
 * status (including 4xx/5xx, or a 3xx without Location) is returned, not thrown.
 */
export async function safeFetch(input: string | URL, init: SafeFetchInit = {}): Promise<SafeFetchResponse> {
  const started = performance.now();
  const timeoutMs = init.timeoutMs ?? 10_000;
  const maxRedirects = init.maxRedirects ?? 3;
  const maxBytes = init.maxBytes ?? 1024 * 1024;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
  const sensitive = new Set([...ALWAYS_SENSITIVE, ...(init.sensitiveHeaders ?? []).map((h) => h.toLowerCase())]);

  let current = parseUrl(input);
  let method = (init.method ?? "GET").toUpperCase();
  let headers = { ...(init.headers ?? {}) };
  let body = init.body;

  try {
    for (let redirects = 0; ; redirects++) {
      const vetted = await assertPublicUrl(current, { allowHosts: init.allowHosts, lookup: init.lookup, signal });
      const res = await requestOnce({ vetted, method, headers, body, signal });
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        res.resume();
        if (redirects >= maxRedirects) {
          throw new HttpToolError("TOO_MANY_REDIRECTS", `more than ${maxRedirects} redirects`, { retriable: false });
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new HttpToolError("BAD_RESPONSE", "redirect to an invalid URL", { retriable: false });
        }
        if (status === 303 || ((status === 301 || status === 302) && method === "POST")) {
          if (method !== "HEAD") method = "GET";
          body = undefined;
          headers = Object.fromEntries(
            Object.entries(headers).filter(([n]) => !n.toLowerCase().startsWith("content-")),
          );
        }
        if (next.origin !== current.origin) {
          headers = Object.fromEntries(Object.entries(headers).filter(([n]) => !sensitive.has(n.toLowerCase())));
        }
        current = next;
        continue;
      }
      const buffer = await readCapped(res, maxBytes);
      return {
        status,
        statusText: res.statusMessage ?? "",
        headers: flattenHeaders(res),
        body: buffer.toString("utf8"),
        url: current.href,
        redirects,
        durationMs: Math.round(performance.now() - started),
      };
    }
  } catch (error) {
    throw toRequestError(error, timeout, init.signal, timeoutMs);
  }
}
