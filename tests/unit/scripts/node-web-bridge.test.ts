import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readBody, sendWebResponse, toWebRequest } from "@/scripts/lib/node-web-bridge.mjs";

// A real server that hands each request to `handle` through the bridge, as scripts/web-server.mjs does.
let server: http.Server | undefined;
afterEach(
  () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections(); // fetch's kept-alive sockets would hold close() for seconds
    }),
);

async function serve(handle: (request: Request) => Promise<Response>, maxBytes = 1024): Promise<string> {
  server = http.createServer(async (req, res) => {
    const request = toWebRequest(req, res, await readBody(req, maxBytes));
    await sendWebResponse(res, await handle(request));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the Node ↔ fetch bridge of the web server's direct routes", () => {
  it("gives the handler the URL, method, headers and body, and the peer as X-Forwarded-For when none is sent", async () => {
    const seen: Record<string, unknown>[] = [];
    const base = await serve(async (request) => {
      seen.push({
        url: request.url,
        method: request.method,
        forwardedFor: request.headers.get("x-forwarded-for"),
        proto: request.headers.get("x-forwarded-proto"),
        custom: request.headers.get("x-custom"),
        body: await request.text(),
      });
      return Response.json({ ok: true }, { status: 201, headers: { "X-Answer": "42" } });
    });
    const response = await fetch(`${base}/api/v1/things?x=1`, {
      method: "POST",
      headers: { "X-Custom": "yes", "Content-Type": "application/json" },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-answer")).toBe("42");
    expect(response.headers.get("content-length")).toBe(String('{"ok":true}'.length));
    expect(await response.json()).toEqual({ ok: true });
    await fetch(`${base}/again`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(seen).toEqual([
      {
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/things\?x=1$/),
        method: "POST",
        forwardedFor: "127.0.0.1",
        proto: "http",
        custom: "yes",
        body: '{"a":1}',
      },
      expect.objectContaining({ method: "GET", forwardedFor: "203.0.113.9", body: "" }),
    ]);
  });

  it("stops reading a body past the limit and hands over one byte more, for the handler to refuse", async () => {
    let received = -1;
    const base = await serve(async (request) => {
      received = (await request.arrayBuffer()).byteLength;
      return new Response("too large", { status: 413 });
    }, 1000);
    const response = await fetch(`${base}/big`, { method: "POST", body: "x".repeat(50_000) });
    expect(response.status).toBe(413);
    expect(received).toBe(1001);
  });

  it("keeps every Set-Cookie and sends an empty body as such", async () => {
    const base = await serve(async () => {
      const headers = new Headers();
      headers.append("Set-Cookie", "a=1");
      headers.append("Set-Cookie", "b=2");
      return new Response(null, { status: 204, headers });
    });
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("streams an event stream as it is written and aborts the handler's signal when the client leaves", async () => {
    let aborted: () => void = () => {};
    const abortedOnce = new Promise<void>((resolve) => (aborted = resolve));
    const base = await serve(async (request) => {
      request.signal.addEventListener("abort", () => aborted());
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode("data: first\n\n")); // the rest never comes: the client must see this
        },
      });
      return new Response(stream, { headers: { "Content-Type": "text/event-stream" } });
    });
    const client = new AbortController();
    const response = await fetch(`${base}/events`, { signal: client.signal });
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe("data: first\n\n");
    client.abort();
    await abortedOnce;
  });
});
