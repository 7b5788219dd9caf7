// The protocol clients bench/integrations.ts drives besides tests/support/a2a-client.ts: reading an A2A task's reply
// text, and an MCP client over Streamable HTTP.
import type { Task } from "@a2a-js/sdk";
import { Client as McpClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

export const a2aText = (task: Task) =>
  (task.status?.message?.parts ?? []).flatMap((p) => (p.content?.$case === "text" ? [p.content.value] : [])).join("\n");

export async function mcpClient(baseUrl: string, key: string): Promise<McpClient> {
  const client = new McpClient({ name: "switchboard-bench", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("/api/mcp", baseUrl), {
      requestInit: { headers: { Authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

export type McpOutput = { conversationId: string; done: boolean; replies: { text: string }[] };
