// What the current engine can execute. Validation reports the rest as errors so a flow that would fail on a
// customer's first message cannot be published; the designer still lets people draw them.
import { BUILTIN_TOOLS } from "@/lib/tools/catalog";
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
      return node.config.strategy === "llm" ? "LLM routing needs a model provider, which this engine version does not have yet." : null;
    case "agent":
      if (node.config.mode === "llm") return "LLM agents need a model provider, which this engine version does not have yet.";
      return node.config.tool && !BUILTIN_TOOLS[node.config.tool].executable
        ? `The built-in tool "${node.config.tool}" is not available in this engine version yet.`
        : null;
    case "tool":
      if (node.config.source !== "builtin") return `${node.config.source.toUpperCase()} tools are not available in this engine version yet.`;
      return node.config.builtin && !BUILTIN_TOOLS[node.config.builtin].executable
        ? `The built-in tool "${node.config.builtin}" is not available in this engine version yet.`
        : null;
    case "set_memory":
      return node.config.assignments.some((a) => a.scope === "customer")
        ? "Customer long-term memory is not available in this engine version yet; use conversation scope."
        : null;
    case "guardrail":
      return "Guardrail nodes are not executable in this engine version yet.";
  }
}
