// The React Flow canvas: controlled by the editor store, drop target for the palette, connection rules from
// lib/model/flow/connection-rules.ts so an invalid link cannot be drawn.
"use client";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useStore as useRfStore,
  useStoreApi,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
  type MiniMapNodeProps,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { canConnect } from "@/lib/model/flow/connection-rules";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";
import type { AnnotationNode } from "./annotation-convert";
import { annotationNodeTypes } from "./annotation-nodes";
import type { DesignerEdge, DesignerNode } from "./convert";
import { EdgeOverview, linkAt } from "./edge-overview";
import { nodeTypes } from "./flow-node";
import { CATEGORY_COLOR } from "./kind-meta";
import { MOVING_CLASS, OverviewSnapshot, type SnapshotControl } from "./overview-snapshot";
import { SemanticZoom, useOverview } from "./semantic-zoom";
import { useEditor, useEditorStoreApi } from "./store";

export const DND_MIME = "application/x-switchboard-kind";

/** Steps, then sticky notes and groups (annotation-nodes.tsx) in the same canvas. */
type CanvasNode = DesignerNode | AnnotationNode;
const NODE_TYPES = { ...nodeTypes, ...annotationNodeTypes };

function minimapColor(node: CanvasNode): string {
  if (node.type !== "flow") return "#e2e8f0";
  return CATEGORY_COLOR[NODE_KINDS[node.data.node.kind]?.category ?? "entry"];
}

// Zoomed out to the overview, nodes are large-type cards (flow-node.tsx) and the links are drawn by EdgeOverview, so
// React Flow's own links are not rendered; neither are the dotted background and the minimap, whose repaint on every
// frame of a pan made the browser re-layerize all 500 nodes of a fitted flow.
const CANVAS_CSS = [
  ".sb-canvas .react-flow__viewport{will-change:transform}",
  ".sb-overview .react-flow__edges{display:none}",
  // React Flow's grey (#999) attribution link is under 4.5:1 on the plain background the overview leaves behind it.
  ".sb-canvas .react-flow__attribution a{color:#475569}",
  ".sb-canvas .react-flow__node:focus-visible{outline:2px solid #6366f1;outline-offset:3px;border-radius:10px}",
  // An edge is a tab stop (selecting it shows it in the inspector, Delete removes it); React Flow's own CSS turns the
  // outline off, so a focused edge is drawn thick and indigo with a halo that reads on the dotted background
  // (!important: each edge's colour is an inline style, which a plain rule cannot override).
  ".sb-canvas .react-flow__edge:focus-visible{outline:none}",
  ".sb-canvas .react-flow__edge:focus-visible .react-flow__edge-path{stroke:#4f46e5!important;stroke-width:3!important;filter:drop-shadow(0 0 2px #4f46e5)}",
  // A large flow's overview moving as one picture (overview-snapshot.tsx): the DOM cards it stands in for are hidden,
  // except those being dragged, and so are the links it has drawn.
  ".sb-snapshot{visibility:hidden}",
  `.${MOVING_CLASS} .sb-snapshot{visibility:visible}`,
  `.${MOVING_CLASS} .react-flow__node:not(.dragging) .sb-card{visibility:hidden}`,
  `.${MOVING_CLASS} [data-layer=still]{display:none}`,
  // Nor does anything under the pointer need hit-testing while it moves (a drag follows the document's events).
  `.${MOVING_CLASS} .react-flow__node:not(.dragging){pointer-events:none}`,
  // While the pane is being panned nothing under the pointer needs hit-testing.
  ".sb-canvas .react-flow__pane.dragging .react-flow__node,.sb-canvas .react-flow__pane.dragging .react-flow__edge{pointer-events:none}",
].join("");
/** Within this many screen pixels of a link, a node dropped from the palette goes onto it. */
const DROP_ON_LINK_PX = 12;
const LARGE_FLOW_NODES = 150;
const OPEN_ZOOM = 0.8;
const MINIMAP_STYLE = { width: 150, height: 100 };
const FIT_VIEW_OPTIONS = { padding: 0.15, maxZoom: 1 };
const DEFAULT_EDGE_OPTIONS = { interactionWidth: 12 };
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
/**
 * What React Flow is given as links on a large flow's overview: none. EdgeOverview draws them from the editor's own
 * list; React Flow's link components, hidden there anyway, worked out all 600 positions on every move of a drag, and
 * cost a fitted 500-node flow a third of its frames.
 */
