// A small MCP server for tests, built with the SDK's McpServer: served over Streamable HTTP on a random localhost
// port (startMcpHttpTestServer) and over stdio (tests/support/mcp-stdio-server.ts).
//   lookup_sku({ sku })      deterministic catalogue lookup with structuredContent
//   describe_sku({ sku })    the same as plain text JSON (no structuredContent)
//   always_fails()           throws, so the server returns isError: true
//   sleep({ ms })            answers after ms milliseconds
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const CATALOGUE: Record<string, { name: string; priceCents: number; inStock: number }> = {
  "SKU-1": { name: "Blue mug", priceCents: 1250, inStock: 12 },
  "SKU-2": { name: "Red kettle", priceCents: 4999, inStock: 0 },
};

function skuRecord(sku: string) {
  const item = CATALOGUE[sku.toUpperCase()];
  return item
    ? { sku: sku.toUpperCase(), found: true, ...item }
    : { sku: sku.toUpperCase(), found: false, name: "", priceCents: 0, inStock: 0 };
}

export function createMcpTestServer(): McpServer {
  const server = new McpServer({ name: "switchboard-test-mcp", version: "1.0.0" });
  server.registerTool(
    "lookup_sku",
    {
      description: "Look up a product by SKU.",
      inputSchema: { sku: z.string().min(1).describe("Product SKU, e.g. SKU-1") },
      outputSchema: {
        sku: z.string(),
        found: z.boolean(),
        name: z.string(),
        priceCents: z.number(),
        inStock: z.number(),
      },
    },
    async ({ sku }) => {
      const record = skuRecord(sku);
      return { content: [{ type: "text", text: JSON.stringify(record) }], structuredContent: record };
    },
  );
  server.registerTool(
    "describe_sku",
    { description: "Describe a product as text.", inputSchema: { sku: z.string() } },
    async ({ sku }) => ({ content: [{ type: "text", text: JSON.stringify(skuRecord(sku)) }] }),
  );
  server.registerTool("always_fails", { description: "Always fails." }, async () => {
    throw new Error("warehouse system is down");
  });
  server.registerTool(
    "sleep",
    { description: "Answers after a delay.", inputSchema: { ms: z.number().int().min(0).max(60_000) } },
    async ({ ms }, extra) => {
      await delay(ms, undefined, { signal: extra.signal }).catch(() => undefined);
      return { content: [{ type: "text", text: `slept ${ms} ms` }] };
    },
  );
  return server;
}

export type McpHttpTestServer = { url: string; port: number; requests: () => number; close: () => Promise<void> };

/** Stateless Streamable HTTP server at http://127.0.0.1:<port>/mcp. */
export async function startMcpHttpTestServer(): Promise<McpHttpTestServer> {
  let requests = 0;
  const httpServer = http.createServer((req, res) => {
    requests++;
    if (!req.url?.startsWith("/mcp")) {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    const server = createMcpTestServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
