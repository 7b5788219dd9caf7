import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callMcpTool, extractMcpResult, listMcpTools } from "@/lib/runtime/tools/mcp-tool";
import { closeMcpClients, configureMcpClientPool, mcpClientPoolSize } from "@/lib/runtime/tools/mcp-client-pool";
import { McpToolError } from "@/lib/runtime/tools/mcp-tool-error";
import { parseMcpServer, stdioAllowlistFromEnv } from "@/lib/runtime/tools/mcp-server-spec";
import { SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { toolConfig } from "@/lib/model/flow/schema";
import { clearToolRegistryCache, describeToolAsync } from "@/lib/runtime/tools/tool-registry";
import { startMcpHttpTestServer, type McpHttpTestServer } from "@/tests/support/mcp-test-server";

const STDIO_SCRIPT = path.resolve(__dirname, "../../../support/mcp-stdio-server.ts");
const STDIO_SERVER = `stdio:node --import tsx "${STDIO_SCRIPT}"`;

let http: McpHttpTestServer;
let allowHosts: string[];

beforeAll(async () => {
  http = await startMcpHttpTestServer();
  allowHosts = [`127.0.0.1:${http.port}`];
});

afterAll(async () => {
  await closeMcpClients();
  await http.close();
});

describe("server strings", () => {
  it("parses URLs and stdio commands", () => {
    expect(parseMcpServer("https://mcp.example.com/mcp")).toMatchObject({ kind: "http" });
    expect(parseMcpServer(`stdio:npx -y "@acme/orders mcp" --flag='a b'`)).toEqual({
      kind: "stdio",
      command: "npx",
      args: ["-y", "@acme/orders mcp", "--flag=a b"],
    });
    expect(() => parseMcpServer(`stdio:node "unclosed`)).toThrow(/quote/);
    expect(() => parseMcpServer("")).toThrow(McpToolError);
    expect(() => parseMcpServer("ftp://x")).toThrow(/http\(s\)/);
    expect(() => parseMcpServer("just words")).toThrow(/neither/);
    expect(() => parseMcpServer("stdio:   ")).toThrow(/needs a command/);
    expect(stdioAllowlistFromEnv({ SWITCHBOARD_MCP_STDIO_ALLOWLIST: "node, uvx ,," })).toEqual(["node", "uvx"]);
  });

  it("extracts structured content or parsed text", () => {
    expect(extractMcpResult({ structuredContent: { a: 1 }, content: [] })).toEqual({ a: 1 });
    expect(extractMcpResult({ content: [{ type: "text", text: '{"b":2}' }] })).toEqual({ b: 2 });
    expect(
      extractMcpResult({
        content: [
          { type: "text", text: "plain" },
          { type: "text", text: "[1]" },
        ],
      }),
    ).toEqual(["plain", [1]]);
    expect(extractMcpResult({ content: [] })).toBeNull();
  });
});

describe("over Streamable HTTP", () => {
  it("lists tools with their input schemas", async () => {
    const tools = await listMcpTools(http.url, { allowHosts });
    expect(tools.map((t) => t.name).sort()).toEqual(["always_fails", "describe_sku", "lookup_sku", "sleep"]);
    const lookup = tools.find((t) => t.name === "lookup_sku")!;
    expect(lookup.description).toBe("Look up a product by SKU.");
    expect(lookup.inputSchema).toMatchObject({
      type: "object",
      properties: { sku: { type: "string" } },
      required: ["sku"],
    });
    expect(lookup.outputSchema).toMatchObject({ type: "object" });
  });

  it("calls a tool and returns structured content", async () => {
    const outcome = await callMcpTool({
      server: http.url,
      tool: "lookup_sku",
      input: { sku: "sku-1" },
      timeoutMs: 5000,
      allowHosts,
    });
    expect(outcome).toMatchObject({
      ok: true,
      isError: false,
      result: { sku: "SKU-1", found: true, name: "Blue mug", priceCents: 1250 },
    });
    const text = await callMcpTool({ server: http.url, tool: "describe_sku", input: { sku: "SKU-2" }, allowHosts });
    expect(text).toMatchObject({ ok: true, result: { sku: "SKU-2", name: "Red kettle", inStock: 0 } });
  });

  it("pools one client per server", async () => {
    await closeMcpClients();
    await Promise.all(
      [1, 2, 3].map(() => callMcpTool({ server: http.url, tool: "lookup_sku", input: { sku: "SKU-1" }, allowHosts })),
    );
    expect(mcpClientPoolSize()).toBe(1);
    await closeMcpClients();
    expect(mcpClientPoolSize()).toBe(0);
  });

  it("closes idle clients", async () => {
    configureMcpClientPool({ idleMs: 50 });
    try {
      await callMcpTool({ server: http.url, tool: "lookup_sku", input: { sku: "SKU-1" }, allowHosts });
      expect(mcpClientPoolSize()).toBe(1);
      await new Promise((r) => setTimeout(r, 150));
      expect(mcpClientPoolSize()).toBe(0);
    } finally {
      configureMcpClientPool({ idleMs: 5 * 60_000 });
    }
  });

  it("returns a tool's own error as isError", async () => {
    const outcome = await callMcpTool({ server: http.url, tool: "always_fails", input: {}, allowHosts });
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.isError).toBe(true);
    expect(JSON.stringify(outcome.ok && outcome.result)).toContain("warehouse system is down");
  });

  it("times out (retriable)", async () => {
    const outcome = await callMcpTool({
      server: http.url,
      tool: "sleep",
      input: { ms: 2000 },
      timeoutMs: 300,
      allowHosts,
    });
    expect(outcome).toMatchObject({ ok: false, retriable: true, error: "the MCP server did not answer within 300 ms" });
    expect(outcome.durationMs).toBeLessThan(1500);
    // The pooled client still works afterwards.
    const after = await callMcpTool({ server: http.url, tool: "lookup_sku", input: { sku: "SKU-1" }, allowHosts });
    expect(after.ok).toBe(true);
  });

  it("refuses a localhost server that is not allowlisted (SSRF guard)", async () => {
    const before = http.requests();
    const outcome = await callMcpTool({ server: http.url, tool: "lookup_sku", input: { sku: "SKU-1" } });
    expect(outcome).toMatchObject({ ok: false, retriable: false, error: "blocked: 127.0.0.1 is a loopback address" });
    const local = await callMcpTool({
      server: `http://localhost:${http.port}/mcp`,
      tool: "lookup_sku",
      input: {},
      allowHosts,
    });
    expect(local).toMatchObject({ ok: false, retriable: false, error: "blocked: localhost is a loopback name" });
    await expect(
      listMcpTools("http://169.254.169.254/mcp", { allowHosts: ["169.254.169.254"] }),
    ).rejects.toBeInstanceOf(SsrfBlockedError);
    expect(http.requests()).toBe(before);
  });

  it("feeds the tool registry's async description", async () => {
    clearToolRegistryCache();
    const config = toolConfig.parse({ source: "mcp", mcp: { server: http.url, tool: "lookup_sku" } });
    const d = await describeToolAsync(config, { listMcpTools, allowHosts, node: { id: "sku", label: "SKU lookup" } });
    expect(d).toMatchObject({
      name: "sku",
      label: "SKU lookup",
      description: "Look up a product by SKU.",
      inputSchema: { required: ["sku"] },
    });
  });

  it("reports an unreachable server as retriable", async () => {
    const outcome = await callMcpTool({
      server: "http://127.0.0.1:9/mcp",
      tool: "x",
      input: {},
      allowHosts: ["127.0.0.1:9"],
      timeoutMs: 2000,
    });
    expect(outcome).toMatchObject({ ok: false, retriable: true });
    expect(!outcome.ok && outcome.error).toMatch(/ECONNREFUSED/);
  });
});

