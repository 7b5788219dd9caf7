// Agents, tools and remote agents: an agent calls only tools it has a permission link to, data-changing tools
// are limited on that link, and each tool has what it needs to run.
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import { DEFAULT_NODE_POLICY, type FlowEdge, type NodeOf } from "@/lib/model/flow/schema";
import { duplicateNames, error, name, warning, type FlowIssue } from "./flow-issue";
import type { Model, Shell } from "./read-graph";

export function checkPermissionLimits(
  model: Model,
  edge: FlowEdge,
  agent: Shell,
  tool: NodeOf<"tool"> | NodeOf<"remote_agent">,
) {
  if (!hasSideEffect(tool)) return;
  const limits = edge.permission;
  if (limits && (limits.ratePerConversation > 0 || limits.ratePerMinute > 0 || limits.approvalAbove !== null)) return;
  model.issues.push({
    ...warning(
      "unlimited_side_effect",
      `${name(agent)} may call ${name(tool)}, which changes data, with no rate limit and no approval; set a limit or an approval amount on the link.`,
    ),
    edgeId: edge.id,
    nodeId: tool.id,
  });
}

const hasSideEffect = (tool: NodeOf<"tool"> | NodeOf<"remote_agent">) =>
  tool.config.sideEffect ||
  (tool.kind === "tool" && tool.config.builtin ? BUILTIN_TOOLS[tool.config.builtin].sideEffect : false);

export function agentIssues(model: Model, node: NodeOf<"agent">): FlowIssue[] {
  const issues = duplicateNames(
    node,
    node.config.slots.map((slot) => slot.name),
    "slots",
    "name",
    "slot",
  );
  if (node.config.mode === "llm") {
    if (!node.config.systemPrompt.trim())
      issues.push(
        warning("missing_setting", `${name(node)} has no system prompt, so the model gets no instructions.`, [
          "systemPrompt",
        ]),
      );
    return issues;
  }
  if (!node.config.reply.trim())
    issues.push(error("missing_setting", `${name(node)} has no reply, so it would answer with nothing.`, ["reply"]));
  const tool = node.config.tool;
  if (tool && !permits(model, node.id, tool)) {
    issues.push(
      error(
        "unpermitted_tool",
        `${name(node)} calls “${BUILTIN_TOOLS[tool].label}” but has no permission link to a “${BUILTIN_TOOLS[tool].label}” tool node; connect its tools handle to one.`,
        ["tool"],
      ),
    );
  }
  return issues;
}

function permits(model: Model, agentId: string, tool: string): boolean {
  return model.toolLinks.some((link) => {
    const target = model.shellById.get(link.target)?.node;
    return (
      link.source === agentId &&
      target?.kind === "tool" &&
      target.config.source === "builtin" &&
      target.config.builtin === tool
    );
  });
}

export function toolIssues(node: NodeOf<"tool">): FlowIssue[] {
  const { source, builtin, http, mcp } = node.config;
  if (source === "builtin") {
    if (!builtin) return [error("missing_setting", `${name(node)} has no built-in tool chosen.`, ["builtin"])];
    return BUILTIN_TOOLS[builtin].sideEffect && !node.config.sideEffect
      ? [
          warning(
            "side_effect_mismatch",
            `${name(node)} runs “${BUILTIN_TOOLS[builtin].label}”, which changes data, but is marked read-only.`,
            ["sideEffect"],
          ),
        ]
      : [];
  }
  if (source === "http")
    return http?.url.trim() ? [] : [error("missing_setting", `${name(node)} has no URL to call.`, ["http", "url"])];
  const missing = [!mcp?.server.trim() && "server", !mcp?.tool.trim() && "tool"].filter((field): field is string =>
    Boolean(field),
  );
  return missing.map((field) => error("missing_setting", `${name(node)} has no MCP ${field} set.`, ["mcp", field]));
}

export function remoteAgentIssues(node: NodeOf<"remote_agent">): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const url = node.config.cardUrl.trim();
  if (!url) issues.push(error("missing_setting", `${name(node)} has no agent card URL.`, ["cardUrl"]));
  else if (!/^https?:\/\/[^/\s]+/i.test(url))
    issues.push(
      error("bad_setting", `${name(node)}: the agent card URL must start with http:// or https://.`, ["cardUrl"]),
    );
  if (!node.config.message.trim())
    issues.push(
      error(
        "missing_setting",
        `${name(node)} has no message to send; {{message}} sends what the customer (or the calling agent) said.`,
        ["message"],
      ),
    );
  const nodeTimeout = node.policy?.timeoutMs ?? DEFAULT_NODE_POLICY.timeoutMs;
  if (node.config.timeoutMs >= nodeTimeout) {
    issues.push(
      warning(
        "bad_setting",
        `${name(node)} waits up to ${node.config.timeoutMs} ms for the remote agent, but the node itself times out after ${nodeTimeout} ms; lower one or raise the other.`,
        ["timeoutMs"],
      ),
    );
  }
  node.config.headers.forEach((header, index) => {
    if (header.secret && header.value && !/\{\{\s*secret\s*\}\}/.test(header.value)) {
      issues.push(
        warning(
          "bad_setting",
          `${name(node)}: header ${header.name} names the secret ${header.secret} but its value has no {{secret}}, so the value is replaced by the secret.`,
          ["headers", index, "value"],
        ),
      );
    }
  });
  return issues;
}
