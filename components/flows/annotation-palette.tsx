// The palette's two canvas items: a sticky note in view, or a group around the selected nodes (an empty frame when
// none is selected). Either one is selected once added and its text field focused, so the author types straight on.
"use client";
import { useReactFlow } from "@xyflow/react";
import { Frame, StickyNote } from "lucide-react";
import { ANNOTATION_TEXT_FIELD } from "./annotation-inspector";
import { useEditorStoreApi, type EditorStore } from "./store";

/** The flow coordinates at the middle of the canvas on screen. */
function useViewCentre() {
  const { screenToFlowPosition } = useReactFlow();
  return () => {
    const rect = document.querySelector<HTMLElement>("[data-testid='flow-canvas']")?.getBoundingClientRect();
    return rect
      ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })
      : { x: 0, y: 0 };
  };
}

/** Focuses the side panel's text field once it has rendered for the new selection. */
function focusTextField() {
  requestAnimationFrame(() => {
    const field = document.getElementById(ANNOTATION_TEXT_FIELD);
    if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
      field.focus();
      field.select();
    }
  });
}

/** Adds a group around the selected nodes; shared by the palette and the Ctrl+G shortcut. */
export function addGroupAround(store: EditorStore, centre: { x: number; y: number }): string {
  if (store.getState().view !== "canvas") store.getState().setView("canvas");
  const { members } = store.getState().addGroup(centre);
  focusTextField();
  return members
    ? `Grouped ${members} node${members === 1 ? "" : "s"}. Type the group's title.`
    : "Added an empty group. Type its title.";
}

const itemClass =
  "flex w-full items-center gap-2 rounded-md border border-transparent px-1.5 py-1.5 text-left text-sm font-medium text-slate-800 hover:border-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500";

export function AnnotationPaletteItems({ onAdded }: { onAdded: (text: string) => void }) {
  const store = useEditorStoreApi();
  const centre = useViewCentre();
  return (
    <section aria-labelledby="palette-annotations" className="mb-3">
      <h3
        id="palette-annotations"
        className="mb-1 px-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500"
      >
        Notes for people
      </h3>
      <ul className="space-y-1">
        <li>
          <button
            type="button"
            className={itemClass}
            data-testid="add-note"
            aria-label="Add a sticky note"
            onClick={() => {
              if (store.getState().view !== "canvas") store.getState().setView("canvas");
              store.getState().addNote(centre());
              focusTextField();
              onAdded("Added a sticky note. Type its text.");
            }}
          >
            <span className="flex size-6 items-center justify-center rounded-md bg-amber-100 text-amber-900">
              <StickyNote aria-hidden className="size-3.5" />
            </span>
            Sticky note
          </button>
        </li>
        <li>
          <button
            type="button"
            className={itemClass}
            data-testid="add-group"
            aria-label="Group the selected nodes"
            onClick={() => onAdded(addGroupAround(store, centre()))}
          >
            <span className="flex size-6 items-center justify-center rounded-md bg-sky-100 text-sky-900">
              <Frame aria-hidden className="size-3.5" />
            </span>
            Group (selected nodes)
          </button>
        </li>
      </ul>
    </section>
  );
}
