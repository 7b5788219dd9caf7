// The Live list's rows as they travel (server render and live stream alike: dates as ISO strings), and the pure merge
// the browser applies to each live update. No server imports: the list component uses this too.
import type { ConversationRow } from "./list-conversations";

export type LiveRow = {
  id: string;
  startedAt: string;
  updatedAt: string;
  channel: string;
  status: string;
  flow: { slug: string; name: string };
  versionNumber: number;
  messageCount: number;
  lastMessage: { role: string; text: string; createdAt: string } | null;
  lastCustomerMessage: { text: string; createdAt: string } | null;
  /** Labels of the agent nodes that have handled the conversation so far, in the order they first ran. */
  agents: string[];
  /** Where the next page starts when this row ends a page (lib/features/live/live-filters.ts's LiveCursor). */
  cursor: string;
};

/** One live update: rows that changed and still match the filters, and ids that changed and no longer match. */
export type LiveUpdate = { rows: LiveRow[]; removed: string[] };
/** What a (re)connected stream sends first: the list as it is now. */
export type LiveSnapshot = { rows: LiveRow[]; total: number; hasMore: boolean };
/** One page of the list, as the page renders it and the rows route returns it (the same shape as a snapshot). */
export type LivePage = LiveSnapshot;

export function toLiveRow(row: ConversationRow): LiveRow {
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    channel: row.channel,
    status: row.status,
    flow: row.flow,
    versionNumber: row.versionNumber,
    messageCount: row.messageCount,
    lastMessage: row.lastMessage ? { ...row.lastMessage, createdAt: row.lastMessage.createdAt.toISOString() } : null,
    lastCustomerMessage: row.lastCustomerMessage
      ? { ...row.lastCustomerMessage, createdAt: row.lastCustomerMessage.createdAt.toISOString() }
      : null,
    agents: row.agents,
    cursor: row.cursor,
  };
}

/** Most recent activity first; ties by id, as the server orders them. */
export function compareLiveRows(a: LiveRow, b: LiveRow): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Applies an update: changed rows replace their old version (or join the list), removed ones leave, and the list is
 * re-sorted and cut to `limit`. An older copy of a row never replaces a newer one (updates can cross a snapshot).
 * Returns the same array when nothing changed, so React skips the render.
 */
export function mergeLiveRows(current: LiveRow[], update: LiveUpdate, limit: number): LiveRow[] {
  if (update.rows.length === 0 && update.removed.length === 0) return current;
  const byId = new Map(current.map((row) => [row.id, row]));
  let changed = false;
  for (const id of update.removed) changed = byId.delete(id) || changed;
  for (const row of update.rows) {
    const old = byId.get(row.id);
    if (old && old.updatedAt > row.updatedAt) continue;
    byId.set(row.id, row);
    changed = true;
  }
  if (!changed) return current;
  return [...byId.values()].sort(compareLiveRows).slice(0, limit);
}

/**
 * A later page's update: rows already on it are refreshed where they stand and rows that no longer match leave, but
 * nothing joins: new activity belongs on the first page, and moving rows up and down under the reader would make the
 * page jump. Returns the same array when nothing on the page changed.
 */
export function updateLiveRowsInPlace(current: LiveRow[], update: LiveUpdate): LiveRow[] {
  const changed = new Map(update.rows.map((row) => [row.id, row]));
  const removed = new Set(update.removed);
  let touched = false;
  const next = current.flatMap((row) => {
    if (removed.has(row.id)) {
      touched = true;
      return [];
    }
    const fresh = changed.get(row.id);
    if (!fresh || fresh.updatedAt < row.updatedAt) return [row];
    touched = true;
    // The row keeps its cursor: the page's place in the list (and the next page's start) does not move.
    return [{ ...fresh, cursor: row.cursor }];
  });
  return touched ? next : current;
}

/**
 * How the total moves with an update. Exact while the list holds every matching row: a new id is a new conversation
 * and a removed one has left. Once the list is cut, a "new" row may be an old one moving up, so the total waits for the
 * next snapshot rather than guess.
 */
export function nextLiveTotal(total: number, current: LiveRow[], update: LiveUpdate): number {
  if (total > current.length) return total;
  const known = new Set(current.map((row) => row.id));
  const added = update.rows.filter((row) => !known.has(row.id)).length;
  const left = update.removed.filter((id) => known.has(id)).length;
  return Math.max(0, total + added - left);
}