const NO_EDGES: DesignerEdge[] = [];

/** Centres the viewport on a node when the store asks (issues panel, find-a-node, test path). */
function FocusWatcher() {
  const focus = useEditor((s) => s.focus);
  const { getInternalNode, setCenter, getZoom } = useReactFlow();
  useEffect(() => {
    if (!focus) return;
    const node = getInternalNode(focus.nodeId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    const w = node.measured.width ?? 240;
    const h = node.measured.height ?? 80;
    void setCenter(x + w / 2, y + h / 2, { zoom: Math.max(getZoom(), 1), duration: 300 });
  }, [focus, getInternalNode, setCenter, getZoom]);
  return null;
}

/** Marks the canvas ready once React Flow has measured the visible nodes (the benchmark waits for it). */
function ReadyMarker({ onReady }: { onReady: () => void }) {
  const measured = useRfStore((s) => {
    for (const node of s.nodeLookup.values()) if (node.measured.width) return true;
    return s.nodeLookup.size === 0;
  });
  useEffect(() => {
    if (!measured) return;
    // Two frames: the measured nodes have been painted.
    let id = requestAnimationFrame(() => {
      id = requestAnimationFrame(onReady);
    });
    return () => cancelAnimationFrame(id);
  }, [measured, onReady]);
  return null;
}

function MiniMapNode({ x, y, width, height, color }: MiniMapNodeProps) {
  return <rect x={x} y={y} width={width} height={height} rx={4} fill={color} />;
}

export function FlowCanvas({ onMessage, readOnly = false }: { onMessage: (text: string) => void; readOnly?: boolean }) {
  const store = useEditorStoreApi();
  const steps = useEditor((s) => s.rfNodes);
  const annotations = useEditor((s) => s.rfAnnotations);
  // Notes and groups first: drawn before (under) the steps they sit beside or frame.
  const nodes = useMemo<CanvasNode[]>(() => [...annotations, ...steps], [annotations, steps]);
  const edges = useEditor((s) => s.rfEdges);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const nodeCount = useEditor((s) => s.graph.nodes.length);
  const { screenToFlowPosition } = useReactFlow();
  const rfStore = useStoreApi();
  const overview = useOverview();
  const [ready, setReady] = useState(false);
  // Large flows open at a working zoom on their Start node, rendering only what is on screen; small ones fit the view.
  const [opening] = useState(() => {
    const graph = store.getState().graph;
    if (graph.nodes.length <= LARGE_FLOW_NODES) return { large: false as const };
    const start = graph.nodes.find((n) => n.kind === "start") ?? graph.nodes[0];
    return {
      large: true as const,
      viewport: { x: 80 - start.position.x * OPEN_ZOOM, y: 240 - start.position.y * OPEN_ZOOM, zoom: OPEN_ZOOM },
    };
  });
  const markReady = useCallback(() => {
    setReady(true);
    if (!performance.getEntriesByName("sb-canvas-ready").length) performance.mark("sb-canvas-ready");
  }, []);
  const lastReason = useRef<string | null>(null);
  const snapshot = useRef<SnapshotControl | null>(null);
  const large = nodeCount > LARGE_FLOW_NODES;
  const onMoveStart = useCallback(() => snapshot.current?.begin("move"), []);
  const onMoveEnd = useCallback(() => snapshot.current?.end("move"), []);
  const onNodeDragStart = useCallback(
    (_: unknown, __: unknown, dragged: CanvasNode[]) =>
      snapshot.current?.begin(
        "drag",
        dragged.map((n) => n.id),
      ),
    [],
  );
  const onNodeDragStop = useCallback(() => snapshot.current?.end("drag"), []);
  // Given no links (NO_EDGES), React Flow cannot unselect them on a click on the pane; the editor does.
  const onPaneClick = useCallback(() => {
    if (rfStore.getState().edges.length === 0 && store.getState().rfEdges.some((e) => e.selected))
      store.getState().select([], []);
  }, [rfStore, store]);

  const isValidConnection: IsValidConnection<DesignerEdge> = useCallback(
    (c: Connection | Edge) => {
      const verdict = canConnect(store.getState().graph, {
        source: c.source,
        sourceHandle: c.sourceHandle ?? null,
        target: c.target,
        targetHandle: c.targetHandle ?? null,
      });
      lastReason.current = verdict.ok ? null : verdict.reason;
      return verdict.ok;
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const result = store.getState().connect(c);
      if (!result.ok) onMessage(result.reason);
    },
    [store, onMessage],
  );

  const onConnectEnd = useCallback(() => {
    if (lastReason.current) onMessage(lastReason.current);
    lastReason.current = null;
  }, [onMessage]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DND_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(DND_MIME) as NodeKind;
      if (!kind || !(kind in NODE_KINDS)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Dropped on a link (its wide invisible hit path counts, or zoomed out, the drawn curve): the node goes in between.
      const rf = rfStore.getState();
      const edgeId =
        document
          .elementsFromPoint(event.clientX, event.clientY)
          .map((element) => element.closest(".react-flow__edge")?.getAttribute("data-id"))
          .find((id) => !!id) ??
        linkAt(position, DROP_ON_LINK_PX / rf.transform[2], store.getState().rfEdges, rf.nodeLookup);
      const { refused } = store.getState().addNode(kind, { x: position.x - 120, y: position.y - 30 }, edgeId);
      const label = NODE_KINDS[kind].label;
      if (refused) onMessage(`Added ${label}, not linked: ${refused}`);
      else if (edgeId) onMessage(`Added ${label} on the link.`);
    },
    [screenToFlowPosition, store, rfStore, onMessage],
  );

  return (
    <div
      className={`sb-canvas relative h-full w-full${overview ? " sb-overview" : ""}`}
      data-testid="flow-canvas"
      data-ready={ready ? "true" : "false"}
      data-node-count={nodeCount}
      role="region"
      aria-label="Flow canvas"
    >
      {/* Panning moves one composited layer instead of repainting every node and edge. */}
      <style>{CANVAS_CSS}</style>
      <ReactFlow<CanvasNode, DesignerEdge>
        nodes={nodes}
        edges={overview && large ? NO_EDGES : edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onPaneClick={onPaneClick}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        // Read-only (a phone): panning and zooming only.
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        nodesFocusable={!readOnly}
        edgesFocusable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectNodesOnDrag={false}
        // Zoomed out, a large flow's cards sit hidden behind its picture while it moves (overview-snapshot.tsx), so
        // rendering all of them costs nothing per frame; working out which are on screen on every frame did.
        onlyRenderVisibleElements={opening.large && !overview}
        minZoom={0.05}
        maxZoom={2}
        fitView={!opening.large}
        defaultViewport={opening.large ? opening.viewport : undefined}
        fitViewOptions={FIT_VIEW_OPTIONS}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        attributionPosition="top-right"
        ariaLabelConfig={{
          "node.a11yDescription.default":
            "Press Enter or Space to select this node, arrow keys to move it, Delete to remove it.",
        }}
      >
        {overview && large ? <OverviewSnapshot control={snapshot} /> : null}
        {overview ? (
          <EdgeOverview snapshot={large} />
        ) : (
          <>
            <Background gap={20} size={1} color="#cbd5e1" />
            <MiniMap<CanvasNode>
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeComponent={MiniMapNode}
              ariaLabel="Mini map of the flow"
              className="!m-2 !bg-white/90"
              style={MINIMAP_STYLE}
            />
          </>
        )}
        <SemanticZoom />
        <Controls aria-label="Zoom controls" />
        <FocusWatcher />
        <ReadyMarker onReady={markReady} />
      </ReactFlow>
    </div>
  );
}
