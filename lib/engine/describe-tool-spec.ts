// A tool node as an LLM agent sees it: name, description and the JSON schema of its arguments. MCP tools are
// described by their server (cached briefly); built-in and HTTP tools by the registry.
import "server-only";
import type { ToolSpec } from "@/lib/agents/types";
import { allowlistFromEnv } from "@/lib/net/ssrf-guard";
import { listMcpTools } from "@/lib/tools/mcp-tool";
import { describeToolAsync } from "@/lib/tools/tool-registry";
import { toolName, type ToolNode } from "./invoke-tool";
import type { TurnContext } from "./turn-context";

export async function describeToolSpec(ctx: TurnContext, tool: ToolNode): Promise<ToolSpec> {
  const description = await describeToolAsync(tool.config, { listMcpTools, node: { id: tool.id, label: tool.label }, allowHosts: allowlistFromEnv(), signal: ctx.signal, timeoutMs: 5_000 });
  return { name: toolName(tool), description: `${tool.label}: ${description.description}`, parameters: description.inputSchema };
}
