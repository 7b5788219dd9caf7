// The chat page's client-side state helpers: merging loaded messages, and the "typing" bubbles built from the
// stream's deltas. (Which conversation the page shows is not kept here: the server's resume cookie says.)
import type { ChatMessage } from "@/lib/features/chat/public-chat";

export type Shown = ChatMessage & { pending?: boolean };

/**
 * An LLM agent's reply while it is generated, from the conversation's stream route (lib/runtime/engine/live/stream-deltas.ts):
 * one per step, shown until its event's replies are committed and loaded. Only sent where nothing can change the
 * reply afterwards (no output guardrail), so it never shows text the committed message would not.
 */
export type Typing = {
  eventId: string;
  stepId: string;
  stream: string;
  seq: number;
  text: string;
  author: string | null;
  /** Part of the text was missed (the page connected late, or a notice was lost): show only "typing…", not a fragment. */
  gap?: boolean;
};
export type DeltaData = Omit<Typing, "gap"> & { offset: number };

export function mergeMessages(current: Shown[], incoming: ChatMessage[]): Shown[] {
  const bySeq = new Map(current.filter((m) => !m.pending).map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The typing bubbles with one more delta of a step's reply. */
export function addDelta(current: Typing[], delta: DeltaData): Typing[] {
  const index = current.findIndex((t) => t.stepId === delta.stepId);
  const shown = index < 0 ? null : current[index];
  if (shown && shown.stream === delta.stream && delta.seq <= shown.seq) return current; // a repeat
  // A new stream (the first, the model's next call after a tool, a retried step) replaces the text.
  const base = shown && shown.stream === delta.stream ? shown : { ...delta, text: "", gap: false };
  const next: Typing = {
    eventId: delta.eventId,
    stepId: delta.stepId,
    stream: delta.stream,
    seq: delta.seq,
    author: delta.author ?? null,
    text: base.text + delta.text,
    gap: base.gap || delta.offset !== base.text.length,
  };
  return index < 0 ? [...current, next] : current.map((t, i) => (i === index ? next : t));
}
