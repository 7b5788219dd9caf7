// The editor header's two button groups: the view (canvas or permissions matrix) and editing (undo, redo,
// auto-layout, find a node, keyboard shortcuts).
"use client";
import { clsx } from "clsx";
import { Keyboard, LayoutGrid, Network, Redo2, Search, Undo2, Workflow } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { useEditor, useEditorStoreApi } from "./store";

export function ViewSwitch() {
  const view = useEditor((s) => s.view);
  const setView = useEditor((s) => s.setView);
  return (
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
  );
}

export function EditToolbar({
  onLayout,
  onFind,
  onShortcuts,
}: {
  onLayout: () => void;
  onFind: () => void;
  onShortcuts: () => void;
}) {
  const store = useEditorStoreApi();
  const view = useEditor((s) => s.view);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  return (
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
        onClick={onLayout}
        disabled={view !== "canvas"}
        className={buttonClass("ghost", "sm")}
        aria-label="Auto-layout"
        title="Auto-layout (L)"
      >
        <Workflow aria-hidden className="size-4" />
      </button>
      <button
        type="button"
        onClick={onFind}
        className={buttonClass("ghost", "sm")}
        aria-label="Find a node"
        title="Find a node (Ctrl+K)"
      >
        <Search aria-hidden className="size-4" />
      </button>
      <button
        type="button"
        onClick={onShortcuts}
        className={buttonClass("ghost", "sm")}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        <Keyboard aria-hidden className="size-4" />
      </button>
    </div>
  );
}
