import type { StateChangeLine } from "@/lib/features/conversations/prepare-state-changes";

const MARK: Record<StateChangeLine["change"], { sign: string; tone: string; label: string }> = {
  added: { sign: "+", tone: "text-emerald-700", label: "added" },
  changed: { sign: "~", tone: "text-amber-700", label: "changed" },
  removed: { sign: "−", tone: "text-rose-700", label: "removed" },
};

/** What a step changed in the conversation's state and memory, one key per line: before → after. */
export function StateChanges({ changes }: { changes: { lines: StateChangeLine[]; more: number } }) {
  // Lean markup on purpose: a long conversation has one of these per step, and each element travels twice (HTML + RSC).
  return (
    <ul
      className="mt-1.5 font-mono text-[11px] leading-snug text-slate-500"
      aria-label="State changes"
      data-testid="state-changes"
    >
      <li className="font-sans text-[10px] font-semibold uppercase tracking-wide text-slate-500" aria-hidden>
        State changes
      </li>
      {changes.lines.map((line) => {
        const mark = MARK[line.change];
        const text =
          line.change === "added"
            ? line.after
            : line.change === "removed"
              ? line.before
              : `${line.before} → ${line.after}`;
        // Only a value long enough to be cut off needs its full text as a tooltip.
        return (
          <li
            key={line.path}
            className="truncate"
            data-change={line.change}
            title={line.path.length + (text?.length ?? 0) > 60 ? (text ?? undefined) : undefined}
          >
            <b className={mark.tone} aria-label={mark.label}>
              {mark.sign}
            </b>{" "}
            <span className="text-slate-700">{line.path}</span> {line.change === "removed" ? <s>{text}</s> : text}
          </li>
        );
      })}
      {changes.more ? <li className="text-slate-500">…and {changes.more} more</li> : null}
    </ul>
  );
}
