// A fetch-compatible guarded client for SDKs that bring their own transport (MCP, remote agents, webhooks): each
// request vetted and pinned, the body streamed under a byte cap.
import type http from "node:http";
import { Readable } from "node:stream";
import type { DnsLookup } from "./dns-lookup";
import { HttpToolError, toRequestError } from "./outbound-errors";
import { ByteLimit, decodedStream, requestOnce } from "./pinned-request";
import { assertPublicUrl, parseUrl } from "./ssrf-guard";

/** The shape of `fetch` the MCP SDK accepts. */
export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch-compatible function that vets and pins every request and never follows redirects itself (it returns
 * the 3xx; a caller that follows it calls again and is vetted again). Streams the body (for SSE) with a byte cap.
 * For the MCP Streamable HTTP transport.
 */
export function createGuardedFetch(
  options: { allowHosts?: readonly string[]; lookup?: DnsLookup; maxBytes?: number } = {},
): FetchLike {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  return async (input, init = {}) => {
    const url = parseUrl(input instanceof URL ? input : String(input));
    const signal = init.signal ?? undefined;
    const vetted = await assertPublicUrl(url, { allowHosts: options.allowHosts, lookup: options.lookup, signal });
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    let body: string | Buffer | undefined;
    if (init.body !== undefined && init.body !== null) {
      if (typeof init.body === "string") body = init.body;
      else if (init.body instanceof ArrayBuffer || ArrayBuffer.isView(init.body))
        body = Buffer.from(init.body as ArrayBuffer);
      else if (init.body instanceof URLSearchParams) body = init.body.toString();
      else throw new HttpToolError("BAD_RESPONSE", "unsupported request body type", { retriable: false });
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    let res: http.IncomingMessage;
    try {
      res = await requestOnce({
        vetted,
        method: (init.method ?? "GET").toUpperCase(),
        headers,
        body,
        signal: controller.signal,
      });
    } catch (error) {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) throw signal.reason ?? error;
      throw toRequestError(error, new AbortController().signal, undefined, 0);
    }
    const responseHeaders = new Headers();
    for (let i = 0; i < res.rawHeaders.length; i += 2) {
      const name = res.rawHeaders[i].toLowerCase();
      if (res.headers["content-encoding"] && (name === "content-encoding" || name === "content-length")) continue;
      responseHeaders.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
    }
    const status = res.statusCode ?? 0;
    let stream: Readable | null = null;
    if (!NULL_BODY_STATUSES.has(status) && init.method !== "HEAD") {
      const limited = new ByteLimit(maxBytes);
      const decoded = decodedStream(res);
      decoded.on("error", (error) => limited.destroy(error));
      stream = decoded.pipe(limited);
    } else {
      res.resume();
    }
    const cleanup = () => signal?.removeEventListener("abort", onAbort);
    res.once("close", cleanup);
    const webBody = stream ? (Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>) : null;
    return new Response(webBody, {
      status: status < 200 || status > 599 ? 502 : status,
      statusText: res.statusMessage,
      headers: responseHeaders,
    });
  };
}
