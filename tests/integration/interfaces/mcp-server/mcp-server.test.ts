// The workspace's published flows as an MCP server, exercised by the SDK's real client over HTTP.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET, POST } from "@/app/api/mcp/route";
import { db } from "@/lib/platform/db/client";
import { createFlow } from "@/lib/features/flows/create-flow";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { TICKET_FLOW, publishedFlow } from "@/tests/support/engine";
import { demoWorkspace, seedUser } from "@/tests/support/factories";
import { startRouteServer } from "@/tests/support/route-server";
import { counts, seedApiKey } from "../api/helpers";

type Output = {
  conversationId: string;
  status: string;
  waitingFor: string | null;
  done: boolean;
  replies: { author: string; text: string }[];
};

let server: { url: string; close: () => Promise<void> };
let workspaceId: string;
let key: string;
let keyId: string;
let otherKey: string;
const clients: Client[] = [];

async function connect(apiKey: string): Promise<Client> {
  const client = new Client({ name: "switchboard-mcp-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", server.url), {
    requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const textOf = (result: unknown) =>
  ((result as { content: { text: string }[] }).content ?? []).map((c) => c.text).join("\n");

beforeAll(async () => {
  server = await startRouteServer([{ pattern: "/api/mcp", handlers: { POST, GET, DELETE } }]);
  workspaceId = (await demoWorkspace()).id;
  const created = await seedApiKey({ workspaceId, name: "MCP test key" });
  key = created.key;
  keyId = created.apiKey.id;

  // Another workspace with its own published flow, and a draft in the demo workspace that was never published.
  const other = await publishedFlow(TICKET_FLOW, "other-tickets");
  otherKey = (await seedApiKey({ workspaceId: other.workspace.id })).key;
  const author = await seedUser({ workspaceId, role: "admin" });
  await db().$transaction((tx) =>
    createFlow(tx, {
      workspaceId,
      name: "Draft only",
      slug: "draft-only",
      description: "",
      graph: flowGraphSchema.parse(TICKET_FLOW),
      userId: author.id,
    }),
  );
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await server?.close();
});

describe("MCP server: tools", () => {
  it("lists the workspace's published flows as tools, with instructions", async () => {
    const client = await connect(key);
    expect(client.getServerVersion()).toMatchObject({ name: "switchboard", title: "Switchboard · Acme Retail" });
    expect(client.getInstructions()).toMatch(/conversationId/);

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["banking_support", "retail_support"]);
    const retail = tools.find((t) => t.name === "retail_support")!;
    expect(retail.title).toBe("Retail support");
    expect(retail.description).toContain("Order status, refunds");
    expect(retail.description).toMatch(/e\.g\. "/);
    expect(retail.inputSchema.required).toEqual(["message"]);
    expect(Object.keys(retail.inputSchema.properties ?? {}).sort()).toEqual(["conversationId", "customer", "message"]);
    expect(Object.keys(retail.outputSchema?.properties ?? {})).toEqual(
      expect.arrayContaining(["conversationId", "status", "waitingFor", "replies"]),
    );
  });

  it("shows another workspace only its own flows", async () => {
    const client = await connect(otherKey);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["other_tickets"]);
  });

  it("reflects publishing on the next request", async () => {
    const client = await connect(key);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain("mcp_late_flow");
    await publishedFlow(TICKET_FLOW, "mcp-late-flow", { workspaceId });
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("mcp_late_flow");
  });
});

describe("MCP server: calling a flow", () => {
  it("answers, then continues the same conversation; the audit names the key", async () => {
    const client = await connect(key);
    const first = await client.callTool({
      name: "retail_support",
      arguments: { message: "where is my order A1002", customer: "C-1001" },
    });
    expect(first.isError).toBeFalsy();
    const output = first.structuredContent as Output;
    expect(output).toMatchObject({ status: "active", waitingFor: "customer", done: true });
    expect(output.replies.at(-1)?.text).toContain("A1002");
    expect(textOf(first)).toContain("A1002");
    expect(textOf(first)).toContain(`conversationId: ${output.conversationId}`);

    const conversation = await db().conversation.findUniqueOrThrow({
      where: { id: output.conversationId },
      include: { customer: true },
    });
    expect(conversation).toMatchObject({ workspaceId, channel: "api" });
    expect(conversation.customer?.ref).toBe("C-1001");
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceId: output.conversationId, action: "conversation.started_via_mcp" },
    });
    expect(audit).toMatchObject({ actorType: "api_key", actorId: keyId });
    expect(audit.actorLabel).toContain("MCP test key");

    const messagesBefore = await db().message.count({ where: { conversationId: output.conversationId } });
    const second = await client.callTool({
      name: "retail_support",
      arguments: { message: "Where is my order A1001?", conversationId: output.conversationId },
    });
    expect(second.isError).toBeFalsy();
    const next = second.structuredContent as Output;
    expect(next.conversationId).toBe(output.conversationId);
    expect(next.replies.at(-1)?.text).toContain("A1001");
    expect(await db().message.count({ where: { conversationId: output.conversationId } })).toBeGreaterThan(
      messagesBefore,
    );
    expect(
      await db().auditLog.count({
        where: { resourceId: output.conversationId, action: "conversation.started_via_mcp" },
      }),
    ).toBe(1);
  });

  it("refuses an unknown conversation, a conversation of another flow and an unknown customer, writing nothing", async () => {
    const client = await connect(key);
    const banking = (await client.callTool({ name: "banking_support", arguments: { message: "I lost my card" } }))
      .structuredContent as Output;

    const before = await counts();
    const unknown = await client.callTool({
      name: "retail_support",
      arguments: { message: "hello", conversationId: "no-such-conversation" },
    });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/No such conversation/);
    const otherFlow = await client.callTool({
      name: "retail_support",
      arguments: { message: "hello", conversationId: banking.conversationId },
    });
    expect(otherFlow.isError).toBe(true);
    const customer = await client.callTool({
      name: "retail_support",
      arguments: { message: "hello", customer: "C-NOPE" },
    });
    expect(customer.isError).toBe(true);
    expect(textOf(customer)).toContain('No customer "C-NOPE"');
    const both = await client.callTool({
      name: "retail_support",
      arguments: { message: "hello", customer: "C-1001", conversationId: banking.conversationId },
    });
    expect(both.isError).toBe(true);
    const after = await counts();
    expect(after).toEqual(before);
  });

  it("rejects an empty message before anything starts", async () => {
    const client = await connect(key);
    const before = await counts();
    const result = await client.callTool({ name: "retail_support", arguments: { message: "   " } });
    expect(result.isError).toBe(true);
    expect(await counts()).toEqual(before);
  });
});

