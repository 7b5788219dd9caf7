"use client";
// When the Live list takes its true order again (lib/features/live/live-order.ts says how it waits): at once when the
// list has been calm for LIVE_RESORT_MS, otherwise at most once per LIVE_RESORT_MS; never while the reader is in the
// list (pointer over it or focus in it), where a re-sort would move the row they are reading or about to click, and
// would drop keyboard focus with the moved row.
import { useEffect, useState } from "react";
import { arrangeLiveRows, type LiveArrangement } from "@/lib/features/live/live-order";
import type { LiveRow } from "@/lib/features/live/live-rows";

export const LIVE_RESORT_MS = 2000;

export function useLiveOrder(
  source: readonly LiveRow[],
  holding: boolean,
): { rows: readonly LiveRow[]; waiting: boolean } {
  const [shown, setShown] = useState<LiveArrangement>(() => arrangeLiveRows([], source, true));
  // False for LIVE_RESORT_MS after each re-sort.
  const [due, setDue] = useState(false);
  const resort = due && !holding;
  // Derived during render (not in an effect), so an update is on screen in the same render that received it.
  if (shown.source !== source || (resort && !shown.sorted)) {
    const next = arrangeLiveRows(shown.rows, source, resort);
    setShown(next);
    if (resort) setDue(false);
  }

  useEffect(() => {
    if (due) return;
    const timer = setTimeout(() => setDue(true), LIVE_RESORT_MS);
    return () => clearTimeout(timer);
  }, [due]);

  return { rows: shown.rows, waiting: !shown.sorted };
}
