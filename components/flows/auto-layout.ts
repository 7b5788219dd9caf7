// Auto-layout with elkjs (layered, left → right). Loaded on demand so the editor's first paint does not pay for it.
import type { FlowGraph } from "@/lib/model/flow/schema";

export async function layoutGraph(
  graph: FlowGraph,
  sizes: Map<string, { width: number; height: number }>,
): Promise<Map<string, { x: number; y: number }>> {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const elk = new ELK();
  const ids = new Set(graph.nodes.map((n) => n.id));
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.spacing.nodeNode": "40",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.separateConnectedComponents": "true",
    },
    children: graph.nodes.map((n) => ({
      id: n.id,
      width: sizes.get(n.id)?.width ?? 240,
      height: sizes.get(n.id)?.height ?? 100,
    })),
    edges: graph.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}
