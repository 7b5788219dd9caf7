// What the current engine can execute. Validation reports the rest as errors so a flow that would fail on a
// customer's first message cannot be published; the designer still lets people draw them.
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import type { FlowNode } from "./schema";

/** Null when the engine can run this node as configured; otherwise a sentence saying what it cannot do yet. */
export function unsupportedReason(node: FlowNode): string | null {
  switch (node.kind) {
    case "start":
    case "condition":
    case "response":
    case "escalate":
    case "end":
    case "parallel":
    case "join":
    case "approval":
    case "subflow":
      return null;
    case "router":
      return null;
    case "agent":
      if (node.config.mode === "llm") return null;
      return node.config.tool && !BUILTIN_TOOLS[node.config.tool].executable
        ? `The built-in tool "${node.config.tool}" is not available in this engine version yet.`
        : null;
    case "tool":
      if (node.config.source === "http") return node.config.http?.url ? null : "Give the HTTP tool a URL.";
      if (node.config.source === "mcp")
        return node.config.mcp?.server && node.config.mcp.tool ? null : "Name the MCP server and tool.";
      if (!node.config.builtin) return "Pick the built-in tool.";
      return node.config.builtin && !BUILTIN_TOOLS[node.config.builtin].executable
        ? `The built-in tool "${node.config.builtin}" is not available in this engine version yet.`
        : null;
    case "remote_agent":
      return node.config.cardUrl ? null : "Give the remote agent its agent card URL.";
    case "set_memory":
    case "guardrail":
    case "verify_customer":
      return null;
  }
}
