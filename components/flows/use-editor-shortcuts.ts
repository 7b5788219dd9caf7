// The editor's keyboard shortcuts on the window (the list users see is SHORTCUTS in find-node.tsx): undo/redo,
// select all, copy/paste, delete, group the selection, find a node, the shortcut sheet, zoom to fit and auto-layout.
"use client";
import type { ReactFlowInstance } from "@xyflow/react";
import { useEffect } from "react";
import type { EditorStore } from "./store";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}

export function useEditorShortcuts({
  store,
  announce,
  fitView,
  runLayout,
  setFindOpen,
  setSheetOpen,
  groupSelection,
  enabled = true,
}: {
  store: EditorStore;
  announce: (text: string) => void;
  fitView: ReactFlowInstance["fitView"];
  runLayout: () => Promise<void>;
  setFindOpen: (open: boolean) => void;
  setSheetOpen: (open: boolean) => void;
  /** Frames the selected nodes in a new group; says what it did. */
  groupSelection: () => string;
  /** Off while the designer is read-only (a phone): every shortcut but Find edits or opens editing tools. */
  enabled?: boolean;
}) {
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
      // Escape leaves a text field (an inspector field, the palette's search): the keyboard's way back to the shortcuts.
      if (event.key === "Escape" && isTyping(event.target) && event.target instanceof HTMLElement) {
        event.target.blur();
        return;
      }
      if (isTyping(event.target)) return;
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
      if (mod && key === "g" && s.selectedNodeIds.length) {
        event.preventDefault();
        announce(groupSelection());
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
        if (s.selectedNodeIds.length || s.selectedEdgeIds.length || s.selectedAnnotationIds.length) {
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
        void fitView({ padding: 0.15, duration: 300 });
        return;
      }
      if (key === "l" && s.view === "canvas") {
        event.preventDefault();
        void runLayout();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled, announce, fitView, runLayout, store, setFindOpen, setSheetOpen, groupSelection]);
}
