// The canvas designer: palette | canvas or permissions matrix (+ issues) | inspector, a toolbar with save status,
// undo/redo, layout, find, test, export, history and publish. Editor state lives in one zustand store.
"use client";
import "@xyflow/react/dist/style.css";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { clsx } from "clsx";
import {
  ArrowLeft,
  CircleAlert,
  Download,
  FlaskConical,
  History,
  Keyboard,
  LayoutGrid,
  Network,
  Redo2,
  Rocket,
  Search,
  Undo2,
  Workflow,
} from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { toFlowFile } from "@/lib/model/flow/flow-file";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { hasBlockingIssues, validateFlow } from "@/lib/model/validation/validate-flow";
import { layoutGraph } from "./auto-layout";
import { FlowCanvas } from "./canvas";
import { FieldSuggestions } from "./field-suggestions";
import { FindNodeDialog, ShortcutSheet } from "./find-node";
import { Inspector } from "./inspector";
import { IssuesPanel } from "./issues-panel";
import { MatrixView } from "./matrix-view";
import { Palette } from "./palette";
import { PublishDialog } from "./publish-dialog";
import { createEditorStore, EditorStoreContext, useEditor, useEditorStoreApi, type EditorStore } from "./store";
import { TestPanel } from "./test-panel";
import { useAutosave, type SaveStatus } from "./use-autosave";

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

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

function formatTime(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const text =
    status.kind === "saving"
      ? "Saving…"
      : status.kind === "dirty"
        ? "Unsaved changes"
        : status.kind === "saved"
          ? status.savedAt
            ? `Saved ${formatTime(status.savedAt)}`
            : "All changes saved"
          : status.kind === "conflict"
            ? "Not saved: newer draft on the server"
            : `Not saved: ${status.message}`;
  return (
    <span className="flex items-center gap-1.5">
      <span
        data-testid="save-status"
        data-status={status.kind}
        role="status"
        className={clsx(
          "max-w-64 truncate text-xs",
          status.kind === "error" || status.kind === "conflict"
            ? "text-rose-700"
            : status.kind === "saved"
              ? "text-emerald-700"
              : "text-slate-500",
        )}
        title={text}
      >
        {text}
      </span>
      {status.kind === "error" ? (
        <button type="button" onClick={onRetry} className={buttonClass("ghost", "sm", "!h-6 text-xs")}>
          Retry
        </button>
      ) : null}
    </span>
  );
}

