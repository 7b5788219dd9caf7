// The editor's one zustand store: the FlowGraph (source of truth), the React Flow objects derived from it,
// selection, undo/redo history (structurally shared snapshots; typing in one field coalesces), the clipboard,
// validation issues indexed per node, and the test-run path. One store per mounted editor (React context), so
// server rendering never shares state between requests.
"use client";
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange } from "@xyflow/react";
import { createContext, useContext } from "react";
import { createStore, useStore, type StoreApi } from "zustand";
import type { FlowEdge, FlowGraph, FlowNode, NodeKind, ToolPermission } from "@/lib/model/flow/schema";
import type { FlowIssue } from "@/lib/model/validation/flow-issue";
import * as annotations from "./annotation-store";
import { syncRfEdges, syncRfNodes, withPositions, type DesignerEdge, type DesignerNode } from "./convert";
import {
  addNodeBeside,
  addNodeOfKind,
  addToolEdge,
  connectNodes,
  copyItems,
  insertOnEdge,
  mapNode,
  pasteItems,
  removeItems,
  sameIds,
  setIn,
  setOutputTarget,
  summarizeIssues,
  type Clipboard,
  type NodeIssueSummary,
} from "./graph-operations";

const HISTORY_LIMIT = 200;
const COALESCE_MS = 1500;
const PASTE_OFFSET = 40;

export type TraceMark = { order: number; status: string; error: string | null };
export type EditorView = "canvas" | "matrix";

export type EditorState = {
  graph: FlowGraph;
  rfNodes: DesignerNode[];
  rfEdges: DesignerEdge[];
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  past: FlowGraph[];
  future: FlowGraph[];
  lastCoalesce: { key: string; at: number } | null;
  clipboard: Clipboard | null;
  pasteCount: number;
  issues: FlowIssue[];
  errorCount: number;
  issuesByNode: Record<string, NodeIssueSummary>;
  view: EditorView;
  /** Node id → its mark in the last test turn's executed path (revealed step by step). */
  trace: Record<string, TraceMark>;
  /** Bumped to ask the canvas to centre on a node. */
  focus: { nodeId: string; seq: number } | null;
  /** Nodes React Flow is dragging right now (validation and autosave wait for the drop). */
  dragging: boolean;

  /** Changes to steps, notes and groups alike (the canvas shows them in one list). */
  onNodesChange: (changes: annotations.AnyNodeChange[]) => void;
  onEdgesChange: (changes: EdgeChange<DesignerEdge>[]) => void;
  connect: (connection: Connection) => { ok: true } | { ok: false; reason: string };
  /** Points a node's output at another node, or unlinks it (null): the inspector's target picker. */
  setOutputTarget: (
    sourceId: string,
    handle: string,
    targetId: string | null,
  ) => { ok: true } | { ok: false; reason: string };
  /** Adds a node where it was dropped; dropped on a link (`edgeId`), it goes in between, or says why it cannot. */
  addNode: (
    kind: NodeKind,
    position: { x: number; y: number },
    edgeId?: string | null,
  ) => { id: string; refused: string | null };
  /** Adds a node beside the one selected node (wired from it when allowed) or at `centre`, never on another node. */
  addNodeNear: (kind: NodeKind, centre: { x: number; y: number }) => { id: string; linked: string | null };
  renameNode: (id: string, label: string) => void;
  setNodeConfigAt: (id: string, path: (string | number)[], value: unknown) => void;
  updateEdge: (id: string, patch: Partial<FlowEdge>, coalesceKey?: string) => void;
  setPermission: (edgeId: string, permission: ToolPermission, coalesceKey?: string) => void;
  toggleToolLink: (agentId: string, toolId: string) => string | null;
  deleteSelection: () => void;
  deleteEdges: (ids: string[]) => void;
  copy: () => number;
  paste: () => number;
  undo: () => void;
  redo: () => void;
  selectAll: () => void;
  select: (nodeIds: string[], edgeIds?: string[]) => void;
  focusNode: (nodeId: string) => void;
  setPositions: (positions: Map<string, { x: number; y: number }>) => void;
  replaceGraph: (graph: FlowGraph) => void;
  setIssues: (issues: FlowIssue[]) => void;
  setView: (view: EditorView) => void;
  setTrace: (trace: Record<string, TraceMark>) => void;
} & annotations.AnnotationSlice;

