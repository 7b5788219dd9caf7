// Serves Next.js route handlers on a real local port, so protocol clients (the A2A SDK's client, the MCP SDK's
// client) can talk to them over HTTP in integration tests. Streams responses as they are produced (SSE).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Params = Record<string, string | string[]>;
export type RouteHandler = (request: Request, context: { params: Promise<Params> }) => Promise<Response> | Response;
/** A route: a path pattern with `:name` segments (e.g. "/api/a2a/:flowSlug") and its handlers by method. */
export type Route = { pattern: string; handlers: Partial<Record<string, RouteHandler>> };

function match(pattern: string, path: string): Params | null {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

async function toRequest(req: IncomingMessage, res: ServerResponse, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const controller = new AbortController();
  // The response's close, not the socket's: a kept-alive socket serves many requests and would collect listeners.
  res.once("close", () => controller.abort());
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body, signal: controller.signal });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) return void res.end();
  res.flushHeaders();
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

export async function startRouteServer(routes: Route[]): Promise<{ url: string; close: () => Promise<void> }> {
  let origin = "";
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    for (const route of routes) {
      const params = match(route.pattern, path);
      if (!params) continue;
      const handler = route.handlers[req.method ?? "GET"];
      if (!handler) break;
      void (async () => {
        try {
          await send(await handler(await toRequest(req, res, origin), { params: Promise.resolve(params) }), res);
        } catch (error) {
          if (!res.headersSent) res.statusCode = 500;
          res.end(String(error));
        }
      })();
      return;
    }
    res.statusCode = 404;
    res.end("no route");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
