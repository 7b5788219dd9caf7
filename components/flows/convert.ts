// The one boundary between Switchboard's persisted FlowGraph and React Flow's nodes/edges. The store keeps the
// FlowGraph as the source of truth and derives React Flow objects from it here, reusing every object whose
// FlowNode/FlowEdge did not change so React Flow (and our memoised node components) only re-render what changed.
import { MarkerType, type Edge, type Node } from "@xyflow/react";
import { nodeOutputs, nodeSummary, type Port } from "@/lib/model/flow/registry";
import {
  toolPermissionSchema,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type ToolPermission,
} from "@/lib/model/flow/schema";
import { fitText } from "./route-labels";

export type DesignerNodeData = { node: FlowNode };
export type DesignerNode = Node<DesignerNodeData, "flow">;
export type DesignerEdgeData = { edge: FlowEdge; source: FlowNode | undefined };
export type DesignerEdge = Edge<DesignerEdgeData>;

export const TOOLS_HANDLE = "tools";
export const PERMISSION_HANDLE = "permission";
export const INPUT_HANDLE = "in";

/** Ports of a node whose config may be half-edited (the registry assumes a valid config). */
export function safeOutputs(node: FlowNode): Port[] {
  try {
    return nodeOutputs(node).filter((p) => typeof p.id === "string" && p.id.length > 0);
  } catch {
    return [];
  }
}

export function safeSummary(node: FlowNode): string[] {
  try {
    return nodeSummary(node).filter((line) => typeof line === "string" && line.length > 0);
  } catch {
    return [];
  }
}

export function defaultPermission(): ToolPermission {
  return toolPermissionSchema.parse({});
}

export function permissionSummary(p: ToolPermission | undefined): string {
  if (!p) return "";
  const parts: string[] = [];
  if (p.ratePerConversation) parts.push(`${p.ratePerConversation}/conv`);
  if (p.ratePerMinute) parts.push(`${p.ratePerMinute}/min`);
  if (p.approvalAbove !== null && p.approvalAbove !== undefined) parts.push(`approval > ${p.approvalAbove}`);
  if (p.records === "any") parts.push("any record");
  if (p.dataScopes?.length) parts.push(p.dataScopes.join(", "));
  return parts.join(" · ");
}

/** What an edge shows: its own label, else the source port's label (route name, "else", "low confidence"…). */
export function edgeDisplayLabel(edge: FlowEdge, source: FlowNode | undefined): string | undefined {
  if (edge.label) return edge.label;
  if (edge.kind === "tool") return permissionSummary(edge.permission) || undefined;
  if (!source) return undefined;
  const ports = safeOutputs(source);
  const port = ports.find((p) => p.id === edge.sourceHandle);
  if (!port) return edge.sourceHandle;
  if (ports.length === 1 && port.id === "out") return undefined;
  return port.label;
}

export function toRfNode(node: FlowNode, prev?: DesignerNode): DesignerNode {
  if (prev) return { ...prev, position: node.position, data: { node } };
  return { id: node.id, type: "flow", position: node.position, data: { node } };
}

const TOOL_STYLE = { stroke: "#d97706", strokeWidth: 1.5, strokeDasharray: "6 4" };
const CONTROL_STYLE = { stroke: "#94a3b8", strokeWidth: 1.5 };
const TOOL_MARKER = { type: MarkerType.ArrowClosed, color: "#d97706", width: 16, height: 16 };
const CONTROL_MARKER = { type: MarkerType.ArrowClosed, color: "#94a3b8", width: 16, height: 16 };

/**
 * What the link itself shows: its own label or a permission's limits. A route's name is already on its output row
 * in the node (route-labels.ts), where it cannot overlap another link's or be clipped.
 */
function linkText(edge: FlowEdge): string | undefined {
  const text = edge.label || (edge.kind === "tool" ? permissionSummary(edge.permission) : "");
  return text ? fitText(text, 11, 180).text : undefined;
}

export function toRfEdge(edge: FlowEdge, source: FlowNode | undefined, prev?: DesignerEdge): DesignerEdge {
  const tool = edge.kind === "tool";
  return {
    ...(prev ?? {}),
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle,
    targetHandle: edge.targetHandle,
    label: linkText(edge),
    className: tool ? "sb-edge-tool" : "sb-edge-control",
    style: tool ? TOOL_STYLE : CONTROL_STYLE,
    markerEnd: tool ? TOOL_MARKER : CONTROL_MARKER,
    labelStyle: { fontSize: 11, fill: tool ? "#92400e" : "#334155" },
    labelBgStyle: { fill: tool ? "#fffbeb" : "#ffffff" },
    labelBgPadding: [4, 2],
    labelBgBorderRadius: 4,
    ariaLabel: `${tool ? "Tool permission" : "Edge"} from ${source?.label ?? edge.source}${edgeDisplayLabel(edge, source) ? ` (${edgeDisplayLabel(edge, source)})` : ""} to ${edge.target}`,
    data: { edge, source },
  };
}

/** Derive React Flow nodes from the graph, reusing unchanged objects (and keeping selection and measurements). */
export function syncRfNodes(prev: DesignerNode[], graph: FlowGraph): DesignerNode[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  let changed = prev.length !== graph.nodes.length;
  const next = graph.nodes.map((node, i) => {
    const old = byId.get(node.id);
    if (old && old.data.node === node) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return toRfNode(node, old);
  });
  return changed ? next : prev;
}

export function syncRfEdges(prev: DesignerEdge[], graph: FlowGraph): DesignerEdge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  let changed = prev.length !== graph.edges.length;
  const next = graph.edges.map((edge, i) => {
    const old = byId.get(edge.id);
    const source = nodes.get(edge.source);
    if (old && old.data?.edge === edge && old.data.source === source) {
      if (prev[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return toRfEdge(edge, source, old);
  });
  return changed ? next : prev;
}

/** Positions React Flow holds (e.g. after a drag) written back into the graph. */
export function withPositions(graph: FlowGraph, positions: Map<string, { x: number; y: number }>): FlowGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const p = positions.get(node.id);
    if (!p || (p.x === node.position.x && p.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: { x: Math.round(p.x), y: Math.round(p.y) } } as FlowNode;
  });
  return changed ? { ...graph, nodes } : graph;
}
