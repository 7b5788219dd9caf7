// The canvas designer: palette | canvas or permissions matrix (+ issues) | inspector, a toolbar with save status,
// undo/redo, layout, find, test, export, history and publish. Editor state lives in one zustand store.
"use client";
import "@xyflow/react/dist/style.css";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toFlowFile } from "@/lib/model/flow/flow-file";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { hasBlockingIssues, validateFlow } from "@/lib/model/validation/validate-flow";
import type { ModelAvailability } from "@/lib/model/flow/model-spec";
import { AnnotationInspector } from "./annotation-inspector";
import { addGroupAround } from "./annotation-palette";
import { layoutGraph } from "./auto-layout";
import { FlowCanvas } from "./canvas";
import { ConflictBanner } from "./conflict-banner";
import { EditorHeader } from "./editor-header";
import { FieldSuggestions } from "./field-suggestions";
import { FindNodeDialog, ShortcutSheet } from "./find-node";
import { Inspector } from "./inspector";
import { IssuesPanel } from "./issues-panel";
import { MatrixView } from "./matrix-view";
import { Palette } from "./palette";
import { PublishDialog } from "./publish-dialog";
import { createEditorStore, EditorStoreContext, useEditor, type EditorStore } from "./store";
import { TestPanel } from "./test-panel";
import { useAutosave } from "./use-autosave";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { usePhoneWidth } from "./use-phone-width";

export type FlowEditorProps = {
  flow: { id: string; name: string; slug: string; description: string };
  graph: FlowGraph;
  draftRevision: number;
  draftProblem: string | null;
  publishedNumber: number | null;
  canPublish: boolean;
  canTest: boolean;
  /** Names of the workspace's handoff endpoints, offered for an escalate node's `handoff`. */
  handoffEndpoints?: string[];
  /** What can serve models in the workspace: LLM nodes are validated against it, as publishing does. */
  models: ModelAvailability;
};

const VALIDATE_DEBOUNCE_MS = 120;

