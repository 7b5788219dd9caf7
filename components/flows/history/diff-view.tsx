"use client";
// The visual diff between two versions: the canvas of the newer one with changes painted on, and the list of
// changes (node: field path, before → after). Clicking a node on the canvas jumps to its changes.
import { useState } from "react";
import { clsx } from "clsx";
import type { ChangeItem, VersionDiffView } from "@/lib/features/flows/prepare-version-diff";
import { DiffCanvas } from "./diff-canvas";

const STATUS_BADGE: Record<ChangeItem["status"], string> = {
  added: "bg-emerald-100 text-emerald-800",
  changed: "bg-amber-100 text-amber-900",
  moved: "bg-slate-100 text-slate-700",
  removed: "bg-rose-100 text-rose-800",
};

function Legend() {
  const item = (swatch: string, label: string) => (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden className={clsx("inline-block size-3 rounded-sm border", swatch)} />
      {label}
    </span>
  );
  return (
    <div className="flex flex-wrap gap-4 text-xs text-slate-600">
      {item("border-emerald-500 bg-emerald-100", "added")}
      {item("border-amber-500 bg-amber-100", "changed")}
      {item("border-dashed border-slate-400 bg-white", "moved")}
      {item("border-dashed border-rose-400 bg-rose-50", "removed (ghost)")}
    </div>
  );
}

export function DiffView({ a, b, diff }: { a: number; b: number; diff: VersionDiffView }) {
  const [selected, setSelected] = useState<string | null>(null);
  const { summary } = diff;
  const shown = selected ? diff.changes.filter((c) => c.target === "node" && c.id === selected) : diff.changes;

  return (
    <div data-testid="diff-view" data-a={a} data-b={b} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700">
          {a === b ? (
            <>
              v{b} is the first published version: {summary.added} nodes, {diff.edges.length} edges.
            </>
          ) : diff.isEmpty ? (
            <>
              No differences between v{a} and v{b}.
            </>
          ) : (
            <>
              From <strong>v{a}</strong> to <strong>v{b}</strong>: {summary.added} added, {summary.changed} changed,{" "}
              {summary.removed} removed
              {summary.moved ? `, ${summary.moved} moved` : ""} nodes; {summary.edges} edge change
              {summary.edges === 1 ? "" : "s"}
              {summary.annotations
                ? `; ${summary.annotations} note and group change${summary.annotations === 1 ? "" : "s"}`
                : ""}
              .
            </>
          )}
        </p>
        <Legend />
      </div>
      <div className="overflow-hidden rounded-md border border-slate-200">
        <DiffCanvas
          nodes={diff.nodes}
          edges={diff.edges}
          annotations={diff.annotations}
          onSelectNode={(id) => setSelected((current) => (current === id ? null : id))}
        />
      </div>
      <section aria-labelledby="changes-heading">
        <div className="mb-2 flex items-center justify-between gap-2">
          <h3 id="changes-heading" className="text-sm font-semibold text-slate-900">
            Changes <span className="font-normal text-slate-500">{diff.changes.length}</span>
          </h3>
          {selected ? (
            <button
              type="button"
              className="text-xs font-medium text-indigo-700 hover:underline"
              onClick={() => setSelected(null)}
            >
              Show all changes
            </button>
          ) : null}
        </div>
        {shown.length === 0 ? (
          <p className="text-sm text-slate-600">{selected ? "This node did not change." : "Nothing changed."}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
            {shown.map((change) => (
              <li
                key={change.key}
                className="px-3 py-2"
                data-testid="diff-change"
                data-status={change.status}
                data-target={change.target}
                data-id={change.id}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span
                    className={clsx(
                      "rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase",
                      STATUS_BADGE[change.status],
                    )}
                  >
                    {change.status}
                  </span>
                  <span className="text-xs text-slate-500">{change.target}</span>
                  <span className="text-sm font-medium text-slate-900">{change.title}</span>
                </div>
                {change.lines.length ? (
                  <ul className="mt-1 space-y-0.5 pl-1">
                    {change.lines.map((line, i) => (
                      <li key={i} className="text-xs text-slate-700">
                        <code className="font-mono text-slate-500">{line.path}</code>:{" "}
                        <span className="rounded bg-rose-50 px-1 text-rose-800 line-through decoration-rose-300">
                          {line.before}
                        </span>
                        {" → "}
                        <span className="rounded bg-emerald-50 px-1 text-emerald-800">{line.after}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
