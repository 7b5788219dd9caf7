// SSRF guard for outbound requests made on behalf of flows (HTTP tools, MCP servers over HTTP).
//
// A URL is allowed when its scheme is http(s), it carries no credentials, and EVERY address its host resolves to
// is public unicast. The request then connects to one of those vetted addresses (the DNS answer is pinned through a
// custom `lookup`, so a rebinding between check and connect cannot switch it), while the Host header and the TLS
// servername stay the original host name. Redirects are never followed automatically: each Location is vetted from
// scratch. Responses are size-capped and the whole exchange (DNS, redirects, body) runs under one timeout.
//
// Development allowlist: `allowHosts` entries ("localhost:4010", "127.0.0.1", "[::1]:8080", "api.internal") let
// exactly that host name (and port, when given) skip the private-address block. Matching is on the host as written
// in the URL: allowlisting "127.0.0.1" does not allowlist "localhost". Scheme, credential and cloud-metadata checks
// still apply to allowlisted hosts. The engine reads the allowlist from SWITCHBOARD_HTTP_TOOL_ALLOWLIST.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Readable, Transform, type TransformCallback } from "node:stream";
import zlib from "node:zlib";
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/model/errors";

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** The target is not allowed (scheme, credentials, private/loopback/metadata address…). Never retriable. */
export class SsrfBlockedError extends AppError {
  readonly url: string;
  readonly host: string;
  readonly address?: string;
  readonly retriable = false;

  constructor(reason: string, details: { url: string; host: string; address?: string }) {
    super("BAD_REQUEST", { message: reason, userMessage: reason });
    this.name = "SsrfBlockedError";
    this.url = details.url;
    this.host = details.host;
    this.address = details.address;
  }
}

export type HttpToolErrorKind =
  "INVALID_URL" | "DNS" | "TIMEOUT" | "ABORTED" | "NETWORK" | "TOO_LARGE" | "TOO_MANY_REDIRECTS" | "BAD_RESPONSE";

/** The request could not be completed. `retriable` says whether trying again later may help. */
export class HttpToolError extends AppError {
  readonly kind: HttpToolErrorKind;
  readonly retriable: boolean;

