// The one connection rule. The canvas asks it while a link is being dragged; publish-time validation asks it
// again for every saved link, so a graph cannot hold a link the canvas would have refused.
import { NODE_KIND_LIST, NODE_KINDS, nodeOutputs } from "./registry";
import type { FlowEdge, FlowGraph, FlowNode } from "./schema";

export type ConnectionAttempt = {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
};

type Verdict = { ok: true; kind: "control" | "tool" } | { ok: false; reason: string };

const TOOLS_HANDLE = "tools";
const PERMISSION_HANDLE = "permission";
const INPUT_HANDLE = "in";

const WAIT_POINTS = NODE_KIND_LIST.filter((spec) => spec.suspends).map((spec) => spec.label.toLowerCase());

const quote = (node: FlowNode) => `“${node.label}”`;
const refuse = (reason: string): Verdict => ({ ok: false, reason });

export function canConnect(graph: FlowGraph, attempt: ConnectionAttempt): Verdict {
  const { source: sourceId, target: targetId, sourceHandle, targetHandle } = forwards(attempt);
  const source = graph.nodes.find((node) => node.id === sourceId);
  const target = graph.nodes.find((node) => node.id === targetId);
  if (!source || !target) return refuse("One end of this link is not on the canvas any more.");
  const verdict = isToolLink(sourceHandle, targetHandle)
    ? toolLinkVerdict(source, target, sourceHandle, targetHandle)
    : controlVerdict(source, target, sourceHandle, targetHandle);
  if (!verdict.ok) return verdict;
  const conflict =
    verdict.kind === "tool"
      ? existingPermission(graph, source, target)
      : wiringConflict(graph, source, sourceHandle, target);
  return conflict ? refuse(conflict) : verdict;
}

/**
 * React Flow reports null for a node's default handle. A permission dragged from the tool back to the agent is
 * read agent → tool, the direction it is saved in.
 */
function forwards(attempt: ConnectionAttempt) {
  const sourceHandle = attempt.sourceHandle ?? "out";
  const targetHandle = attempt.targetHandle ?? INPUT_HANDLE;
  if (sourceHandle === PERMISSION_HANDLE && targetHandle === TOOLS_HANDLE) {
    return {
      source: attempt.target,
      sourceHandle: TOOLS_HANDLE,
      target: attempt.source,
      targetHandle: PERMISSION_HANDLE,
    };
  }
  return { source: attempt.source, sourceHandle, target: attempt.target, targetHandle };
}

function isToolLink(sourceHandle: string, targetHandle: string) {
  return sourceHandle === TOOLS_HANDLE || targetHandle === PERMISSION_HANDLE;
}

function toolLinkVerdict(source: FlowNode, target: FlowNode, sourceHandle: string, targetHandle: string): Verdict {
  if (NODE_KINDS[source.kind].toolLinks !== "source")
    return refuse(`${quote(source)} cannot grant tool permissions: only agents call tools.`);
  if (NODE_KINDS[target.kind].toolLinks !== "target")
    return refuse(`An agent's tools connect only to tool and remote agent nodes, and ${quote(target)} is neither.`);
  if (sourceHandle !== TOOLS_HANDLE) return refuse(`Start a tool permission from ${quote(source)}'s tools handle.`);
  if (targetHandle !== PERMISSION_HANDLE) return refuse(`Connect to ${quote(target)}'s permission handle.`);
  return { ok: true, kind: "tool" };
}

function controlVerdict(source: FlowNode, target: FlowNode, sourceHandle: string, targetHandle: string): Verdict {
  const outputs = nodeOutputs(source);
  if (outputs.length === 0) return refuse(`${quote(source)} ends the conversation here, so nothing can follow it.`);
  if (!outputs.some((port) => port.id === sourceHandle))
    return refuse(`${quote(source)} has no output called “${sourceHandle}”.`);
  if (!NODE_KINDS[target.kind].hasInput)
    return refuse(`${quote(target)} cannot be entered from another node: conversations start there.`);
  if (targetHandle !== INPUT_HANDLE) return refuse(`Connect to ${quote(target)}'s input.`);
  if (source.id === target.id && !NODE_KINDS[source.kind].suspends) return refuse(loopMessage(source));
  return { ok: true, kind: "control" };
}

function existingPermission(graph: FlowGraph, agent: FlowNode, tool: FlowNode): string | null {
  const exists = graph.edges.some(
    (edge) => edge.kind === "tool" && edge.source === agent.id && edge.target === tool.id,
  );
  return exists ? `${quote(agent)} may already call ${quote(tool)}.` : null;
}

/** The engine follows one link per output, so an output that already leads somewhere cannot take a second one. */
function wiringConflict(graph: FlowGraph, source: FlowNode, sourceHandle: string, target: FlowNode): string | null {
  const taken = graph.edges.find(
    (edge) => edge.kind === "control" && edge.source === source.id && edge.sourceHandle === sourceHandle,
  );
  if (taken) {
    const next = graph.nodes.find((node) => node.id === taken.target);
    return `This output of ${quote(source)} already leads to ${next ? quote(next) : "another node"}; remove that link first.`;
  }
  return closesLoopWithoutWait(graph, source, target) ? loopMessage(source) : null;
}

/** A new link source → target closes a loop when target already reaches source; it is legal only through a wait point. */
function closesLoopWithoutWait(graph: FlowGraph, source: FlowNode, target: FlowNode): boolean {
  const suspends = (node: FlowNode) => NODE_KINDS[node.kind].suspends;
  if (suspends(source) || suspends(target)) return false;
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const successors = controlSuccessors(graph.edges);
  const seen = new Set([target.id]);
  const queue = [target.id];
  while (queue.length) {
    const id = queue.pop()!;
    if (id === source.id) return true;
    for (const next of successors.get(id) ?? []) {
      const node = byId.get(next);
      if (!node || suspends(node) || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return false;
}

function controlSuccessors(edges: FlowEdge[]): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== "control") continue;
    const list = successors.get(edge.source);
    if (list) list.push(edge.target);
    else successors.set(edge.source, [edge.target]);
  }
  return successors;
}

function loopMessage(source: FlowNode) {
  return `This would make ${quote(source)} loop without waiting for anyone, so a turn could run forever; route the loop through a wait point (${WAIT_POINTS.join(", ")}).`;
}
