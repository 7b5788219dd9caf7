// How sticky notes and groups look, on the designer's canvas and on the read-only ones (History diff, a
// conversation's path): a note is a tinted card of plain text, a group a titled frame behind its members. In the
// designer a selected one can be resized; it is edited in the side panel (annotation-inspector.tsx).
"use client";
import { NodeResizer, type NodeProps } from "@xyflow/react";
import { clsx } from "clsx";
import { memo } from "react";
import type { AnnotationColor } from "@/lib/model/flow/annotations";
import { GROUP_TYPE, NOTE_TYPE, type AnnotationNode } from "./annotation-convert";

/** Each tint carries slate-900 text well above 4.5:1; the group's title chip uses the same tints. */
export const ANNOTATION_STYLE: Record<AnnotationColor, { card: string; frame: string; label: string }> = {
  yellow: { card: "border-amber-300 bg-amber-100", frame: "border-amber-400 bg-amber-50/40", label: "Yellow" },
  blue: { card: "border-sky-300 bg-sky-100", frame: "border-sky-400 bg-sky-50/40", label: "Blue" },
  green: { card: "border-emerald-300 bg-emerald-100", frame: "border-emerald-400 bg-emerald-50/40", label: "Green" },
  pink: { card: "border-pink-300 bg-pink-100", frame: "border-pink-400 bg-pink-50/40", label: "Pink" },
  purple: { card: "border-violet-300 bg-violet-100", frame: "border-violet-400 bg-violet-50/40", label: "Purple" },
  gray: { card: "border-slate-300 bg-slate-100", frame: "border-slate-400 bg-slate-50/40", label: "Gray" },
};

/** The History diff's marks, as on its nodes. */
const STATUS_RING: Record<string, string> = {
  added: "ring-2 ring-emerald-500",
  changed: "ring-2 ring-amber-500",
  moved: "outline-dashed outline-2 outline-slate-400",
  removed: "opacity-60 outline-dashed outline-2 outline-rose-400",
};

function StatusBadge({ status }: { status?: string }) {
  if (!status || status === "unchanged") return null;
  return (
    <span className="absolute -top-2.5 right-2 rounded bg-slate-800 px-1 text-[10px] font-semibold uppercase text-white">
      {status}
    </span>
  );
}

const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<AnnotationNode>) {
  const { shape, status } = data;
  return (
    <>
      <NodeResizer isVisible={!!selected && !status} minWidth={120} minHeight={60} color="#6366f1" />
      <div
        className={clsx(
          "relative h-full w-full overflow-hidden rounded-md border p-2.5 text-sm leading-snug text-slate-900 shadow-sm",
          ANNOTATION_STYLE[shape.color].card,
          status && STATUS_RING[status],
          selected && "ring-2 ring-indigo-500",
        )}
        data-testid="note-node"
        data-note-id={shape.id}
        data-status={status}
      >
        <StatusBadge status={status} />
        {/* Plain text: React escapes it, and line breaks stay where the author put them. */}
        <p className={clsx("whitespace-pre-wrap break-words", status === "removed" && "line-through")}>
          {shape.text || <span className="italic text-slate-700">Empty note</span>}
        </p>
      </div>
    </>
  );
});

const GroupNode = memo(function GroupNode({ data, selected }: NodeProps<AnnotationNode>) {
  const { shape, status } = data;
  const style = ANNOTATION_STYLE[shape.color];
  return (
    <>
      <NodeResizer isVisible={!!selected && !status} minWidth={120} minHeight={80} color="#6366f1" />
      <div
        className={clsx(
          "relative h-full w-full rounded-lg border-2",
          style.frame,
          status && STATUS_RING[status],
          selected && "border-indigo-500",
        )}
        data-testid="group-node"
        data-group-id={shape.id}
        data-status={status}
      >
        <StatusBadge status={status} />
        <span
          className={clsx(
            "absolute left-2 top-1.5 max-w-[calc(100%-1rem)] truncate rounded border px-1.5 py-0.5 text-xs font-semibold text-slate-900",
            style.card,
            status === "removed" && "line-through",
          )}
          title={shape.text}
        >
          {shape.text || "Untitled group"}
        </span>
      </div>
    </>
  );
});

export const annotationNodeTypes = { [NOTE_TYPE]: NoteNode, [GROUP_TYPE]: GroupNode };