function EditorShell(props: FlowEditorProps & { store: EditorStore }) {
  const { flow, store, canPublish, canTest } = props;
  const router = useRouter();
  const { fitView, getNodes } = useReactFlow();
  const view = useEditor((s) => s.view);
  const setView = useEditor((s) => s.setView);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
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

  // Validation: on every graph change, debounced a little so typing and drops batch; never mid-drag.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => store.getState().setIssues(validateFlow(store.getState().graph));
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
  }, [store]);

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
    requestAnimationFrame(() => fitView({ padding: 0.15, duration: 300 }));
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
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || isTyping(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const s = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === "k") {
        event.preventDefault();
        setFindOpen(true);
        return;
      }
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) s.redo();
        else s.undo();
        return;
      }
      if (mod && key === "y") {
        event.preventDefault();
        s.redo();
        return;
      }
      if (mod && key === "a") {
        event.preventDefault();
        s.selectAll();
        return;
      }
      if (mod && key === "c") {
        const n = s.copy();
        if (n) announce(`Copied ${n} node${n === 1 ? "" : "s"}.`);
        return;
      }
      if (mod && key === "v") {
        const n = s.paste();
        if (n) {
          event.preventDefault();
          announce(`Pasted ${n} node${n === 1 ? "" : "s"}.`);
        }
        return;
      }
      if (mod || event.altKey) return;
      if (event.key === "Delete" || event.key === "Backspace") {
        if (s.selectedNodeIds.length || s.selectedEdgeIds.length) {
          event.preventDefault();
          s.deleteSelection();
          announce("Deleted the selection.");
        }
        return;
      }
      if (event.key === "?") {
        event.preventDefault();
        setSheetOpen(true);
        return;
      }
      if (key === "f" && s.view === "canvas") {
        event.preventDefault();
        fitView({ padding: 0.15, duration: 300 });
        return;
      }
      if (key === "l" && s.view === "canvas") {
        event.preventDefault();
        void runLayout();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [announce, fitView, runLayout, store]);

  const publishBlockedReason = !canPublish
    ? "Your role can edit but not publish."
    : conflict
      ? "Resolve the conflicting draft first."
      : blocking
        ? `Fix ${errorCount} error${errorCount === 1 ? "" : "s"} before publishing.`
        : null;

  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-slate-50 text-slate-900">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
        <Link href={`/flows/${flow.id}`} className={buttonClass("ghost", "sm")} aria-label={`Back to ${flow.name}`}>
          <ArrowLeft aria-hidden className="size-4" />
        </Link>
        <div className="min-w-0">
          <h1 className="truncate text-sm font-semibold leading-tight">{flow.name}</h1>
          <div className="flex items-center gap-1.5 text-[11px] text-slate-500">
            <span className="font-mono">{flow.slug}</span>·
            {publishedNumber !== null ? (
              <Badge tone="indigo">v{publishedNumber} live</Badge>
            ) : (
              <span>not published</span>
            )}
            <span>· editing the draft</span>
          </div>
        </div>
        <div
          role="group"
          aria-label="View"
          className="ml-3 inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm"
        >
          <button
            type="button"
            aria-pressed={view === "canvas"}
            onClick={() => setView("canvas")}
            className={clsx(
              "inline-flex items-center gap-1 rounded px-2 py-1 text-xs font-medium",
              view === "canvas" ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-50",
            )}
          >
            <Network aria-hidden className="size-3.5" />
            Canvas
          </button>
          <button
            type="button"
            aria-pressed={view === "matrix"}
            onClick={() => setView("matrix")}
            className={clsx(
              "inline-flex items-center gap-1 rounded px-2 py-1 text-xs font-medium",
              view === "matrix" ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-50",
            )}
            data-testid="matrix-toggle"
          >
            <LayoutGrid aria-hidden className="size-3.5" />
            Permissions
          </button>
        </div>
        <div role="toolbar" aria-label="Edit" className="flex items-center gap-0.5">
          <button
            type="button"
            onClick={() => store.getState().undo()}
            disabled={!canUndo}
            className={buttonClass("ghost", "sm")}
            aria-label="Undo"
            title="Undo (Ctrl+Z)"
          >
            <Undo2 aria-hidden className="size-4" />
          </button>
          <button
            type="button"
            onClick={() => store.getState().redo()}
            disabled={!canRedo}
            className={buttonClass("ghost", "sm")}
            aria-label="Redo"
            title="Redo (Ctrl+Shift+Z)"
          >
            <Redo2 aria-hidden className="size-4" />
          </button>
          <button
            type="button"
            onClick={() => void runLayout()}
            disabled={view !== "canvas"}
            className={buttonClass("ghost", "sm")}
            aria-label="Auto-layout"
            title="Auto-layout (L)"
          >
            <Workflow aria-hidden className="size-4" />
          </button>
          <button
            type="button"
            onClick={() => setFindOpen(true)}
            className={buttonClass("ghost", "sm")}
            aria-label="Find a node"
            title="Find a node (Ctrl+K)"
          >
            <Search aria-hidden className="size-4" />
          </button>
          <button
            type="button"
            onClick={() => setSheetOpen(true)}
            className={buttonClass("ghost", "sm")}
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
          >
            <Keyboard aria-hidden className="size-4" />
          </button>
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {justPublished !== null ? (
            <span
              role="status"
              data-testid="published-version"
              className="flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-600/20"
            >
              Published v{justPublished}
              <Link href={`/flows/${flow.id}/history`} className="font-medium underline underline-offset-2">
                history
              </Link>
              <button
                type="button"
                onClick={() => setJustPublished(null)}
                className="text-emerald-700 hover:text-emerald-900"
                aria-label="Dismiss"
              >
                ×
              </button>
            </span>
          ) : null}
          <SaveIndicator status={status} onRetry={retry} />
          {canTest ? (
            <button
              type="button"
              onClick={() => setTestOpen((o) => !o)}
              aria-pressed={testOpen}
              className={buttonClass("secondary", "sm")}
              data-testid="test-button"
            >
              <FlaskConical aria-hidden className="size-3.5" />
              Test
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => exportFile()}
            className={buttonClass("secondary", "sm")}
            data-testid="export-button"
          >
            <Download aria-hidden className="size-3.5" />
            Export
          </button>
          <Link href={`/flows/${flow.id}/history`} className={buttonClass("secondary", "sm")}>
            <History aria-hidden className="size-3.5" />
            History
          </Link>
          <span className="flex items-center gap-1.5">
            {publishBlockedReason ? (
              <span id="publish-blocked" className="flex items-center gap-1 text-xs text-rose-700">
                <CircleAlert aria-hidden className="size-3.5" />
                {publishBlockedReason}
              </span>
            ) : null}
            <button
              type="button"
              onClick={() => setPublishOpen(true)}
              disabled={!!publishBlockedReason}
              aria-describedby={publishBlockedReason ? "publish-blocked" : undefined}
              className={buttonClass("primary", "sm")}
              data-testid="publish-button"
            >
              <Rocket aria-hidden className="size-3.5" />
              Publish
            </button>
          </span>
        </div>
      </header>

      {props.draftProblem ? (
        <p role="status" className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {props.draftProblem}
        </p>
      ) : null}

      {conflict ? (
        <div
          role="alert"
          data-testid="conflict-banner"
          className="flex flex-wrap items-center gap-3 border-b border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900"
        >
          <CircleAlert aria-hidden className="size-4 shrink-0" />
          <span className="min-w-0 flex-1">
            {status.message || "Someone else saved a newer draft."}
            {/autosave/i.test(status.message) ? "" : " Autosave is paused so neither version is lost."}
          </span>
          {confirmReload ? (
            <>
              <span className="font-medium">Replace your changes with the latest draft?</span>
              <button
                type="button"
                onClick={() => {
                  reloading.current = true;
                  router.refresh();
                }}
                className={buttonClass("danger", "sm")}
                data-testid="conflict-confirm-reload"
              >
                Replace mine
              </button>
              <button type="button" onClick={() => setConfirmReload(false)} className={buttonClass("secondary", "sm")}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                onClick={() => setConfirmReload(true)}
                className={buttonClass("secondary", "sm")}
                data-testid="conflict-load-latest"
              >
                Load the latest draft
              </button>
              <button
                type="button"
                onClick={() => exportFile("-mine")}
                className={buttonClass("secondary", "sm")}
                data-testid="conflict-download"
              >
                <Download aria-hidden className="size-3.5" />
                Download my version
              </button>
            </>
          )}
        </div>
      ) : null}

      <div className="flex min-h-0 flex-1">
        <div className="w-60 shrink-0 border-r border-slate-200 bg-white">
          <Palette onAdded={announce} />
        </div>
        <section className="flex min-w-0 flex-1 flex-col" aria-label="Flow designer">
          <div className="min-h-0 flex-1">
            {view === "canvas" ? <FlowCanvas onMessage={announce} /> : <MatrixView />}
          </div>
          <IssuesPanel />
        </section>
        <div className="w-72 shrink-0 border-l border-slate-200 bg-white xl:w-80">
          <Inspector />
        </div>
        {testOpen ? (
          <div className="absolute bottom-0 right-0 top-[49px] z-10">
            <TestPanel flowId={flow.id} onClose={() => setTestOpen(false)} ensureSaved={ensureSaved} />
          </div>
        ) : null}
      </div>

      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
      <FindNodeDialog open={findOpen} onClose={() => setFindOpen(false)} />
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

export { useEditorStoreApi };
