// One HTTP(S) request over a connection pinned to vetted addresses, and the decoding and size cap of its response.
import type dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import zlib from "node:zlib";
import { pinnedLookup } from "./dns-lookup";
import { HttpToolError } from "./outbound-errors";
import type { VettedUrl } from "./ssrf-guard";

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

export function requestOnce({ vetted, method, headers, body, signal }: OnceRequest): Promise<http.IncomingMessage> {
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

export function decodedStream(res: http.IncomingMessage): Readable {
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

export class ByteLimit extends Transform {
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

export async function readCapped(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
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

export function flattenHeaders(res: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