function downloadJson(fileName: string, value: unknown) {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function EditorShell(props: FlowEditorProps & { store: EditorStore }) {
  const { flow, store, canPublish, canTest, models } = props;
  const router = useRouter();
  const { fitView, getNodes } = useReactFlow();
  const view = useEditor((s) => s.view);
  const errorCount = useEditor((s) => s.errorCount);
  const issues = useEditor((s) => s.issues);
  const blocking = useMemo(() => hasBlockingIssues(issues), [issues]);
  const { status, flush, reset, revision, retry } = useAutosave(store, flow.id, props.draftRevision);
  const [publishedNumber, setPublishedNumber] = useState(props.publishedNumber);
  const [justPublished, setJustPublished] = useState<number | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [testOpen, setTestOpen] = useState(false);
  const [confirmReload, setConfirmReload] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const reloading = useRef(false);
  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const conflict = status.kind === "conflict";
  const readOnly = usePhoneWidth();

  // Validation: on every graph change, debounced a little so typing and drops batch; never mid-drag.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => store.getState().setIssues(validateFlow(store.getState().graph, { models }));
    run();
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.graph === prev.graph) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(run, VALIDATE_DEBOUNCE_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, models]);

  // "Load the latest draft": fresh props from the server replace the graph.
  useEffect(() => {
    if (!reloading.current) return;
    reloading.current = false;
    store.getState().replaceGraph(props.graph);
    reset(props.graph, props.draftRevision);
    setConfirmReload(false);
    announce("Loaded the latest draft.");
  }, [props.graph, props.draftRevision, store, reset, announce]);

  const ensureSaved = useCallback(async () => ((await flush()) ? revision.current : null), [flush, revision]);

  const runLayout = useCallback(async () => {
    const sizes = new Map(
      getNodes().map((n) => [n.id, { width: n.measured?.width ?? 240, height: n.measured?.height ?? 100 }]),
    );
    const positions = await layoutGraph(store.getState().graph, sizes);
    store.getState().setPositions(positions);
    announce("Laid out the flow left to right. Undo with Ctrl+Z.");
    requestAnimationFrame(() => void fitView({ padding: 0.15, duration: 300 }));
  }, [announce, fitView, getNodes, store]);

  const exportFile = useCallback(
    (suffix = "") => {
      downloadJson(
        `${flow.slug}${suffix}.flow.json`,
        toFlowFile({ name: flow.name, slug: flow.slug, description: flow.description, graph: store.getState().graph }),
      );
    },
    [flow, store],
  );

  // Keyboard shortcuts (never while typing, never under a dialog).
  // Ctrl+G acts only on a selection, so the frame is always placed around it, never at a centre.
  const groupSelection = useCallback(() => addGroupAround(store, { x: 0, y: 0 }), [store]);
  useEditorShortcuts({
    store,
    announce,
    fitView,
    runLayout,
    setFindOpen,
    setSheetOpen,
    groupSelection,
    enabled: !readOnly,
  });

  const publishBlockedReason = readOnly
    ? "Publish from a wider screen."
    : !canPublish
      ? "Your role can edit but not publish."
      : conflict
        ? "Resolve the conflicting draft first."
        : blocking
          ? `Fix ${errorCount} error${errorCount === 1 ? "" : "s"} before publishing.`
          : null;

  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-slate-50 text-slate-900">
      <EditorHeader
        flow={flow}
        publishedNumber={publishedNumber}
        justPublished={justPublished}
        onDismissPublished={() => setJustPublished(null)}
        status={status}
        onRetry={retry}
        canTest={canTest}
        testOpen={testOpen}
        onToggleTest={() => setTestOpen((o) => !o)}
        onExport={() => exportFile()}
        publishBlockedReason={publishBlockedReason}
        onPublish={() => setPublishOpen(true)}
        onLayout={() => void runLayout()}
        onFind={() => setFindOpen(true)}
        onShortcuts={() => setSheetOpen(true)}
        readOnly={readOnly}
      />

      {readOnly ? (
        <p
          role="status"
          className="border-b border-sky-200 bg-sky-50 px-3 py-1.5 text-xs text-sky-900"
          data-testid="read-only-notice"
        >
          Read-only on a phone: you can pan and zoom the flow here; open it on a screen at least 768 px wide to edit it.
        </p>
      ) : null}

      {props.draftProblem ? (
        <p role="status" className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {props.draftProblem}
        </p>
      ) : null}

      {conflict ? (
        <ConflictBanner
          message={status.message}
          confirmReload={confirmReload}
          setConfirmReload={setConfirmReload}
          onReplace={() => {
            reloading.current = true;
            router.refresh();
          }}
          onDownload={() => exportFile("-mine")}
        />
      ) : null}

      <div className="flex min-h-0 flex-1">
        {readOnly ? null : (
          <div className="w-60 shrink-0 border-r border-slate-200 bg-white">
            <Palette onAdded={announce} />
          </div>
        )}
        <section className="flex min-w-0 flex-1 flex-col" aria-label="Flow designer">
          <div className="min-h-0 flex-1">
            {view === "canvas" || readOnly ? <FlowCanvas onMessage={announce} readOnly={readOnly} /> : <MatrixView />}
          </div>
          <IssuesPanel />
        </section>
        {readOnly ? null : (
          <div className="w-72 shrink-0 border-l border-slate-200 bg-white xl:w-80">
            <AnnotationInspector fallback={<Inspector />} />
          </div>
        )}
        {testOpen ? (
          <div className="absolute bottom-0 right-0 top-[49px] z-10">
            <TestPanel flowId={flow.id} onClose={() => setTestOpen(false)} ensureSaved={ensureSaved} />
          </div>
        ) : null}
      </div>

      <div aria-live="polite" className="sr-only" data-testid="editor-announcement">
        {announcement}
      </div>
      <FindNodeDialog open={findOpen} onClose={() => setFindOpen(false)} onMessage={announce} />
      <ShortcutSheet open={sheetOpen} onClose={() => setSheetOpen(false)} />
      <PublishDialog
        open={publishOpen}
        onClose={() => setPublishOpen(false)}
        flowId={flow.id}
        ensureSaved={ensureSaved}
        onPublished={(n) => {
          setPublishedNumber(n);
          setJustPublished(n);
          announce(`Published version ${n}.`);
          router.refresh();
        }}
      />
    </div>
  );
}

export function FlowEditor(props: FlowEditorProps) {
  const [store] = useState(() => createEditorStore(props.graph));
  const suggestions = useMemo(() => ({ handoff: props.handoffEndpoints ?? [] }), [props.handoffEndpoints]);
  return (
    <EditorStoreContext.Provider value={store}>
      <FieldSuggestions.Provider value={suggestions}>
        <ReactFlowProvider>
          <EditorShell {...props} store={store} />
        </ReactFlowProvider>
      </FieldSuggestions.Provider>
    </EditorStoreContext.Provider>
  );
}
