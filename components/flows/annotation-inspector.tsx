// The side panel for the one selected sticky note or group: its text or title, its colour, and (for a group) the
// nodes it holds. Every edit is an undo step; typing in one field coalesces into one. Anything else selected shows
// the usual inspector (`fallback`).
"use client";
import { clsx } from "clsx";
import { Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { buttonClass, inputClass } from "@/components/ui/button";
import { ANNOTATION_COLORS, MAX_NOTE_TEXT, type AnnotationColor } from "@/lib/model/flow/annotations";
import { parseAnnotationRfId } from "./annotation-convert";
import { ANNOTATION_STYLE } from "./annotation-nodes";
import { useEditor } from "./store";

/** The id the palette focuses after adding a note or a group, so the author can type at once. */
export const ANNOTATION_TEXT_FIELD = "annotation-text";

function ColorPicker({ value, onChange }: { value: AnnotationColor; onChange: (color: AnnotationColor) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-slate-700">Colour</legend>
      <div className="flex flex-wrap gap-1.5">
        {ANNOTATION_COLORS.map((color) => (
          <label
            key={color}
            className={clsx(
              "inline-flex cursor-pointer items-center gap-1 rounded border px-1.5 py-0.5 text-xs text-slate-900 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500",
              ANNOTATION_STYLE[color].card,
              value === color && "outline outline-2 outline-offset-1 outline-indigo-600",
            )}
          >
            <input
              type="radio"
              name="annotation-color"
              value={color}
              checked={value === color}
              onChange={() => onChange(color)}
              className="sr-only"
            />
            {ANNOTATION_STYLE[color].label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function NotePanel({ id }: { id: string }) {
  const note = useEditor((s) => s.graph.notes?.find((n) => n.id === id));
  const editNote = useEditor((s) => s.editNote);
  if (!note) return null;
  return (
    <>
      <div>
        <label htmlFor={ANNOTATION_TEXT_FIELD} className="mb-1 block text-xs font-medium text-slate-700">
          Note text <span className="font-normal text-slate-500">(plain text)</span>
        </label>
        <textarea
          id={ANNOTATION_TEXT_FIELD}
          value={note.text}
          maxLength={MAX_NOTE_TEXT}
          rows={6}
          onChange={(e) => editNote(id, { text: e.target.value }, `note-text:${id}`)}
          className={inputClass}
          data-testid="note-text"
        />
      </div>
      <ColorPicker value={note.color} onChange={(color) => editNote(id, { color })} />
    </>
  );
}

function GroupPanel({ id }: { id: string }) {
  const group = useEditor((s) => s.graph.groups?.find((g) => g.id === id));
  const nodes = useEditor((s) => s.graph.nodes);
  const editGroup = useEditor((s) => s.editGroup);
  if (!group) return null;
  const members = nodes.filter((n) => group.nodeIds.includes(n.id));
  return (
    <>
      <div>
        <label htmlFor={ANNOTATION_TEXT_FIELD} className="mb-1 block text-xs font-medium text-slate-700">
          Group title
        </label>
        <input
          id={ANNOTATION_TEXT_FIELD}
          value={group.title}
          maxLength={80}
          onChange={(e) => editGroup(id, { title: e.target.value }, `group-title:${id}`)}
          className={inputClass}
          data-testid="group-title"
        />
      </div>
      <ColorPicker value={group.color} onChange={(color) => editGroup(id, { color })} />
      <div>
        <h3 className="mb-1 text-xs font-medium text-slate-700">
          Holds {members.length === 1 ? "1 node" : `${members.length} nodes`}
        </h3>
        {members.length ? (
          <ul className="space-y-0.5 text-xs text-slate-700" data-testid="group-members">
            {members.map((n) => (
              <li key={n.id}>{n.label}</li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-slate-600">Select nodes and press Ctrl+G to make a group around them.</p>
        )}
        <p className="mt-1.5 text-xs text-slate-600">Moving the frame moves these nodes with it.</p>
      </div>
    </>
  );
}

export function AnnotationInspector({ fallback }: { fallback: ReactNode }) {
  const only = useEditor((s) =>
    s.selectedAnnotationIds.length === 1 && !s.selectedNodeIds.length && !s.selectedEdgeIds.length
      ? s.selectedAnnotationIds[0]
      : null,
  );
  const deleteSelection = useEditor((s) => s.deleteSelection);
  const selected = only ? parseAnnotationRfId(only) : null;
  if (!selected) return fallback;
  const noun = selected.kind === "note" ? "note" : "group";
  return (
    <aside aria-label="Inspector" data-testid="inspector" className="h-full overflow-y-auto">
      <div className="space-y-3 p-3" data-testid="annotation-inspector" data-kind={selected.kind}>
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-900">{selected.kind === "note" ? "Sticky note" : "Group"}</h2>
          <button
            type="button"
            onClick={deleteSelection}
            className={buttonClass("ghost", "sm", "text-slate-600 hover:text-rose-700")}
            aria-label={selected.kind === "note" ? "Delete this note" : "Delete this group (its nodes stay)"}
          >
            <Trash2 aria-hidden className="size-4" />
          </button>
        </div>
        {selected.kind === "note" ? (
          <NotePanel key={selected.id} id={selected.id} />
        ) : (
          <GroupPanel key={selected.id} id={selected.id} />
        )}
        <p className="text-xs text-slate-600">
          A {noun} is for people reading the flow: it is saved, versioned and exported with it, and never changes how it
          runs.
        </p>
      </div>
    </aside>
  );
}
