// The editor store's graph edits as pure functions (FlowGraph in, FlowGraph out): ids, nested config writes,
// connecting (also by choosing an output's target), adding (also beside a node or onto a link), deleting, copying
// and pasting, and the per-node issue summary. store.ts wires them up.
import type { Connection } from "@xyflow/react";
import { canConnect } from "@/lib/model/flow/connection-rules";
import { placeNewNode } from "@/lib/model/flow/placement";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { FlowEdge, FlowGraph, FlowNode, NodeKind } from "@/lib/model/flow/schema";
import type { FlowIssue } from "@/lib/model/validation/flow-issue";
import { defaultPermission, INPUT_HANDLE, PERMISSION_HANDLE, safeOutputs, TOOLS_HANDLE } from "./convert";

export type NodeIssueSummary = { errors: number; warnings: number; text: string };
export type Clipboard = { nodes: FlowNode[]; edges: FlowEdge[] };

export function uniqueId(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 48) || "node";
  for (let n = 1; ; n++) {
    const id = `${clean}_${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function setIn(target: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(target) || (typeof head === "number" && (target === undefined || target === null))) {
    const arr = Array.isArray(target) ? [...target] : [];
    const index = Number(head);
    const next = setIn(arr[index], rest, value);
    if (next === undefined && rest.length === 0) arr.splice(index, 1);
    else arr[index] = next;
    return arr;
  }
  const obj = { ...((target ?? {}) as Record<string, unknown>) };
  const next = setIn(obj[head as string], rest, value);
  if (next === undefined) delete obj[head as string];
  else obj[head as string] = next;
  return obj;
}

export function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export function summarizeIssues(
  issues: FlowIssue[],
  prev: Record<string, NodeIssueSummary>,
): Record<string, NodeIssueSummary> {
  const grouped = new Map<string, FlowIssue[]>();
  for (const issue of issues) {
    if (!issue.nodeId) continue;
    const list = grouped.get(issue.nodeId) ?? [];
    list.push(issue);
    grouped.set(issue.nodeId, list);
  }
  const next: Record<string, NodeIssueSummary> = {};
  for (const [nodeId, list] of grouped) {
    const errors = list.filter((i) => i.severity === "error").length;
    const warnings = list.length - errors;
    const text = list.map((i) => `${i.severity === "error" ? "Error" : "Warning"}: ${i.message}`).join("\n");
    const old = prev[nodeId];
    next[nodeId] =
      old && old.errors === errors && old.warnings === warnings && old.text === text ? old : { errors, warnings, text };
  }
  return next;
}

export function mapNode(graph: FlowGraph, id: string, fn: (node: FlowNode) => FlowNode): FlowGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? fn(n) : n)) };
}

export function addToolEdge(graph: FlowGraph, agentId: string, toolId: string): { graph: FlowGraph; id: string } {
  const id = uniqueId(`perm_${agentId}_${toolId}`, new Set(graph.edges.map((e) => e.id)));
  const edge: FlowEdge = {
    id,
    kind: "tool",
    source: agentId,
    sourceHandle: TOOLS_HANDLE,
    target: toolId,
    targetHandle: PERMISSION_HANDLE,
    permission: defaultPermission(),
  };
  return { graph: { ...graph, edges: [...graph.edges, edge] }, id };
}

/** The graph with the connection added, or why it may not be. */
export function connectNodes(
  graph: FlowGraph,
  connection: Connection,
): { ok: true; graph: FlowGraph } | { ok: false; reason: string } {
  const verdict = canConnect(graph, connection);
  if (!verdict.ok) return verdict;
  if (verdict.kind === "tool") {
    // Normalise direction: agent "tools" → tool "permission".
    const agentId = connection.sourceHandle === TOOLS_HANDLE ? connection.source : connection.target;
    const toolId = agentId === connection.source ? connection.target : connection.source;
    const exists = graph.edges.some((e) => e.kind === "tool" && e.source === agentId && e.target === toolId);
    if (exists) return { ok: false, reason: "This agent may already call this tool." };
    return { ok: true, graph: addToolEdge(graph, agentId, toolId).graph };
  }
  const sourceHandle = connection.sourceHandle ?? "out";
  const targetHandle = connection.targetHandle ?? "in";
  const duplicate = graph.edges.some(
    (e) =>
      e.source === connection.source &&
      e.sourceHandle === sourceHandle &&
      e.target === connection.target &&
      e.targetHandle === targetHandle,
  );
  if (duplicate) return { ok: false, reason: "These are already connected." };
  const id = uniqueId(`e_${connection.source}_${sourceHandle}`, new Set(graph.edges.map((e) => e.id)));
  const edge: FlowEdge = {
    id,
    kind: "control",
    source: connection.source,
    sourceHandle,
    target: connection.target,
    targetHandle,
  };
  return { ok: true, graph: { ...graph, edges: [...graph.edges, edge] } };
}

/** The control link leaving `sourceId` by `handle`, if any (an output leads to at most one node). */
export function linkFrom(graph: FlowGraph, sourceId: string, handle: string): FlowEdge | undefined {
  return graph.edges.find((e) => e.kind === "control" && e.source === sourceId && e.sourceHandle === handle);
}

/** The graph without the output's current link, and that link. */
function unlinkOutput(graph: FlowGraph, sourceId: string, handle: string) {
  const current = linkFrom(graph, sourceId, handle);
  return { current, without: current ? { ...graph, edges: graph.edges.filter((e) => e !== current) } : graph };
}

/**
 * The nodes an output may lead to, as the connection rule sees it once the output's current link is gone: what the
 * inspector's target picker offers, so a choice there cannot be refused.
 */
export function outputTargets(graph: FlowGraph, sourceId: string, handle: string): FlowNode[] {
  const { without } = unlinkOutput(graph, sourceId, handle);
  return graph.nodes.filter(
    (node) =>
      node.id !== sourceId &&
      canConnect(without, { source: sourceId, sourceHandle: handle, target: node.id, targetHandle: INPUT_HANDLE }).ok,
  );
}

/** Points an output at another node (or at none), replacing its current link; refused links change nothing. */
export function setOutputTarget(
  graph: FlowGraph,
  sourceId: string,
  handle: string,
  targetId: string | null,
): { ok: true; graph: FlowGraph } | { ok: false; reason: string } {
  const { current, without } = unlinkOutput(graph, sourceId, handle);
  if (!targetId) return { ok: true, graph: without };
  if (current?.target === targetId) return { ok: true, graph };
  return connectNodes(without, {
    source: sourceId,
    sourceHandle: handle,
    target: targetId,
    targetHandle: INPUT_HANDLE,
  });
}

/**
 * Puts a node (already in the graph, unlinked) between the two ends of a step-to-step link: the link's source now
 * leads to the node, and the node's first output to the link's old target. Both links pass the connection rule, or
 * nothing changes and the reason says why.
 */
export function insertOnEdge(
  graph: FlowGraph,
  edgeId: string,
  nodeId: string,
): { ok: true; graph: FlowGraph } | { ok: false; reason: string } {
  const edge = graph.edges.find((e) => e.id === edgeId);
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!edge || !node) return { ok: false, reason: "That link is not on the canvas any more." };
  if (edge.kind !== "control") return { ok: false, reason: "A node goes between two steps, not on a tool permission." };
  const out = safeOutputs(node)[0];
  if (!NODE_KINDS[node.kind].hasInput || !out)
    return { ok: false, reason: `A ${NODE_KINDS[node.kind].label} node cannot sit between two steps.` };
  const without = { ...graph, edges: graph.edges.filter((e) => e.id !== edgeId) };
  const into = connectNodes(without, {
    source: edge.source,
    sourceHandle: edge.sourceHandle,
    target: node.id,
    targetHandle: INPUT_HANDLE,
  });
  if (!into.ok) return into;
  const onwards = connectNodes(into.graph, {
    source: node.id,
    sourceHandle: out.id,
    target: edge.target,
    targetHandle: edge.targetHandle ?? INPUT_HANDLE,
  });
  return onwards.ok ? onwards : { ok: false, reason: onwards.reason };
}

/**
 * A new node of the kind with its default config, labelled "Agent", "Agent 2", …, and an id made from that label
 * ("agent", "agent_2"), so the id people meet in traces, evals and exports reads like the node; returns the id too.
 */
export function addNodeOfKind(
  graph: FlowGraph,
  kind: NodeKind,
  position: { x: number; y: number },
): { graph: FlowGraph; id: string } {
  const spec = NODE_KINDS[kind];
  const count = graph.nodes.filter((n) => n.kind === kind).length;
  const label = count ? `${spec.label} ${count + 1}` : spec.label;
  const taken = new Set(graph.nodes.map((n) => n.id));
  const fromLabel =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "") || kind;
  const id = taken.has(fromLabel) ? uniqueId(fromLabel, taken) : fromLabel;
  const node = {
    id,
    kind,
    label,
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    config: spec.defaultConfig(),
  } as FlowNode;
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/**
 * A new node where lib/model/flow/placement.ts puts it, linked as it says (from the anchor's free output, or as a
 * tool the anchor agent may call); `linked` says how, for the announcement.
 */
export function addNodeBeside(
  graph: FlowGraph,
  kind: NodeKind,
  options: Parameters<typeof placeNewNode>[2],
): { graph: FlowGraph; id: string; linked: string | null } {
  const { position, wiring } = placeNewNode(graph, kind, options);
  const added = addNodeOfKind(graph, kind, position);
  const anchor = graph.nodes.find((n) => n.id === options.anchorId);
  if (anchor && wiring?.kind === "control") {
    const result = connectNodes(added.graph, {
      source: wiring.source,
      sourceHandle: wiring.sourceHandle,
      target: added.id,
      targetHandle: INPUT_HANDLE,
    });
    if (result.ok)
      return { graph: result.graph, id: added.id, linked: `linked from “${anchor.label}” (${wiring.label})` };
  } else if (anchor && wiring?.kind === "tool") {
    return {
      graph: addToolEdge(added.graph, wiring.agent, added.id).graph,
      id: added.id,
      linked: `“${anchor.label}” may call it`,
    };
  }
  return { ...added, linked: null };
}

/** Removes the nodes (with every edge touching them) and the edges. */
export function removeItems(graph: FlowGraph, nodeIds: string[], edgeIds: string[]): FlowGraph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !nodes.has(n.id)),
    edges: graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** The nodes and the edges between them. */
export function copyItems(graph: FlowGraph, nodeIds: string[]): Clipboard {
  const ids = new Set(nodeIds);
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return { nodes, edges };
}

/** The clipboard added to the graph under new ids, shifted by `offset`. */
export function pasteItems(
  graph: FlowGraph,
  clipboard: Clipboard,
  offset: number,
): { graph: FlowGraph; nodes: FlowNode[]; edges: FlowEdge[] } {
  const takenNodes = new Set(graph.nodes.map((n) => n.id));
  const takenEdges = new Set(graph.edges.map((e) => e.id));
  const idMap = new Map<string, string>();
  const nodes = clipboard.nodes.map((n) => {
    const id = uniqueId(n.kind, takenNodes);
    idMap.set(n.id, id);
    return {
      ...structuredClone(n),
      id,
      position: { x: n.position.x + offset, y: n.position.y + offset },
    } as FlowNode;
  });
  const edges = clipboard.edges.map((e) => ({
    ...structuredClone(e),
    id: uniqueId(`e_${idMap.get(e.source)}`, takenEdges),
    source: idMap.get(e.source)!,
    target: idMap.get(e.target)!,
  }));
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, nodes, edges };
}
