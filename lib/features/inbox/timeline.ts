// A ticket's timeline as the Inbox's middle pane draws it: the conversation's messages and the members' internal
// notes in one list, by time. Pure and client-safe (dates travel as ISO strings, so the same shape comes from the
// server render and from the timeline route).

export type TimelineMessage = {
  kind: "message";
  id: string;
  seq: number;
  role: "customer" | "agent" | "operator" | "system";
  author: string | null;
  text: string;
  at: string;
  /** Written by the offline stand-in, not a model (Message.offline). */
  offline?: boolean;
  /** Shown at once while the reply is on its way; replaced by the stored message when the timeline refetches. */
  pending?: true;
};

export type TimelineNote = { kind: "note"; id: string; author: string; body: string; at: string; pending?: true };

export type TimelineItem = TimelineMessage | TimelineNote;

export type Timeline = { conversationStatus: string; items: TimelineItem[] };

/** Messages keep their order (seq); each note goes after everything written before it. */
export function mergeTimeline(messages: TimelineMessage[], notes: TimelineNote[]): TimelineItem[] {
  const ordered = [...messages].sort((a, b) => a.seq - b.seq);
  const sortedNotes = [...notes].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const items: TimelineItem[] = [];
  let n = 0;
  for (const message of ordered) {
    while (n < sortedNotes.length && sortedNotes[n].at < message.at) items.push(sortedNotes[n++]);
    items.push(message);
  }
  return items.concat(sortedNotes.slice(n));
}

/** The timeline with a reply or note the person just sent, shown before the server confirms it. */
export function withPending(timeline: Timeline, item: TimelineItem): Timeline {
  return { ...timeline, items: [...timeline.items, { ...item, pending: true }] };
}

const PENDING_KEPT_MS = 60_000;

/**
 * A refetched timeline with the optimistic items it does not hold yet: a reply is stored only once the engine has
 * processed it, so a refetch right after sending may not have it. An item is dropped once the server's copy (same
 * text, same kind) is there, or after a minute.
 */
export function keepPending(fetched: Timeline, previous: Timeline | undefined, now = Date.now()): Timeline {
  const pending = (previous?.items ?? []).filter((i) => i.pending && now - Date.parse(i.at) < PENDING_KEPT_MS);
  if (pending.length === 0) return fetched;
  const stored = new Set(
    fetched.items.map((i) => (i.kind === "note" ? `note:${i.body}` : i.role === "operator" ? `reply:${i.text}` : "")),
  );
  const waiting = pending.filter((i) => !stored.has(i.kind === "note" ? `note:${i.body}` : `reply:${i.text}`));
  return waiting.length ? { ...fetched, items: [...fetched.items, ...waiting] } : fetched;
}
