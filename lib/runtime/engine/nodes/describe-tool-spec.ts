// A tool node as an LLM agent sees it: name, description and the JSON schema of its arguments. MCP tools are
// described by their server (cached briefly); built-in and HTTP tools by the registry; a remote A2A agent is one
// function taking the message to send (described from its settings, so listing it costs no network call).
import "server-only";
import type { ToolSpec } from "@/lib/runtime/agents/types";
import { allowlistFromEnv } from "@/lib/platform/net/host-allowlist";
import { listMcpTools } from "@/lib/runtime/tools/mcp-tool";
import { describeToolAsync } from "@/lib/runtime/tools/tool-registry";
import { toolName } from "@/lib/model/flow/flow-names";
import type { CallableNode } from "./invoke-tool";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";

export async function describeToolSpec(ctx: TurnContext, tool: CallableNode): Promise<ToolSpec> {
  if (tool.kind === "remote_agent") {
    const skill = tool.config.skill ? ` (skill “${tool.config.skill}”)` : "";
    return {
      name: toolName(tool),
      description: `${tool.label}: an external agent${skill}. Send it one message in plain language; it answers in text and remembers earlier messages in this conversation. If it asks a question, ask the customer and send their answer.`,
      parameters: {
        type: "object",
        properties: {
          message: { type: "string", description: "What to ask or tell the remote agent, self-contained." },
        },
        required: ["message"],
        additionalProperties: false,
      },
    };
  }
  const description = await describeToolAsync(tool.config, {
    listMcpTools,
    node: { id: tool.id, label: tool.label },
    allowHosts: allowlistFromEnv(),
    signal: ctx.signal,
    timeoutMs: 5_000,
  });
  return {
    name: toolName(tool),
    description: `${tool.label}: ${description.description}`,
    parameters: description.inputSchema,
  };
}
