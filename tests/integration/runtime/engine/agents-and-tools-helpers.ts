// Shared by the agents-and-tools engine tests: the demo workspace, the local services the flows call (an
// OpenAI-compatible server, an MCP server over streamable HTTP, a shipping API behind a secret), started and stopped by
// each test file's hooks, and a helper to publish a flow and talk to it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { clearProviderCache } from "@/lib/runtime/agents/resolve-provider";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { createModelProvider } from "@/lib/features/settings/models/create-model-provider";
import { createSecret } from "@/lib/features/settings/secrets/create-secret";
import { closeMcpClients } from "@/lib/runtime/tools/mcp-client-pool";
import { demoWorkspace } from "@/tests/support/factories";
import { publishedFlow, sendTurn } from "@/tests/support/engine";
import { startMcpHttpTestServer, type McpHttpTestServer } from "@/tests/support/mcp-test-server";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";

export const workspace = await demoWorkspace();
export let llm: OpenAITestServer;
export let mcp: McpHttpTestServer;
let api: Server;
export let apiPort = 0;
export const apiRequests: { url: string; authorization: string | undefined }[] = [];

/** Starts the local OpenAI-compatible server, the MCP server and the shipping API, and registers the provider and
 * secret the flows use. */
export async function startAgentServices() {
  llm = await startOpenAITestServer();
  mcp = await startMcpHttpTestServer();
  api = createServer((req, res) => {
    apiRequests.push({ url: req.url ?? "", authorization: req.headers.authorization });
    if (req.headers.authorization !== "Bearer tok-secret-123") {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "unauthorised" }));
      return;
    }
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ data: { status: "in transit", eta: "2026-11-24" } }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiPort = (api.address() as AddressInfo).port;
  // The SSRF guard blocks loopback unless a development allowlist names the host.
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = `${process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST ?? ""},127.0.0.1:${apiPort},localhost:${mcp.port},127.0.0.1:${mcp.port}`;
  await db().$transaction((tx) =>
    createModelProvider(tx, {
      workspaceId: workspace.id,
      input: {
        name: "local",
        baseUrl: llm.baseUrl,
        apiKey: "sk-test-123",
        defaultModel: "gpt-4o-mini",
        fallbackModel: "",
        timeoutMs: 5000,
        maxRetries: 0,
      },
    }),
  );
  await db().$transaction((tx) =>
    createSecret(tx, { workspaceId: workspace.id, input: { name: "SHIPPING_TOKEN", value: "tok-secret-123" } }),
  );
}

export async function stopAgentServices() {
  delete process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST;
  clearProviderCache();
  await closeMcpClients();
  await llm.close();
  await mcp.close();
  await new Promise((resolve) => api.close(resolve));
}

/** `customer` (a ref) or `customerId`: the conversation's verified customer, as an API integration names them. */
export async function converse(
  graph: FlowGraphInput,
  slug: string,
  options: { customer?: string; customerId?: string } = {},
) {
  const existing = await db().flow.findFirst({ where: { workspaceId: workspace.id, slug } });
  if (!existing) await publishedFlow(graph, slug, { workspaceId: workspace.id });
  const customerId = options.customer
    ? (await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: options.customer } })).id
    : (options.customerId ?? null);
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: slug,
    channel: "api",
    customerId,
  });
  return {
    id: conversation.id,
    send: (text: string) => sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text }),
  };
}
