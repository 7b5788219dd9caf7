"use client";
// A read-only React Flow view of the flow version with the conversation's path painted on: visited nodes and the
// edges it travelled in colour, the rest dimmed, the node it waits at ringed. Nodes are the designer's cards
// (flow-card.tsx): large type when zoomed out, each route's label on its output row rather than on the link. Loaded lazily (see flow-path.tsx).
import { memo, useMemo } from "react";
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { clsx } from "clsx";
import type { FlowPathView, PathNodeView } from "@/lib/features/conversations/prepare-flow-path";
import { FlowCard } from "@/components/flows/flow-card";
import { READ_ONLY_CANVAS_PROPS } from "@/components/flows/read-only-canvas";
import { toAnnotationNode } from "@/components/flows/annotation-convert";
import { annotationNodeTypes } from "@/components/flows/annotation-nodes";
import { DETAILED_TEXT, OVERVIEW_TEXT } from "@/components/flows/route-labels";
import { SemanticZoom, useOverview } from "@/components/flows/semantic-zoom";

type PathNodeData = PathNodeView & Record<string, unknown>;

const PathNode = memo(function PathNode({ data }: NodeProps<Node<PathNodeData>>) {
  const overview = useOverview();
  const visited = data.visits > 0;
  return (
    <FlowCard
      kind={data.kind}
      label={data.label}
      outputs={data.outputs}
      metrics={overview ? OVERVIEW_TEXT : DETAILED_TEXT}
      connectable={false}
      className={clsx(
        data.failed
          ? "border-rose-500 bg-rose-50"
          : visited
            ? "border-indigo-500 bg-indigo-50 ring-2 ring-indigo-500/25"
            : "border-slate-200 bg-white opacity-45",
        data.current && "outline-2 outline-offset-2 outline-amber-500 outline-dashed",
      )}
      badges={
        data.current ? (
          <span className="rounded bg-amber-500 px-1 text-[10px] font-semibold uppercase text-white">waiting</span>
        ) : data.visits > 1 ? (
          <span className="rounded bg-white px-1 text-[10px] font-medium text-indigo-700 ring-1 ring-indigo-200">
            ×{data.visits}
          </span>
        ) : null
      }
      data-testid="path-node"
      data-node-id={data.id}
      data-visited={visited ? "true" : "false"}
      data-current={data.current ? "true" : undefined}
    />
  );
});

const nodeTypes = { path: PathNode, ...annotationNodeTypes };

const TRAVERSED = "#6366f1";
const DIMMED = "#cbd5e1";

export default function PathCanvas({
  path,
  onSelectNode,
}: {
  path: FlowPathView;
  onSelectNode?: (id: string) => void;
}) {
  const nodes = useMemo<Node[]>(
    () => [
      // Sticky notes and groups as the authors left them: a conversation never visits them.
      ...(path.annotations ?? []).map((a) => toAnnotationNode(a)),
      ...path.nodes.map((node) => ({
        id: node.id,
        type: "path",
        position: node.position,
        data: node as PathNodeData,
        draggable: false,
        connectable: false,
      })),
    ],
    [path],
  );
  const edges = useMemo<Edge[]>(
    () =>
      path.edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        sourceHandle: edge.sourceHandle,
        target: edge.target,
        targetHandle: edge.targetHandle,
        animated: edge.traversed,
        zIndex: edge.traversed ? 1 : 0,
        style: { stroke: edge.traversed ? TRAVERSED : DIMMED, strokeWidth: edge.traversed ? 2.25 : 1 },
        markerEnd: { type: MarkerType.ArrowClosed, color: edge.traversed ? TRAVERSED : DIMMED },
        selectable: false,
        data: { traversed: edge.traversed },
        className: edge.traversed ? "sb-traversed" : undefined,
      })),
    [path],
  );
  return (
    <div className="h-[26rem] w-full bg-slate-50" data-testid="path-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        {...READ_ONLY_CANVAS_PROPS}
        onNodeClick={(_, node) => node.type === "path" && onSelectNode?.(node.id)}
      >
        <Background gap={16} color="#e2e8f0" />
        <Controls showInteractive={false} />
        <SemanticZoom />
      </ReactFlow>
    </div>
  );
}