  constructor(kind: HttpToolErrorKind, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super("INTERNAL", { message, userMessage: message, cause: options.cause });
    this.name = "HttpToolError";
    this.kind = kind;
    this.retriable = options.retriable ?? (kind === "TIMEOUT" || kind === "NETWORK");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Address classification

export type AddressVerdict =
  | { allowed: true; address: string }
  /** `embedded`: the IPv4 an IPv4-mapped/translated/NAT64 IPv6 address carries, when that decided it. */
  | { allowed: false; address: string; category: string; embedded?: string };

const METADATA_ADDRESSES = new Set(["169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200"]);
const METADATA_HOSTNAMES = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

const V4_CATEGORY: Record<string, string> = {
  unspecified: "an unspecified",
  broadcast: "a broadcast",
  multicast: "a multicast",
  linkLocal: "a link-local",
  loopback: "a loopback",
  carrierGradeNat: "a carrier-grade NAT",
  private: "a private",
  reserved: "a reserved",
  as112: "a reserved (AS112)",
  amt: "a reserved (AMT)",
};

const V6_CATEGORY: Record<string, string> = {
  unspecified: "an unspecified",
  linkLocal: "a link-local",
  multicast: "a multicast",
  loopback: "a loopback",
  uniqueLocal: "a private (unique local)",
  deprecatedSiteLocal: "a private (site-local)",
  discard: "a reserved (discard)",
  teredo: "a tunnelled (Teredo)",
  "6to4": "a tunnelled (6to4)",
  benchmarking: "a reserved (benchmarking)",
  amt: "a reserved (AMT)",
  as112v6: "a reserved (AS112)",
  deprecatedOrchid: "a reserved (ORCHID)",
  orchid2: "a reserved (ORCHIDv2)",
  droneRemoteIdProtocolEntityTags: "a reserved (DRIP)",
  segmentRouting: "a reserved (segment routing)",
  reserved: "a reserved",
};

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * Whether an IP address (any form ipaddr.js parses: dotted, decimal, octal, hex IPv4, IPv6, IPv4-mapped IPv6) is a
 * public unicast address. Default-deny: IPv4 must be in ipaddr's "unicast" range, IPv6 must be global unicast
 * (2000::/3) and not in any special range; addresses that embed an IPv4 (IPv4-mapped, IPv4-translated, NAT64
 * 64:ff9b::/96) are judged by the embedded IPv4. Cloud metadata addresses are their own category.
 */
export function classifyAddress(input: string): AddressVerdict {
  const raw = stripBrackets(input.trim());
  if (!ipaddr.isValid(raw)) return { allowed: false, address: raw, category: "not a valid IP" };
  let ip = ipaddr.parse(raw);
  const address = ip.toString();
  if (METADATA_ADDRESSES.has(address)) return { allowed: false, address, category: "the cloud metadata" };

  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    const range = v6.range() as string;
    if (range === "ipv4Mapped" || range === "rfc6145") {
      ip = v6.toIPv4Address();
    } else if (range === "rfc6052") {
      // NAT64: 64:ff9b::/96 embeds the IPv4 in the last 32 bits; the local-use 64:ff9b:1::/48 is never public.
      if (!v6.match(ipaddr.IPv6.parseCIDR("64:ff9b::/96"))) {
        return { allowed: false, address, category: "a local-use NAT64" };
      }
      const bytes = v6.toByteArray();
      ip = ipaddr.fromByteArray(bytes.slice(12));
    } else {
      if (range !== "unicast") return { allowed: false, address, category: V6_CATEGORY[range] ?? "a reserved" };
      if (!v6.match(GLOBAL_UNICAST_V6)) return { allowed: false, address, category: "a reserved" };
      return { allowed: true, address };
    }
    const embedded = ip.toString();
    if (METADATA_ADDRESSES.has(embedded)) return { allowed: false, address, category: "the cloud metadata", embedded };
  }

  const embedded = ip.toString() !== address ? ip.toString() : undefined;
  const range = (ip as ipaddr.IPv4).range() as string;
  if (range !== "unicast") {
    return { allowed: false, address, category: V4_CATEGORY[range] ?? "a reserved", ...(embedded ? { embedded } : {}) };
  }
  return { allowed: true, address };
}

// ---------------------------------------------------------------------------------------------------------------
// Allowlist

export type AllowHost = { host: string; port?: number };

/** The host of a URL the way allowlist entries are compared: lowercase, no brackets, no trailing dot. */
function normalizeHost(host: string): string {
  let h = stripBrackets(host.trim().toLowerCase());
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (net.isIP(h)) return ipaddr.parse(h).toString();
  return h;
}

/** Parses allowlist entries: "host", "host:port", "[v6]:port", bare IPv6. Invalid entries throw. */
export function parseAllowHosts(entries: readonly string[] | undefined): AllowHost[] {
  const out: AllowHost[] = [];
  for (const rawEntry of entries ?? []) {
    const entry = rawEntry.trim();
    if (!entry) continue;
    let host = entry;
    let port: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
    if (bracketed) {
      host = bracketed[1];
      if (bracketed[2]) port = Number(bracketed[2]);
    } else if ((entry.match(/:/g) ?? []).length === 1) {
      const [h, p] = entry.split(":");
      if (!/^\d{1,5}$/.test(p)) throw new Error(`Invalid allowlist entry "${entry}": port must be a number.`);
      host = h;
      port = Number(p);
    }
    if (port !== undefined && (port < 1 || port > 65535))
      throw new Error(`Invalid allowlist entry "${entry}": bad port.`);
    if (!host || /[/\s@?#*]/.test(host)) throw new Error(`Invalid allowlist entry "${entry}".`);
    out.push({ host: normalizeHost(host), port });
  }
  return out;
}

/** The development allowlist from the environment (comma or whitespace separated). Invalid entries are skipped. */
export function allowlistFromEnv(
  env: Record<string, string | undefined> = process.env,
  variable = "SWITCHBOARD_HTTP_TOOL_ALLOWLIST",
): string[] {
  const entries = (env[variable] ?? "").split(/[\s,]+/).filter(Boolean);
  return entries.filter((entry) => {
    try {
      parseAllowHosts([entry]);
      return true;
    } catch {
      return false;
    }
  });
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

export function isAllowlisted(url: URL, allowHosts: readonly string[] | undefined): boolean {
  if (!allowHosts?.length) return false;
  const host = normalizeHost(url.hostname);
  const port = effectivePort(url);
  return allowHosts.some((raw) => {
    let entries: AllowHost[];
    try {
      entries = parseAllowHosts([raw]);
    } catch {
      return false; // an invalid entry allows nothing
    }
    return entries.some((entry) => entry.host === host && (entry.port === undefined || entry.port === port));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Vetting a URL

export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to all its addresses; injectable for tests. */
export type DnsLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: DnsLookup = async (hostname) => {
  const results = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return results.map((r) => ({ address: r.address, family: r.family }));
};

export type GuardOptions = { allowHosts?: readonly string[]; lookup?: DnsLookup; signal?: AbortSignal };

export type VettedUrl = {
  url: URL;
  /** Host name without brackets, as used for the Host header and TLS servername. */
  hostname: string;
  /** The addresses the connection is pinned to. */
  addresses: ResolvedAddress[];
  allowlisted: boolean;
};

function parseUrl(input: string | URL): URL {
  if (input instanceof URL) return new URL(input.href);
  try {
    return new URL(input);
  } catch {
    throw new HttpToolError("INVALID_URL", `invalid URL: ${String(input).slice(0, 200)}`, { retriable: false });
  }
}

/** Redacts credentials for messages. */
function displayUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  return copy.href;
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Checks a URL and resolves its host; throws SsrfBlockedError when it must not be fetched. Returns the vetted
 * addresses to pin the connection to.
 */
export async function assertPublicUrl(input: string | URL, options: GuardOptions = {}): Promise<VettedUrl> {
  const url = parseUrl(input);
  const shown = displayUrl(url);
  const hostname = stripBrackets(url.hostname);
  const host = normalizeHost(url.hostname);
  const block = (reason: string, address?: string): never => {
    throw new SsrfBlockedError(`blocked: ${reason}`, { url: shown, host, address });
  };

  if (url.protocol !== "http:" && url.protocol !== "https:")
    block(`scheme ${url.protocol} is not allowed (use http or https)`);
  if (url.username || url.password) block("credentials in the URL are not allowed");
  if (!host) block("the URL has no host");
  if (METADATA_HOSTNAMES.has(host)) block(`${host} is a cloud metadata host`);

  const allowlisted = isAllowlisted(url, options.allowHosts);
  let addresses: ResolvedAddress[];
  const literal = net.isIP(hostname);
  if (literal) {
    addresses = [{ address: hostname, family: literal }];
  } else {
    if (!allowlisted && (host === "localhost" || host.endsWith(".localhost"))) {
      block(`${host} is a loopback name`);
    }
    try {
      addresses = await raceSignal((options.lookup ?? systemLookup)(hostname), options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const code = (error as NodeJS.ErrnoException)?.code;
      throw new HttpToolError("DNS", `could not resolve ${host}${code ? ` (${code})` : ""}`, {
        retriable: code === "EAI_AGAIN",
        cause: error,
      });
    }
    if (addresses.length === 0) throw new HttpToolError("DNS", `could not resolve ${host}`, { retriable: false });
  }

  const from = literal ? "" : ` (resolved from ${host})`;
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.allowed) continue;
    const shownAddress = verdict.embedded ? `${verdict.address} (IPv4 ${verdict.embedded})` : verdict.address;
    if (verdict.category === "the cloud metadata")
      block(`${shownAddress} is the cloud metadata address${from}`, verdict.address);
    if (!allowlisted) block(`${shownAddress} is ${verdict.category} address${from}`, verdict.address);
  }
  return { url, hostname, addresses, allowlisted };
}

// ---------------------------------------------------------------------------------------------------------------
// Pinned requests

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for net/tls that ignores DNS and answers with the vetted addresses. */
function pinnedLookup(addresses: ResolvedAddress[]) {
  return (_hostname: string, options: dns.LookupOptions | number | LookupCallback, callback?: LookupCallback) => {
    const cb = (typeof options === "function" ? options : callback) as LookupCallback;
    const opts = typeof options === "object" ? options : {};
    const wanted =
      opts.family === 4 || opts.family === 6 ? addresses.filter((a) => a.family === opts.family) : addresses;
    const list = wanted.length ? wanted : addresses;
    if (opts.all)
      cb(
        null,
        list.map((a) => ({ address: a.address, family: a.family })),
      );
    else cb(null, list[0].address, list[0].family);
  };
}

/** Headers a caller may not set: they are computed here or would confuse the pinned connection. */
const FORBIDDEN_REQUEST_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
]);

type OnceRequest = {
  vetted: VettedUrl;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSignal;
};

function requestOnce({ vetted, method, headers, body, signal }: OnceRequest): Promise<http.IncomingMessage> {
  const { url } = vetted;
  const mod = url.protocol === "https:" ? https : http;
  const outgoing: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!FORBIDDEN_REQUEST_HEADERS.has(name.toLowerCase())) outgoing[name] = value;
  }
  if (!Object.keys(outgoing).some((n) => n.toLowerCase() === "accept-encoding"))
    outgoing["accept-encoding"] = "gzip, deflate, br";
  if (body !== undefined) outgoing["content-length"] = String(Buffer.byteLength(body));

  return new Promise((resolve, reject) => {
    let req: http.ClientRequest;
    try {
      req = mod.request({
        protocol: url.protocol,
        hostname: vetted.hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers: outgoing,
        lookup: pinnedLookup(vetted.addresses) as unknown as typeof dns.lookup,
        agent: false,
        signal,
      });
    } catch (error) {
      reject(error);
      return;
    }
    req.once("response", resolve);
    req.once("error", reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

function decodedStream(res: http.IncomingMessage): Readable {
  const encoding = String(res.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) return res;
  res.on("error", (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      callback(new HttpToolError("TOO_LARGE", `response is larger than ${this.limit} bytes`, { retriable: false }));
      return;
    }
    callback(null, chunk);
  }
}

async function readCapped(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers["content-length"]);
  const encoded = Boolean(res.headers["content-encoding"]);
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw new HttpToolError("TOO_LARGE", `response is larger than ${maxBytes} bytes`, { retriable: false });
  }
  const stream = decodedStream(res);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      total += buf.length;
      if (total > maxBytes)
        throw new HttpToolError("TOO_LARGE", `response is larger than ${maxBytes} bytes`, { retriable: false });
      chunks.push(buf);
    }
  } catch (error) {
    res.destroy();
    if (stream !== res) stream.destroy();
    throw error;
  }
  return Buffer.concat(chunks);
}

function flattenHeaders(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Maps low-level failures (abort, timeout, socket errors) to typed errors. */
function toRequestError(
  error: unknown,
  timeout: AbortSignal,
  caller: AbortSignal | undefined,
  timeoutMs: number,
): Error {
  if (error instanceof SsrfBlockedError || error instanceof HttpToolError) return error;
  if (timeout.aborted)
    return new HttpToolError("TIMEOUT", `timed out after ${timeoutMs} ms`, { retriable: true, cause: error });
  if (caller?.aborted)
    return new HttpToolError("ABORTED", "the request was cancelled", { retriable: false, cause: error });
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new HttpToolError("NETWORK", `network error: ${code ?? message}`, { retriable: true, cause: error });
}

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
