// @ts-check
// A Node request → a fetch Request, and a fetch Response → the Node response: what Next.js does around a route
// handler, for the routes the web server calls itself (scripts/web-server.mjs). The handler gets the same inputs:
// the peer's address in X-Forwarded-For when the request names none (lib/platform/http/client-address.ts counts
// it; Next.js sets it the same way), the URL from the Host header, the body, and a signal that aborts when the
// client goes away. Plain JavaScript, so that the web server runs on Node alone (tsx's loader thread costs ~50 MB).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * The request's body, read until it ends or passes `maxBytes`; then the first `maxBytes + 1` bytes, so that the
 * handler's own limit refuses it (413) without this buffering more. Null for GET and HEAD.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} maxBytes
 * @returns {Promise<Buffer | null>}
 */
export function readBody(req, maxBytes) {
  if (req.method === "GET" || req.method === "HEAD") return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    const done = (/** @type {Error | null} */ error) => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size).subarray(0, maxBytes + 1));
    };
    const onData = (/** @type {Buffer} */ chunk) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size > maxBytes) {
        req.pause(); // Node discards the rest once the response is sent
        done(null);
      }
    };
    const onEnd = () => done(null);
    const onError = (/** @type {Error} */ error) => done(error);
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

/**
 * The fetch Request a route handler expects, with X-Forwarded-For/-Host/-Port/-Proto added where the client sent
 * none, as Next.js adds them.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {Buffer | null} body
 * @returns {Request}
 */
export function toWebRequest(req, res, body) {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const socket = req.socket;
  const setIfMissing = (/** @type {string} */ name, /** @type {string | undefined} */ value) => {
    if (value !== undefined && !headers.has(name)) headers.set(name, value);
  };
  setIfMissing("x-forwarded-for", socket.remoteAddress);
  setIfMissing("x-forwarded-host", req.headers.host);
  setIfMissing("x-forwarded-port", socket.localPort === undefined ? undefined : String(socket.localPort));
  setIfMissing("x-forwarded-proto", "encrypted" in socket && socket.encrypted ? "https" : "http");
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    // Buffer.concat's Buffer is backed by a plain ArrayBuffer, as BodyInit's type wants; no copy is needed.
    body: body && body.byteLength > 0 ? /** @type {Uint8Array<ArrayBuffer>} */ (body) : undefined,
    signal: controller.signal,
  });
}

/**
 * Writes the handler's Response: an event stream as it comes (with backpressure, cancelled when the client leaves),
 * any other body in one write with its length.
 * @param {import("node:http").ServerResponse} res
 * @param {Response} response
 */
export async function sendWebResponse(res, response) {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    res.flushHeaders();
    // The DOM's ReadableStream type and Node's name the same object.
    const body = /** @type {import("node:stream/web").ReadableStream} */ (/** @type {unknown} */ (response.body));
    await pipeline(Readable.fromWeb(body), res).catch(() => {});
    return;
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  res.setHeader("content-length", bytes.byteLength);
  res.end(bytes);
}
