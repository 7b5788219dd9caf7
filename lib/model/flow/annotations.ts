// Sticky notes and groups: what authors write on the canvas for each other. They are saved, versioned, diffed and
// exported with the flow, but they are not steps: validation and the engine never read them, and a flow file without
// them (every file written before they existed) reads exactly as before.
import { z } from "zod";
import { idSchema, positionSchema } from "./basics";

/** A small palette whose tints all carry dark text at WCAG AA contrast; the designer maps each name to its colours. */
export const ANNOTATION_COLORS = ["yellow", "blue", "green", "pink", "purple", "gray"] as const;
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];

const sizeSchema = z.object({
  width: z.number().finite().min(60).max(8000),
  height: z.number().finite().min(40).max(8000),
});

export const NOTE_SIZE = { width: 220, height: 120 };
export const MAX_NOTE_TEXT = 4000;

export const noteSchema = z.object({
  id: idSchema,
  /** Plain text: shown as written, line breaks kept, never interpreted as markup. */
  text: z.string().max(MAX_NOTE_TEXT).default(""),
  color: z.enum(ANNOTATION_COLORS).default("yellow"),
  position: positionSchema,
  size: sizeSchema.default(NOTE_SIZE),
});

export const groupSchema = z.object({
  id: idSchema,
  title: z.string().max(80).default("Group"),
  color: z.enum(ANNOTATION_COLORS).default("blue"),
  /** The frame, drawn around its members when the group is made; moving it moves them. */
  position: positionSchema,
  size: sizeSchema,
  /** The nodes the group holds. An id whose node is gone is ignored (deleting a node takes it out). */
  nodeIds: z.array(idSchema).max(5000).default([]),
});

/** Optional lists, so graphs saved before notes and groups existed parse unchanged and compare equal to themselves. */
export const annotationFields = {
  notes: z.array(noteSchema).max(1000).optional(),
  groups: z.array(groupSchema).max(1000).optional(),
};

export type FlowNote = z.output<typeof noteSchema>;
export type FlowGroup = z.output<typeof groupSchema>;

/** A note or a group as a read-only canvas draws it: the note's text or the group's title, its colour and frame. */
export type AnnotationShape = {
  kind: "note" | "group";
  id: string;
  text: string;
  color: AnnotationColor;
  position: { x: number; y: number };
  size: { width: number; height: number };
};

/** Groups first, so a canvas that draws in order puts them behind the notes. */
export function annotationShapes(graph: { notes?: FlowNote[]; groups?: FlowGroup[] }): AnnotationShape[] {
  return [
    ...(graph.groups ?? []).map((g) => ({
      kind: "group" as const,
      id: g.id,
      text: g.title,
      color: g.color,
      position: g.position,
      size: g.size,
    })),
    ...(graph.notes ?? []).map((n) => ({
      kind: "note" as const,
      id: n.id,
      text: n.text,
      color: n.color,
      position: n.position,
      size: n.size,
    })),
  ];
}
