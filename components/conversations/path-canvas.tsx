"use client";
// A read-only React Flow view of the flow version with the conversation's path painted on: visited nodes and the
// edges it travelled in colour, the rest dimmed, the node it waits at ringed. Loaded lazily (see flow-path.tsx).
import { memo, useMemo } from "react";
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { clsx } from "clsx";
import type { FlowPathView, PathNodeView } from "@/lib/features/conversations/prepare-flow-path";
import { READ_ONLY_CANVAS_PROPS } from "@/components/flows/read-only-canvas";
import { toAnnotationNode } from "@/components/flows/annotation-convert";
import { annotationNodeTypes } from "@/components/flows/annotation-nodes";

type PathNodeData = PathNodeView & Record<string, unknown>;

const PathNode = memo(function PathNode({ data }: NodeProps<Node<PathNodeData>>) {
  const visited = data.visits > 0;
  return (
    <div
      className={clsx(
        "w-44 rounded-md border px-2.5 py-1.5 text-left shadow-xs",
        data.failed
          ? "border-rose-500 bg-rose-50"
          : visited
            ? "border-indigo-500 bg-indigo-50 ring-2 ring-indigo-500/25"
            : "border-slate-200 bg-white opacity-45",
        data.current && "outline-2 outline-offset-2 outline-amber-500 outline-dashed",
      )}
      data-testid="path-node"
      data-node-id={data.id}
      data-visited={visited ? "true" : "false"}
      data-current={data.current ? "true" : undefined}
    >
      <Handle
        type="target"
        position={Position.Left}
        className="!size-1.5 !border-0 !bg-slate-400"
        isConnectable={false}
      />
      <div className="flex items-center justify-between gap-2">
        {/* slate-600: slate-500 on a visited node's indigo-50 is 4.4:1, under the 4.5 small text needs. */}
        <span className="text-[10px] font-medium uppercase tracking-wide text-slate-600">{data.kind}</span>
        {data.current ? (
          <span className="rounded bg-amber-500 px-1 text-[10px] font-semibold uppercase text-white">waiting</span>
        ) : null}
        {!data.current && data.visits > 1 ? (
          <span className="text-[10px] font-medium text-indigo-700">×{data.visits}</span>
        ) : null}
      </div>
      <div className="truncate text-sm font-medium text-slate-900">{data.label}</div>
      <Handle
        type="source"
        position={Position.Right}
        className="!size-1.5 !border-0 !bg-slate-400"
        isConnectable={false}
      />
    </div>
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
        target: edge.target,
        label: edge.label ?? undefined,
        animated: edge.traversed,
        zIndex: edge.traversed ? 1 : 0,
        style: { stroke: edge.traversed ? TRAVERSED : DIMMED, strokeWidth: edge.traversed ? 2.25 : 1 },
        labelStyle: { fontSize: 10, fill: "#475569" },
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
      </ReactFlow>
    </div>
  );
}
