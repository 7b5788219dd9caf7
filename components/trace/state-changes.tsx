import { clsx } from "clsx";
import type { StateChangeLine } from "@/lib/console/prepare-state-changes";

const MARK: Record<StateChangeLine["change"], { sign: string; tone: string; label: string }> = {
  added: { sign: "+", tone: "text-emerald-700", label: "added" },
  changed: { sign: "~", tone: "text-amber-700", label: "changed" },
  removed: { sign: "−", tone: "text-rose-700", label: "removed" },
};

/** What a step changed in the conversation's state and memory, one key per line: before → after. */
export function StateChanges({ changes }: { changes: { lines: StateChangeLine[]; more: number } }) {
  return (
    <div className="mt-1.5" data-testid="state-changes">
      <div className="text-[10px] font-semibold uppercase tracking-wide text-slate-400">State changes</div>
      <ul className="mt-0.5 space-y-0.5 font-mono text-[11px] leading-snug">
        {changes.lines.map((line) => {
          const mark = MARK[line.change];
          return (
            <li key={line.path} className="flex min-w-0 gap-1.5" data-change={line.change}>
              <span className={clsx("w-2 shrink-0 font-bold", mark.tone)} aria-label={mark.label}>
                {mark.sign}
              </span>
              <span className="shrink-0 text-slate-700">{line.path}</span>
              <span className="min-w-0 truncate text-slate-500" title={`${line.before ?? ""} → ${line.after ?? ""}`}>
                {line.change === "added" ? line.after : line.change === "removed" ? <s>{line.before}</s> : `${line.before} → ${line.after}`}
              </span>
            </li>
          );
        })}
        {changes.more ? <li className="text-slate-400">…and {changes.more} more</li> : null}
      </ul>
    </div>
  );
}
