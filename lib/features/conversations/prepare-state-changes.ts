// Pure: a step's `stateChanges` (written by the engine, lib/runtime/engine/run/state-merge.ts diffState) as short lines the
// per-step list can show: which key was added, changed or removed, with before → after.
import { formatValue } from "@/lib/features/flows/prepare-version-diff";

export type StateChangeLine = {
  path: string;
  change: "added" | "changed" | "removed";
  before: string | null;
  after: string | null;
};

const MAX_LINES = 12;

export function prepareStateChanges(output: unknown): { lines: StateChangeLine[]; more: number } {
  const raw =
    output && typeof output === "object" && !Array.isArray(output)
      ? (output as { stateChanges?: unknown }).stateChanges
      : undefined;
  if (!Array.isArray(raw)) return { lines: [], more: 0 };
  const lines: StateChangeLine[] = [];
  for (const item of raw) {
    if (!item || typeof item !== "object" || typeof (item as { path?: unknown }).path !== "string") continue;
    const entry = item as { path: string; before?: unknown; after?: unknown };
    const hadBefore = "before" in entry && entry.before !== undefined;
    const hasAfter = "after" in entry && entry.after !== undefined;
    if (!hadBefore && !hasAfter) continue;
    lines.push({
      path: entry.path,
      change: !hadBefore ? "added" : !hasAfter ? "removed" : "changed",
      before: hadBefore ? formatValue(entry.before) : null,
      after: hasAfter ? formatValue(entry.after) : null,
    });
  }
  return { lines: lines.slice(0, MAX_LINES), more: Math.max(0, lines.length - MAX_LINES) };
}
