// Per-node rules: whether the engine can run the node yet, then the settings of each kind (guardrail policies,
// joins, approvals, memory…), handing routers, conditions and tools to their own rule families.
import { validateGuardrailPolicies } from "@/lib/model/guardrails/run-guardrails";
import { unsupportedReason } from "@/lib/model/flow/engine-support";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { FlowNode, NodeOf } from "@/lib/model/flow/schema";
import { conditionIssues, interruptionIssues, routerIssues } from "./check-routes";
import { literalVariables } from "./check-templates";
import { agentIssues, remoteAgentIssues, toolIssues } from "./check-tools";
import { duplicateIds, error, name, warning, type FlowIssue } from "./flow-issue";
import type { Model } from "./read-graph";

export function checkNode(model: Model, node: FlowNode) {
  const reason = unsupportedReason(node);
  if (reason)
    model.issues.push({
      ...error("engine_unsupported", `${name(node)} can be drawn but not published yet: ${reason}`),
      nodeId: node.id,
    });
  for (const issue of nodeIssues(model, node)) model.issues.push({ ...issue, nodeId: node.id });
}

function nodeIssues(model: Model, node: FlowNode): FlowIssue[] {
  switch (node.kind) {
    case "start":
      return node.config.interruptions ? interruptionIssues(node, model) : [];
    case "router":
      return routerIssues(node);
    case "condition":
      return conditionIssues(node);
    case "parallel":
      return duplicateIds(node, node.config.branches, "branches", "branch");
    case "agent":
      return agentIssues(model, node);
    case "tool":
      return toolIssues(node);
    case "remote_agent":
      return remoteAgentIssues(node);
    case "response":
      return node.config.template.trim()
        ? []
        : [error("missing_setting", `${name(node)} has no wording to send.`, ["template"])];
    case "guardrail":
      return guardrailIssues(node);
    case "join":
      return joinIssues(model, node);
    case "approval":
      return approvalIssues(model, node);
    case "set_memory":
      return setMemoryIssues(node);
    case "escalate":
      return literalVariables(node, node.config.message, ["message"]);
    default:
      return [];
  }
}

function guardrailIssues(node: NodeOf<"guardrail">): FlowIssue[] {
  const needsValues = new Set(["blocked_phrases", "required_disclosure", "output_schema", "exact_wording"]);
  const missing = node.config.policies.flatMap((policy, index) =>
    needsValues.has(policy.type) && policy.values.length === 0
      ? [
          error(
            "missing_setting",
            `${name(node)}: the ${policy.type.replace("_", " ")} policy has nothing to check; add ${policy.type === "output_schema" ? "a JSON schema" : policy.type === "exact_wording" ? "the approved text" : "at least one phrase"}.`,
            ["policies", index, "values"],
          ),
        ]
      : [],
  );
  if (missing.length) return missing;
  // The same checks the engine would throw on at run time (an unknown topic, a schema that is not JSON…), at publish.
  return validateGuardrailPolicies(node.config.policies).map((problem) =>
    error("bad_setting", `${name(node)}: ${problem}`, ["policies"]),
  );
}

function joinIssues(model: Model, node: NodeOf<"join">): FlowIssue[] {
  let incoming = 0;
  for (const targets of model.next.values()) for (const target of targets) if (target === node.id) incoming++;
  if (node.config.mode === "first_n" && node.config.n > incoming) {
    return [
      error(
        "bad_setting",
        `${name(node)} waits for the first ${node.config.n} branches but only ${incoming} lead into it, so it would always time out.`,
        ["n"],
      ),
    ];
  }
  return incoming < 2
    ? [
        warning(
          "bad_setting",
          `${name(node)} has ${incoming === 0 ? "no branches" : "only one branch"} leading into it; a join brings several parallel branches together.`,
        ),
      ]
    : [];
}

function approvalIssues(model: Model, node: NodeOf<"approval">): FlowIssue[] {
  const ref = node.config.toolNodeId;
  if (ref === undefined) return [];
  const target = model.shellById.get(ref);
  if (target?.kind && NODE_KINDS[target.kind].toolLinks === "target") return [];
  const what = target ? `${name(target)}, which is not a tool` : `“${ref}”, which is not on the canvas`;
  return [error("bad_reference", `${name(node)} guards ${what}; pick a tool node.`, ["toolNodeId"])];
}

function setMemoryIssues(node: NodeOf<"set_memory">): FlowIssue[] {
  const seen = new Set<string>();
  return node.config.assignments.flatMap((assignment, index) => {
    const key = `${assignment.scope}:${assignment.key}`;
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [
      warning("duplicate_key", `${name(node)} sets “${assignment.key}” twice; only the last value is kept.`, [
        "assignments",
        index,
        "key",
      ]),
    ];
  });
}
