// The order the Live list shows its rows in. The list is sorted by last activity, but re-sorting on every update
// makes a busy list unreadable (rows jump under the reader's eyes and pointer) and costly to draw: moving one row up
// makes the browser move, lay out and repaint every row it passes. So an update changes rows where they stand; new
// conversations join at the top at once; and the whole list takes its sorted order again at a calm pace (the hook in
// components/live/use-live-order.ts decides when). No server imports: the list component uses this.
import type { LiveRow } from "./live-rows";

export type LiveArrangement = {
  /** The list in its true order, as the cache holds it: what this arrangement was made from. */
  source: readonly LiveRow[];
  /** The rows as shown. */
  rows: readonly LiveRow[];
  /** Whether `rows` is in the true order (nothing is waiting for a re-sort). */
  sorted: boolean;
};

/**
 * Arranges `source` for display. With `resort`, the rows are shown in the true order. Without, rows already shown
 * keep their relative order (with their new data), rows no longer in the list leave, and rows new to the list go on
 * top in their true order: a new conversation is news, a row moving up is not.
 */
export function arrangeLiveRows(
  shown: readonly LiveRow[],
  source: readonly LiveRow[],
  resort: boolean,
): LiveArrangement {
  if (resort) return { source, rows: source, sorted: true };
  const current = new Map(source.map((row) => [row.id, row]));
  const kept: LiveRow[] = [];
  const keptIds = new Set<string>();
  for (const row of shown) {
    const fresh = current.get(row.id);
    if (!fresh) continue;
    kept.push(fresh);
    keptIds.add(row.id);
  }
  const rows = [...source.filter((row) => !keptIds.has(row.id)), ...kept];
  const sorted = rows.every((row, index) => row === source[index]);
  return { source, rows: sorted ? source : rows, sorted };
}