describe("over stdio", () => {
  it("is refused unless the command is allowlisted", async () => {
    const outcome = await callMcpTool({
      server: STDIO_SERVER,
      tool: "lookup_sku",
      input: { sku: "SKU-1" },
      stdioAllowlist: [],
    });
    expect(outcome).toMatchObject({ ok: false, retriable: false });
    expect(!outcome.ok && outcome.error).toMatch(/SWITCHBOARD_MCP_STDIO_ALLOWLIST/);
    await expect(listMcpTools(STDIO_SERVER, { stdioAllowlist: ["/usr/bin/node"] })).rejects.toThrow(/not allowed/);
  });

  it("lists and calls tools when allowlisted", async () => {
    const stdioAllowlist = ["node"];
    const tools = await listMcpTools(STDIO_SERVER, { stdioAllowlist, timeoutMs: 20_000 });
    expect(tools.map((t) => t.name)).toContain("lookup_sku");
    const outcome = await callMcpTool({
      server: STDIO_SERVER,
      tool: "lookup_sku",
      input: { sku: "SKU-2" },
      stdioAllowlist,
      timeoutMs: 5000,
    });
    expect(outcome).toMatchObject({ ok: true, isError: false, result: { name: "Red kettle", inStock: 0 } });
    const failed = await callMcpTool({ server: STDIO_SERVER, tool: "always_fails", input: {}, stdioAllowlist });
    expect(failed).toMatchObject({ ok: true, isError: true });
    const slow = await callMcpTool({
      server: STDIO_SERVER,
      tool: "sleep",
      input: { ms: 3000 },
      stdioAllowlist,
      timeoutMs: 200,
    });
    expect(slow).toMatchObject({ ok: false, retriable: true });
  }, 30_000);

  it("reports a command that cannot start", async () => {
    const outcome = await callMcpTool({
      server: "stdio:switchboard-no-such-command",
      tool: "x",
      input: {},
      stdioAllowlist: ["switchboard-no-such-command"],
      timeoutMs: 3000,
    });
    expect(outcome).toMatchObject({ ok: false });
  });
});
