import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHttpTool, type HttpToolConfig } from "@/lib/runtime/tools/http-tool";

const SECRET = "sk_live_9f8e7d6c5b4a";
const resolveSecret = async (name: string) => {
  if (name === "api_token") return SECRET;
  throw new Error(`no secret ${name} (value would be ${SECRET})`);
};

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };

let server: http.Server;
let port: number;
let base: string;
let allowHosts: string[];
const seen: Seen[] = [];

function config(overrides: Partial<HttpToolConfig>): HttpToolConfig {
  return {
    method: "GET",
    url: `${base}/orders/{{orderNumber}}`,
    headers: [],
    timeoutMs: 2000,
    responseMap: "",
    ...overrides,
  };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const url = new URL(req.url ?? "/", "http://x");
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        res.end(JSON.stringify(value));
      };
      const orderMatch = /^\/orders\/([^/]+)$/.exec(url.pathname);
      if (orderMatch) {
        json(200, {
          data: { order: { number: decodeURIComponent(orderMatch[1]), status: "shipped" } },
          items: [{ status: "packed" }],
          q: url.searchParams.get("q"),
        });
      } else if (url.pathname === "/echo") {
        // A badly behaved API that echoes everything it got, credentials included.
        json(200, { headers: req.headers, body: body ? JSON.parse(body) : null, method: req.method });
      } else if (url.pathname.startsWith("/status/")) {
        json(Number(url.pathname.split("/")[2]), { error: "nope" });
      } else if (url.pathname === "/fail-echo") {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`internal error, token was ${req.headers.authorization}`);
      } else if (url.pathname === "/slow") {
        setTimeout(() => json(200, { late: true }), 1500);
      } else if (url.pathname === "/to-private") {
        res.writeHead(302, { location: "http://10.0.0.5/orders" });
        res.end();
      } else if (url.pathname === "/to-other-origin") {
        res.writeHead(307, { location: `http://localhost:${port}/echo` });
        res.end();
      } else if (url.pathname === "/text") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("all good");
      } else if (url.pathname === "/bad-json") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{not json");
      } else if (url.pathname === "/gzip") {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(zlib.gzipSync(JSON.stringify({ zipped: true })));
      } else if (url.pathname === "/big") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ blob: "x".repeat(2 * 1024 * 1024) }));
      } else {
        json(404, { error: "not found" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  allowHosts = [`127.0.0.1:${port}`];
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const run = (cfg: Partial<HttpToolConfig>, input: Record<string, unknown> = {}, scope: Record<string, unknown> = {}) =>
  runHttpTool({ config: config(cfg), input, scope, resolveSecret, allowHosts });

describe("runHttpTool", () => {
  it("fills the URL from input and scope, URL-encoding values", async () => {
    const outcome = await run(
      { url: `${base}/orders/{{orderNumber}}?q={{state.query}}` },
      { orderNumber: "A1/../x?y" },
      { state: { query: "a&b" } },
    );
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(seen.at(-1)?.url).toBe("/orders/A1%2F..%2Fx%3Fy?q=a%26b");
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.result).toMatchObject({ data: { order: { number: "A1/../x?y" } }, q: "a&b" });
    expect(outcome.request).toMatchObject({ method: "GET", url: `${base}/orders/A1%2F..%2Fx%3Fy?q=a%26b` });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("lets scope win over input for the same name", async () => {
    const outcome = await run(
      { url: `${base}/orders/{{state.id}}` },
      { state: { id: "SPOOF" } },
      { state: { id: "REAL" } },
    );
    expect(outcome.ok).toBe(true);
    expect(seen.at(-1)?.url).toBe("/orders/REAL");
  });

  it("refuses to run with a missing URL value", async () => {
    const outcome = await run({}, {});
    expect(outcome).toMatchObject({
      ok: false,
      retriable: false,
      error: "missing value for {{orderNumber}} in the URL",
    });
  });

  it("sends secret headers but never returns them, even when the API echoes them", async () => {
    const outcome = await runHttpTool({
      config: config({
        method: "POST",
        url: `${base}/echo`,
        headers: [
          { name: "Authorization", value: "Bearer {{secret}}", secret: "api_token" },
          { name: "X-Api-Key", value: "", secret: "api_token" },
          { name: "X-Order", value: "{{orderNumber}}", secret: "" },
          { name: "Cookie", value: "session=plain-typed-value", secret: "" },
        ],
      }),
      input: { orderNumber: "A1001", amount: 12.5 },
      scope: {},
      resolveSecret,
      allowHosts,
    });
    const received = seen.at(-1)!;
    expect(received.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(received.headers["x-api-key"]).toBe(SECRET);
    expect(received.headers["x-order"]).toBe("A1001");
    expect(received.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(received.body)).toEqual({ orderNumber: "A1001", amount: 12.5 });

    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.request.headers).toMatchObject({
      Authorization: "Bearer [secret]",
      "X-Api-Key": "[secret]",
      "X-Order": "A1001",
      Cookie: "[redacted]",
    });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect((outcome.result as { headers: Record<string, string> }).headers.authorization).toBe("Bearer [secret]");
  });

  it("keeps secrets out of errors", async () => {
    const failed = await runHttpTool({
      config: config({
        url: `${base}/fail-echo`,
        headers: [{ name: "Authorization", value: "Bearer {{secret}}", secret: "api_token" }],
      }),
      input: {},
      resolveSecret,
      allowHosts,
    });
    expect(failed).toMatchObject({ ok: false, status: 500, retriable: true });
    expect(JSON.stringify(failed)).not.toContain(SECRET);
    expect(!failed.ok && failed.error).toContain("[secret]");

    const missing = await runHttpTool({
      config: config({
        url: `${base}/echo`,
        headers: [{ name: "Authorization", value: "", secret: "unknown_secret" }],
      }),
      input: {},
      resolveSecret,
      allowHosts,
    });
    expect(missing).toMatchObject({ ok: false, retriable: false, error: 'secret "unknown_secret" is not available' });
    expect(JSON.stringify(missing)).not.toContain(SECRET);
  });

  it("drops secret headers when a redirect leaves the origin", async () => {
    const outcome = await runHttpTool({
      config: config({
        url: `${base}/to-other-origin`,
        headers: [{ name: "X-Token", value: "", secret: "api_token" }],
      }),
      input: {},
      resolveSecret,
      allowHosts: [...allowHosts, `localhost:${port}`],
    });
    expect(outcome.ok).toBe(true);
    expect(seen.at(-1)?.url).toBe("/echo");
    expect(seen.at(-1)?.headers["x-token"]).toBeUndefined();
    expect(outcome.ok && outcome.request.url).toBe(`http://localhost:${port}/echo`);
  });

  it("applies responseMap (one path or field lines)", async () => {
    const one = await run({ responseMap: "data.order.status" }, { orderNumber: "A1" });
    expect(one).toMatchObject({ ok: true, result: "shipped" });
    const fields = await run(
      { responseMap: "number: data.order.number\nfirst: items[0].status\nnothing: data.none" },
      { orderNumber: "A2" },
    );
    expect(fields).toMatchObject({
      ok: true,
      result: { number: "A2", first: "packed", nothing: null },
      missing: ["data.none"],
    });
    const invalid = await run({ responseMap: "data..order" }, { orderNumber: "A3" });
    expect(invalid).toMatchObject({ ok: false, retriable: false });
    expect(!invalid.ok && invalid.error).toMatch(/responseMap/);
  });

  it("parses JSON, text and compressed responses", async () => {
    expect(await run({ url: `${base}/text` })).toMatchObject({ ok: true, result: "all good" });
    expect(await run({ url: `${base}/gzip` })).toMatchObject({ ok: true, result: { zipped: true } });
    expect(await run({ url: `${base}/bad-json` })).toMatchObject({
      ok: false,
      retriable: false,
      error: expect.stringMatching(/not valid JSON/),
    });
  });

  it.each([
    [404, false],
    [400, false],
    [401, false],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
  ])("HTTP %i → ok: false, retriable %s", async (status, retriable) => {
    const outcome = await run({ url: `${base}/status/${status}` });
    expect(outcome).toMatchObject({ ok: false, status, retriable });
    expect(!outcome.ok && outcome.error).toMatch(new RegExp(`^HTTP ${status}`));
  });

  it("times out (retriable) and reports network errors (retriable)", async () => {
    const slow = await run({ url: `${base}/slow`, timeoutMs: 200 });
    expect(slow).toMatchObject({ ok: false, retriable: true, error: "timed out after 200 ms" });

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await runHttpTool({
      config: config({ url: `http://127.0.0.1:${deadPort}/x` }),
      input: {},
      resolveSecret,
      allowHosts: [`127.0.0.1:${deadPort}`],
    });
    expect(refused).toMatchObject({ ok: false, retriable: true, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("refuses a redirect to a private address", async () => {
    const outcome = await run({ url: `${base}/to-private` });
    expect(outcome).toMatchObject({ ok: false, retriable: false, error: "blocked: 10.0.0.5 is a private address" });
  });

  it("refuses localhost and private addresses that are not allowlisted", async () => {
    const local = await runHttpTool({
      config: config({ url: `http://localhost:${port}/orders/1` }),
      input: {},
      resolveSecret,
      allowHosts,
    });
    expect(local).toMatchObject({ ok: false, retriable: false, error: "blocked: localhost is a loopback name" });
    const other = await runHttpTool({ config: config({ url: `${base}/orders/1` }), input: {}, resolveSecret });
    expect(other).toMatchObject({ ok: false, retriable: false, error: "blocked: 127.0.0.1 is a loopback address" });
  });

  it("caps the response size", async () => {
    const outcome = await run({ url: `${base}/big` });
    expect(outcome).toMatchObject({
      ok: false,
      retriable: false,
      error: expect.stringMatching(/larger than 1048576 bytes/),
    });
  });

  it("refuses invalid settings before sending anything", async () => {
    const before = seen.length;
    const outcome = await run({ url: "https://{{host}}/x" }, { host: "evil.example" });
    expect(outcome).toMatchObject({
      ok: false,
      retriable: false,
      error: expect.stringMatching(/^invalid HTTP tool settings: url:/),
    });
    expect(seen.length).toBe(before);
  });
});
