// Links and ports: each link joins existing nodes through handles that may be joined, no output leads two ways,
// and every output of a branching node leads somewhere.
import { canConnect } from "@/lib/model/flow/connection-rules";
import { nodeOutputs } from "@/lib/model/flow/registry";
import {
  FLOW_SCHEMA_VERSION,
  LOW_CONFIDENCE_HANDLE,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type NodeKind,
} from "@/lib/model/flow/schema";
import { CONDITION_ELSE } from "./check-routes";
import { checkPermissionLimits } from "./check-tools";
import { error, name, warning, type FlowIssue, type IssuePath } from "./flow-issue";
import type { Model, Shell } from "./read-graph";

const MULTI_OUTPUT_KINDS = new Set<NodeKind>(["router", "condition", "guardrail", "parallel", "join", "approval"]);

export function checkEdges(model: Model) {
  const byOutput = new Map<string, FlowEdge>();
  const permissions = new Set<string>();
  for (const edge of model.edges) {
    const source = model.shellById.get(edge.source);
    const target = model.shellById.get(edge.target);
    if (!source || !target) {
      model.issues.push(danglingIssue(edge, source, target));
      continue;
    }
    if (source.node && target.node) checkConnectionRule(model, edge, source.node, target.node);
    const key = edge.kind === "tool" ? `${edge.source}→${edge.target}` : `${edge.source}:${edge.sourceHandle}`;
    if (edge.kind === "tool" ? permissions.has(key) : byOutput.has(key)) {
      model.issues.push(conflictIssue(model, edge, source, byOutput.get(key)));
    }
    if (edge.kind === "tool") permissions.add(key);
    else byOutput.set(key, edge);
    if (edge.kind === "tool" && (target.node?.kind === "tool" || target.node?.kind === "remote_agent"))
      checkPermissionLimits(model, edge, source, target.node);
  }
}

function danglingIssue(edge: FlowEdge, source: Shell | undefined, target: Shell | undefined): FlowIssue {
  const message = source
    ? `A link from ${name(source)} leads to a node that no longer exists (“${edge.target}”); delete the link.`
    : target
      ? `A link into ${name(target)} comes from a node that no longer exists (“${edge.source}”); delete the link.`
      : `A link joins two nodes that no longer exist (“${edge.source}” → “${edge.target}”); delete it.`;
  return { ...error("dangling_edge", message), edgeId: edge.id, nodeId: source?.id ?? target?.id };
}

/** The endpoint rules need only the two nodes; conflicts between links are judged across the whole graph here. */
function checkConnectionRule(model: Model, edge: FlowEdge, source: FlowNode, target: FlowNode) {
  const pair: FlowGraph = {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: source === target ? [source] : [source, target],
    edges: [],
  };
  const verdict = canConnect(pair, edge);
  const link = `The link from ${name(source)} to ${name(target)}`;
  if (!verdict.ok) {
    model.issues.push({
      ...error("bad_handle", `${link} is not allowed: ${verdict.reason}`),
      edgeId: edge.id,
      nodeId: source.id,
    });
  } else if (verdict.kind === "tool" && edge.sourceHandle !== "tools") {
    // The canvas accepts a permission dragged backwards but saves it agent → tool; the engine reads only that way.
    model.issues.push({
      ...error("bad_handle", `${link} is a tool permission saved backwards; redraw it from the agent's tools handle.`),
      edgeId: edge.id,
      nodeId: source.id,
    });
  } else if (verdict.kind !== edge.kind) {
    const drawn = edge.kind === "tool" ? "a tool permission" : "a control link";
    const joins = verdict.kind === "tool" ? "an agent's tools to a tool's permission handle" : "an output to an input";
    model.issues.push({
      ...error("bad_handle", `${link} is saved as ${drawn} but joins ${joins}; redraw it.`),
      edgeId: edge.id,
      nodeId: source.id,
    });
  }
}

function conflictIssue(model: Model, edge: FlowEdge, source: Shell, first: FlowEdge | undefined): FlowIssue {
  const target = model.shellById.get(edge.target)!;
  if (edge.kind === "tool") {
    return {
      ...error(
        "duplicate_edge",
        `${name(source)} has two permission links to ${name(target)}; keep one so its limits are unambiguous.`,
      ),
      edgeId: edge.id,
      nodeId: source.id,
    };
  }
  const firstTarget = first ? model.shellById.get(first.target) : undefined;
  return {
    ...error(
      "duplicate_edge",
      `The “${edge.sourceHandle}” output of ${name(source)} leads to both ${firstTarget ? name(firstTarget) : "another node"} and ${name(target)}; only the first is ever taken. Remove one.`,
    ),
    edgeId: edge.id,
    nodeId: source.id,
  };
}

export function checkUnwiredOutputs(model: Model) {
  const wired = new Set(
    [...model.edges, ...model.looseLinks]
      .filter((edge) => edge.kind !== "tool")
      .map((edge) => `${edge.source}:${edge.sourceHandle}`),
  );
  for (const node of model.nodes) {
    if (!MULTI_OUTPUT_KINDS.has(node.kind) && node.kind !== "start") continue;
    // An output guardrail checks replies already written; its paths may end there (a blocked reply gets a neutral line).
    if (node.kind === "guardrail" && (node.config as { stage?: string } | undefined)?.stage === "output") continue;
    nodeOutputs(node).forEach((port, index) => {
      if (wired.has(`${node.id}:${port.id}`)) return;
      const path = outputPath(node, index);
      model.issues.push({
        ...warning("unwired_output", unwiredMessage(node, port.label, port.id), path),
        nodeId: node.id,
      });
    });
  }
}

function unwiredMessage(node: FlowNode, portLabel: string, portId: string): string {
  if (node.kind === "start" && portId === "out")
    return `${name(node)} leads nowhere, so the flow never answers; connect it to the first step.`;
  if (node.kind === "start")
    return `The interruption “${portLabel}” of ${name(node)} is not connected: when it fires, the message gets no answer.`;
  if (node.kind === "router" && portId === LOW_CONFIDENCE_HANDLE) {
    const when = node.config.strategy === "rules" ? "no rule matches" : "it is not confident";
    return `When ${when}, ${name(node)} sends the message down its low confidence output, which is not connected, so low-confidence messages will get no answer.`;
  }
  if (node.kind === "router")
    return `Messages that ${name(node)} routes to “${portLabel}” will get no answer: that route is not connected.`;
  if (node.kind === "condition" && portId === CONDITION_ELSE)
    return `When no branch of ${name(node)} matches, the turn ends without a reply: connect its else output.`;
  return `The “${portLabel}” output of ${name(node)} is not connected, so that path ends without a reply.`;
}

/** Points the inspector at the route or branch behind an output; fixed ports (else, low confidence) have no setting. */
function outputPath(node: FlowNode, index: number): IssuePath | undefined {
  if (node.kind === "router" && index < node.config.routes.length) return ["routes", index];
  if (node.kind === "start" && index > 0) return ["interruptions", "routes", index - 1];
  if ((node.kind === "condition" || node.kind === "parallel") && index < node.config.branches.length)
    return ["branches", index];
  return undefined;
}
