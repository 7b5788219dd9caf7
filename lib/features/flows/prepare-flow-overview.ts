// Pure: what the flow overview page lays out from a FlowOverview — the published graph's nodes by id, grouped by kind
// in palette order (with the kind's label and description), and each edge with its end nodes and output label.
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";
import type { FlowOverview } from "./get-flow-overview";
import { KIND_ORDER, routeLabel, type EdgeView, type GraphView, type NodeView } from "./version-graph";

export type NodeKindGroup = { kind: NodeKind; label: string; description: string; nodes: NodeView[] };

/** An edge with its end nodes (undefined when the graph lacks them) and the label of the output it leaves from. */
export type EdgeRow = { edge: EdgeView; source: NodeView | undefined; target: NodeView | undefined; output: string };

export type FlowOverviewLayout = {
  /** The published version's graph; null when nothing is published or its graph does not match the schema. */
  graph: GraphView | null;
  nodes: Map<string, NodeView>;
  /** Only the kinds the graph uses. */
  groups: NodeKindGroup[];
  edges: EdgeRow[];
};

export function prepareFlowOverview(flow: FlowOverview): FlowOverviewLayout {
  const graph = flow.published?.graph ?? null;
  const nodes = new Map((graph?.nodes ?? []).map((n) => [n.id, n]));
  const groups = KIND_ORDER.map((kind) => ({
    kind,
    label: NODE_KINDS[kind].label,
    description: NODE_KINDS[kind].description,
    nodes: (graph?.nodes ?? []).filter((n) => n.kind === kind),
  })).filter((g) => g.nodes.length);
  const edges = (graph?.edges ?? []).map((edge) => {
    const source = nodes.get(edge.source);
    return { edge, source, target: nodes.get(edge.target), output: routeLabel(source, edge.sourceHandle) };
  });
  return { graph, nodes, groups, edges };
}