export type EditorStore = StoreApi<EditorState>;

export function createEditorStore(initial: FlowGraph): EditorStore {
  return createStore<EditorState>()((set, get) => {
    /** Every graph change goes through here: history, derived React Flow objects. */
    function commit(next: FlowGraph, coalesceKey?: string, extra?: Partial<EditorState>) {
      const s = get();
      if (next === s.graph && !extra) return;
      const now = Date.now();
      const coalesce = !!coalesceKey && s.lastCoalesce?.key === coalesceKey && now - s.lastCoalesce.at < COALESCE_MS;
      set({
        graph: next,
        past: next === s.graph ? s.past : coalesce ? s.past : [...s.past, s.graph].slice(-HISTORY_LIMIT),
        future: next === s.graph ? s.future : [],
        lastCoalesce: coalesceKey ? { key: coalesceKey, at: now } : null,
        ...derive(s, next),
        ...extra,
      });
      // Selection may reference removed items.
      pruneSelection();
    }

    /** The React Flow objects for a graph, reusing what did not change. */
    function derive(s: EditorState, graph: FlowGraph) {
      return {
        rfNodes: syncRfNodes(s.rfNodes, graph),
        rfEdges: syncRfEdges(s.rfEdges, graph),
        ...annotations.deriveAnnotations(s, graph),
      };
    }

    function pruneSelection() {
      const s = get();
      const nodeIds = new Set(s.graph.nodes.map((n) => n.id));
      const edgeIds = new Set(s.graph.edges.map((e) => e.id));
      const selectedNodeIds = s.selectedNodeIds.filter((id) => nodeIds.has(id));
      const selectedEdgeIds = s.selectedEdgeIds.filter((id) => edgeIds.has(id));
      if (selectedNodeIds.length !== s.selectedNodeIds.length || selectedEdgeIds.length !== s.selectedEdgeIds.length) {
        set({ selectedNodeIds, selectedEdgeIds });
      }
    }

    function applySelection(nodeIds: string[], edgeIds: string[], annotationIds: string[] = []) {
      const ns = new Set(nodeIds);
      const es = new Set(edgeIds);
      const s = get();
      set({
        ...annotations.annotationSelection(s, annotationIds),
        rfNodes: s.rfNodes.map((n) => (!!n.selected === ns.has(n.id) ? n : { ...n, selected: ns.has(n.id) })),
        rfEdges: s.rfEdges.map((e) => (!!e.selected === es.has(e.id) ? e : { ...e, selected: es.has(e.id) })),
        selectedNodeIds: sameIds(s.selectedNodeIds, nodeIds) ? s.selectedNodeIds : nodeIds,
        selectedEdgeIds: sameIds(s.selectedEdgeIds, edgeIds) ? s.selectedEdgeIds : edgeIds,
      });
    }

    return {
      ...annotations.annotationSlice({ get, commit, select: applySelection }, initial),
      graph: initial,
      rfNodes: syncRfNodes([], initial),
      rfEdges: syncRfEdges([], initial),
      selectedNodeIds: [],
      selectedEdgeIds: [],
      past: [],
      future: [],
      lastCoalesce: null,
      clipboard: null,
      pasteCount: 0,
      issues: [],
      errorCount: 0,
      issuesByNode: {},
      view: "canvas",
      trace: {},
      focus: null,
      dragging: false,

      onNodesChange: (changes) => {
        const s = get();
        // Removal is ours (Delete key → deleteSelection), so React Flow never removes nodes on its own.
        const [annotationChanges, kept] = annotations.splitAnnotationChanges(
          changes.filter((c) => c.type !== "remove"),
        );
        let next = s.graph;
        if (kept.length) {
          const rfNodes = applyNodeChanges(kept, s.rfNodes);
          const patch: Partial<EditorState> = { rfNodes };
          if (kept.some((c) => c.type === "select")) {
            const ids = rfNodes.filter((n) => n.selected).map((n) => n.id);
            if (!sameIds(ids, s.selectedNodeIds)) patch.selectedNodeIds = ids;
          }
          const dragging = kept.some((c) => c.type === "position" && c.dragging);
          if (dragging !== s.dragging) patch.dragging = dragging;
          set(patch);
          // A drop (or a keyboard move) writes the positions into the graph: one undo step.
          const settled = kept.filter((c) => c.type === "position" && !c.dragging && c.position);
          const ids = new Set(settled.map((c) => (c as { id: string }).id));
          next = withPositions(next, new Map(rfNodes.filter((n) => ids.has(n.id)).map((n) => [n.id, n.position])));
        }
        const settled = annotations.applyAnnotationChanges(get(), annotationChanges, kept, next);
        set(settled.patch);
        commit(settled.graph);
      },

      onEdgesChange: (changes) => {
        const s = get();
        const kept = changes.filter((c) => c.type !== "remove");
        if (!kept.length) return;
        const rfEdges = applyEdgeChanges(kept, s.rfEdges);
        const ids = rfEdges.filter((e) => e.selected).map((e) => e.id);
        set({ rfEdges, selectedEdgeIds: sameIds(ids, s.selectedEdgeIds) ? s.selectedEdgeIds : ids });
      },

      connect: (connection) => {
        const result = connectNodes(get().graph, connection);
        if (!result.ok) return result;
        commit(result.graph);
        return { ok: true };
      },

      setOutputTarget: (sourceId, handle, targetId) => {
        const result = setOutputTarget(get().graph, sourceId, handle, targetId);
        if (!result.ok) return result;
        commit(result.graph);
        return { ok: true };
      },

      addNode: (kind, position, edgeId) => {
        const added = addNodeOfKind(get().graph, kind, position);
        const inserted = edgeId ? insertOnEdge(added.graph, edgeId, added.id) : null;
        // One commit: one undo takes the node and the relinking back together.
        commit(inserted?.ok ? inserted.graph : added.graph);
        applySelection([added.id], []);
        return { id: added.id, refused: inserted && !inserted.ok ? inserted.reason : null };
      },

      addNodeNear: (kind, centre) => {
        const s = get();
        const sizes = new Map(
          s.rfNodes.flatMap((n) =>
            n.measured?.width && n.measured.height
              ? [[n.id, { width: n.measured.width, height: n.measured.height }] as const]
              : [],
          ),
        );
        const anchorId = s.selectedNodeIds.length === 1 ? s.selectedNodeIds[0] : null;
        const { graph, id, linked } = addNodeBeside(s.graph, kind, { anchorId, centre, sizes });
        // One commit: one undo step removes the node and its link together.
        commit(graph);
        applySelection([id], []);
        return { id, linked };
      },

      renameNode: (id, label) =>
        commit(
          mapNode(get().graph, id, (n) => ({ ...n, label }) as FlowNode),
          `label:${id}`,
        ),

      setNodeConfigAt: (id, path, value) =>
        commit(
          mapNode(get().graph, id, (n) => ({ ...n, config: setIn(n.config, path, value) }) as FlowNode),
          `config:${id}:${path.filter((p) => typeof p === "string").join(".")}:${path.length}`,
        ),

      updateEdge: (id, patch, coalesceKey) => {
        const { graph } = get();
        commit({ ...graph, edges: graph.edges.map((e) => (e.id === id ? { ...e, ...patch } : e)) }, coalesceKey);
      },

      setPermission: (edgeId, permission, coalesceKey) => get().updateEdge(edgeId, { permission }, coalesceKey),

      toggleToolLink: (agentId, toolId) => {
        const { graph } = get();
        const existing = graph.edges.find((e) => e.kind === "tool" && e.source === agentId && e.target === toolId);
        if (existing) {
          commit({ ...graph, edges: graph.edges.filter((e) => e.id !== existing.id) });
          return null;
        }
        const { graph: next, id } = addToolEdge(graph, agentId, toolId);
        commit(next);
        return id;
      },

      deleteSelection: () => {
        const { graph, selectedNodeIds, selectedEdgeIds, selectedAnnotationIds } = get();
        if (!selectedNodeIds.length && !selectedEdgeIds.length && !selectedAnnotationIds.length) return;
        commit(
          annotations.withoutAnnotations(removeItems(graph, selectedNodeIds, selectedEdgeIds), selectedAnnotationIds),
        );
        applySelection([], []);
      },

      deleteEdges: (ids) => {
        const { graph } = get();
        const drop = new Set(ids);
        commit({ ...graph, edges: graph.edges.filter((e) => !drop.has(e.id)) });
      },

      copy: () => {
        const { graph, selectedNodeIds } = get();
        if (!selectedNodeIds.length) return 0;
        const clipboard = copyItems(graph, selectedNodeIds);
        set({ clipboard, pasteCount: 0 });
        return clipboard.nodes.length;
      },

      paste: () => {
        const { graph, clipboard, pasteCount } = get();
        if (!clipboard?.nodes.length) return 0;
        const { graph: next, nodes, edges } = pasteItems(graph, clipboard, PASTE_OFFSET * (pasteCount + 1));
        commit(next, undefined, { pasteCount: pasteCount + 1 });
        applySelection(
          nodes.map((n) => n.id),
          edges.map((e) => e.id),
        );
        return nodes.length;
      },

      undo: () => {
        const s = get();
        const previous = s.past[s.past.length - 1];
        if (!previous) return;
        set({
          graph: previous,
          past: s.past.slice(0, -1),
          future: [s.graph, ...s.future].slice(0, HISTORY_LIMIT),
          lastCoalesce: null,
          ...derive(s, previous),
        });
        pruneSelection();
      },

      redo: () => {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        set({
          graph: next,
          past: [...s.past, s.graph].slice(-HISTORY_LIMIT),
          future: s.future.slice(1),
          lastCoalesce: null,
          ...derive(s, next),
        });
        pruneSelection();
      },

      selectAll: () => {
        const { graph } = get();
        applySelection(
          graph.nodes.map((n) => n.id),
          graph.edges.map((e) => e.id),
          annotations.allAnnotationRfIds(graph),
        );
      },

      select: (nodeIds, edgeIds = []) => applySelection(nodeIds, edgeIds),

      focusNode: (nodeId) => {
        applySelection([nodeId], []);
        set({ focus: { nodeId, seq: (get().focus?.seq ?? 0) + 1 } });
      },

      setPositions: (positions) => commit(annotations.withLayout(get().graph, positions, get().rfNodes)),

      replaceGraph: (graph) =>
        set({
          graph,
          ...derive({ ...get(), rfNodes: [], rfEdges: [], rfAnnotations: [], selectedAnnotationIds: [] }, graph),
          past: [],
          future: [],
          lastCoalesce: null,
          selectedNodeIds: [],
          selectedEdgeIds: [],
          trace: {},
        }),

      setIssues: (issues) =>
        set({
          issues,
          errorCount: issues.filter((i) => i.severity === "error").length,
          issuesByNode: summarizeIssues(issues, get().issuesByNode),
        }),

      setView: (view) => set({ view }),

      setTrace: (trace) => set({ trace }),
    };
  });
}

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error("useEditor must be used inside <FlowEditor>.");
  return store;
}

/** Select a slice of the editor state; components re-render only when their slice changes. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