describe("MCP server: authentication", () => {
  it("refuses a missing or bad key with 401 JSON and writes nothing", async () => {
    const before = await counts();
    const initialize = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } },
    });
    for (const authorization of [undefined, "Bearer sb_not_a_real_key", "Basic abc"]) {
      const response = await fetch(new URL("/api/mcp", server.url), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...(authorization ? { authorization } : {}),
        },
        body: initialize,
      });
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
    }
    await expect(connect("sb_not_a_real_key")).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("counts requests against the key's rate limit", async () => {
    const limited = (await seedApiKey({ workspaceId, rateLimitPerMinute: 2 })).key;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(new URL("/api/mcp", server.url), {
        method: "POST",
        headers: {
          authorization: `Bearer ${limited}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: i, method: "ping" }),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        expect((await response.json()).error.code).toBe("RATE_LIMITED");
      } else {
        expect(response.headers.get("x-ratelimit-limit")).toBe("2");
        expect(await response.json()).toMatchObject({ jsonrpc: "2.0", id: i, result: {} });
      }
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("answers GET and DELETE with 405 (stateless server)", async () => {
    for (const method of ["GET", "DELETE"]) {
      const response = await fetch(new URL("/api/mcp", server.url), {
        method,
        headers: { authorization: `Bearer ${key}`, accept: "text/event-stream" },
      });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });
});
