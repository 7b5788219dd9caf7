"use client";
// A read-only React Flow view of the newer version with the diff painted on: added nodes green, changed amber,
// moved slate-dashed, removed ones as red ghosts at their old position. Nodes are the designer's cards
// (flow-card.tsx), with each route's label on its output row rather than on the link.
import { memo, useMemo } from "react";
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { clsx } from "clsx";
import type { AnnotationView, DiffEdgeView, DiffNodeView, DiffStatus } from "@/lib/features/flows/prepare-version-diff";
import { toAnnotationNode } from "@/components/flows/annotation-convert";
import { annotationNodeTypes } from "@/components/flows/annotation-nodes";
import { FlowCard } from "@/components/flows/flow-card";
import { READ_ONLY_CANVAS_PROPS } from "@/components/flows/read-only-canvas";
import { DETAILED_TEXT, OVERVIEW_TEXT } from "@/components/flows/route-labels";
import { SemanticZoom, useOverview } from "@/components/flows/semantic-zoom";

type DiffNodeData = DiffNodeView & Record<string, unknown>;

const NODE_STYLE: Record<DiffStatus, string> = {
  added: "border-emerald-500 bg-emerald-50 ring-2 ring-emerald-500/30",
  changed: "border-amber-500 bg-amber-50 ring-2 ring-amber-500/30",
  moved: "border-dashed border-slate-400 bg-white",
  removed: "border-dashed border-rose-400 bg-rose-50/60 opacity-70",
  unchanged: "border-slate-300 bg-white",
};

const STATUS_TEXT: Record<DiffStatus, string | null> = {
  added: "added",
  changed: "changed",
  moved: "moved",
  removed: "removed",
  unchanged: null,
};

const EDGE_COLOR: Record<DiffStatus, string> = {
  added: "#10b981",
  changed: "#f59e0b",
  moved: "#94a3b8",
  removed: "#f43f5e",
  unchanged: "#94a3b8",
};

const DiffNode = memo(function DiffNode({ data }: NodeProps<Node<DiffNodeData>>) {
  const overview = useOverview();
  const status = STATUS_TEXT[data.status];
  return (
    <FlowCard
      kind={data.kind}
      label={data.label}
      outputs={data.outputs}
      metrics={overview ? OVERVIEW_TEXT : DETAILED_TEXT}
      connectable={false}
      className={NODE_STYLE[data.status]}
      titleClassName={data.status === "removed" ? "line-through decoration-rose-500" : undefined}
      badges={
        status ? (
          <span
            className={clsx(
              "rounded px-1 text-[10px] font-semibold uppercase",
              data.status === "added" && "bg-emerald-700 text-white",
              data.status === "changed" && "bg-amber-700 text-white",
              data.status === "removed" && "bg-rose-700 text-white",
              data.status === "moved" && "bg-slate-200 text-slate-700",
            )}
          >
            {status}
            {data.status === "changed" && data.changeCount ? ` · ${data.changeCount}` : ""}
          </span>
        ) : null
      }
      data-testid="diff-node"
      data-node-id={data.id}
      data-status={data.status}
    />
  );
});

const nodeTypes = { diff: DiffNode, ...annotationNodeTypes };

export function DiffCanvas({
  nodes,
  edges,
  annotations = [],
  onSelectNode,
}: {
  nodes: DiffNodeView[];
  edges: DiffEdgeView[];
  /** Sticky notes and groups, marked like the nodes. */
  annotations?: AnnotationView[];
  onSelectNode?: (id: string) => void;
}) {
  const flowNodes = useMemo<Node[]>(
    () => [
      ...annotations.map((a) => toAnnotationNode(a, { status: a.status })),
      ...nodes.map((node) => ({
        id: node.status === "removed" ? `removed:${node.id}` : node.id,
        type: "diff",
        position: node.position,
        data: node as DiffNodeData,
        draggable: false,
        connectable: false,
        zIndex: node.status === "removed" ? 0 : 1,
      })),
    ],
    [nodes, annotations],
  );
  const flowEdges = useMemo<Edge[]>(() => {
    const present = new Set(nodes.filter((n) => n.status !== "removed").map((n) => n.id));
    const endpoint = (id: string, status: DiffStatus) =>
      status === "removed" && !present.has(id) ? `removed:${id}` : id;
    const ports = new Map(
      nodes.map((n) => [n.status === "removed" ? `removed:${n.id}` : n.id, new Set(n.outputs.map((p) => p.id))]),
    );
    // A removed link from a route that is gone too leaves from the node's first output rather than not at all.
    const sourceHandle = (source: string, handle: string) =>
      handle === "tools" || ports.get(source)?.has(handle) ? handle : null;
    return edges.map((edge) => ({
      id: `${edge.status}:${edge.id}`,
      source: endpoint(edge.source, edge.status),
      sourceHandle: sourceHandle(endpoint(edge.source, edge.status), edge.sourceHandle),
      target: endpoint(edge.target, edge.status),
      targetHandle: edge.targetHandle,
      animated: edge.status === "added",
      style: {
        stroke: EDGE_COLOR[edge.status],
        strokeWidth: edge.status === "unchanged" ? 1.25 : 2,
        strokeDasharray: edge.status === "removed" ? "6 4" : undefined,
      },
      markerEnd: { type: MarkerType.ArrowClosed, color: EDGE_COLOR[edge.status] },
      selectable: false,
    }));
  }, [nodes, edges]);

  return (
    <div className="h-[28rem] w-full bg-slate-50" data-testid="diff-canvas">
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        {...READ_ONLY_CANVAS_PROPS}
        onNodeClick={(_, node) => node.type === "diff" && onSelectNode?.((node.data as DiffNodeData).id)}
      >
        <Background gap={16} color="#e2e8f0" />
        <Controls showInteractive={false} />
        <SemanticZoom />
      </ReactFlow>
    </div>
  );
}
