// Autosave: ~800 ms after the graph last changed (never mid-drag), save the draft against the revision we loaded.
// A CONFLICT (someone else saved a newer draft) stops autosaving until the author resolves it.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { saveDraft } from "./draft-api";
import type { EditorStore } from "./store";

export const AUTOSAVE_DELAY_MS = 800;

export type SaveStatus =
  | { kind: "saved"; savedAt: string | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "error"; message: string }
  | { kind: "conflict"; message: string };

export function useAutosave(store: EditorStore, flowId: string, initialRevision: number) {
  const [status, setStatus] = useState<SaveStatus>({ kind: "saved", savedAt: null });
  const revision = useRef(initialRevision);
  const savedGraph = useRef<FlowGraph>(store.getState().graph);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const conflicted = useRef(false);

  const save = useCallback(async (): Promise<boolean> => {
    if (conflicted.current) return false;
    if (inFlight.current) {
      await inFlight.current;
      if (conflicted.current) return false;
    }
    const graph = store.getState().graph;
    if (graph === savedGraph.current) return true;
    const run = (async () => {
      setStatus({ kind: "saving" });
      const result = await saveDraft({ flowId, baseRevision: revision.current, graph }).catch((error: unknown) => ({
        ok: false as const,
        code: "NETWORK",
        message:
          error instanceof Error ? `Could not reach the server: ${error.message}` : "Could not reach the server.",
      }));
      if (result.ok) {
        revision.current = result.data.revision;
        savedGraph.current = graph;
        const current = store.getState().graph;
        setStatus(current === graph ? { kind: "saved", savedAt: result.data.savedAt } : { kind: "dirty" });
        return true;
      }
      if (result.code === "CONFLICT") {
        conflicted.current = true;
        setStatus({ kind: "conflict", message: result.message });
      } else {
        setStatus({ kind: "error", message: result.message });
      }
      return false;
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [flowId, store]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void save().then((ok) => {
        // Changes made while saving get their own save.
        if (ok && store.getState().graph !== savedGraph.current) schedule();
      });
    }, AUTOSAVE_DELAY_MS);
  }, [save, store]);

  useEffect(() => {
    const unsubscribe = store.subscribe((state, prev) => {
      if (conflicted.current) return;
      if (state.graph === prev.graph && state.dragging === prev.dragging) return;
      if (state.dragging) return;
      if (state.graph !== savedGraph.current) {
        setStatus((s) => (s.kind === "saving" ? s : { kind: "dirty" }));
        schedule();
      }
    });
    return () => {
      unsubscribe();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [schedule, store]);

  // Leaving with unsaved work: the browser asks first.
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (conflicted.current) return;
      if (store.getState().graph !== savedGraph.current) {
        event.preventDefault();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [store]);

  /** Save now (before publishing or testing); resolves true when the draft on the server is what we have. */
  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const ok = await save();
    return ok && store.getState().graph === savedGraph.current;
  }, [save, store]);

  /** After loading the latest draft from the server. */
  const reset = useCallback((graph: FlowGraph, newRevision: number) => {
    conflicted.current = false;
    savedGraph.current = graph;
    revision.current = newRevision;
    setStatus({ kind: "saved", savedAt: null });
  }, []);

  return { status, flush, reset, revision, retry: schedule };
}
