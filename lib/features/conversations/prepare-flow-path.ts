// Pure: the path a conversation took through its flow version, for the read-only canvas on the conversation page —
// which nodes it visited (and how often), which edges it traversed, where it is waiting now. Derived from the steps'
// node ids in order; nothing is re-run.
import type { AnnotationShape } from "@/lib/model/flow/annotations";

/** An output of a node, for its row on the canvas (the registry's ports). */
export type PathPort = { id: string; label: string };

export type PathGraphInput = {
  /** Sticky notes and groups, drawn as they are: a conversation never visits them. */
  annotations?: AnnotationShape[];
  nodes: { id: string; kind: string; label: string; position: { x: number; y: number }; outputs?: PathPort[] }[];
  edges: {
    id: string;
    source: string;
    sourceHandle?: string;
    target: string;
    targetHandle?: string;
    label?: string | null;
  }[];
};

export type PathStep = { nodeId: string; turn: number; seq: number; status: string };

export type PathNodeView = {
  id: string;
  kind: string;
  label: string;
  position: { x: number; y: number };
  outputs: PathPort[];
  visits: number;
  failed: boolean;
  current: boolean;
};

export type PathEdgeView = {
  id: string;
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
  label: string | null;
  traversed: boolean;
};

export type FlowPathView = {
  nodes: PathNodeView[];
  edges: PathEdgeView[];
  annotations: AnnotationShape[];
  visitedCount: number;
};

/**
 * An edge counts as traversed when, within one turn, a step ran its target after a step ran its source. Of several
 * earlier candidates the most recent wins, which follows the real hop through parallel branches and loops.
 */
export function prepareFlowPath(graph: PathGraphInput, steps: PathStep[], currentNodeId: string | null): FlowPathView {
  const visits = new Map<string, number>();
  const failed = new Set<string>();
  for (const step of steps) {
    visits.set(step.nodeId, (visits.get(step.nodeId) ?? 0) + 1);
    if (step.status === "failed") failed.add(step.nodeId);
  }

  const edgesInto = new Map<string, PathGraphInput["edges"]>();
  for (const edge of graph.edges) {
    const list = edgesInto.get(edge.target);
    if (list) list.push(edge);
    else edgesInto.set(edge.target, [edge]);
  }

  const traversed = new Set<string>();
  const ordered = [...steps].sort((a, b) => a.turn - b.turn || a.seq - b.seq);
  let turn: number | null = null;
  let seenAt = new Map<string, number>(); // node id → index of its latest step in this turn
  ordered.forEach((step, index) => {
    if (step.turn !== turn) {
      turn = step.turn;
      seenAt = new Map();
    }
    let best: { id: string; at: number } | null = null;
    for (const edge of edgesInto.get(step.nodeId) ?? []) {
      const at = seenAt.get(edge.source);
      if (at !== undefined && (!best || at > best.at)) best = { id: edge.id, at };
    }
    if (best) traversed.add(best.id);
    seenAt.set(step.nodeId, index);
  });

  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      kind: node.kind,
      label: node.label,
      position: node.position,
      outputs: node.outputs ?? [],
      visits: visits.get(node.id) ?? 0,
      failed: failed.has(node.id),
      current: node.id === currentNodeId,
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? null,
      target: edge.target,
      targetHandle: edge.targetHandle ?? null,
      label: edge.label ?? null,
      traversed: traversed.has(edge.id),
    })),
    annotations: graph.annotations ?? [],
    visitedCount: visits.size,
  };
}
