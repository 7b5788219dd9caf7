// Validation issues (errors first); choosing one selects its node (or link) and centres the canvas on it.
"use client";
import { clsx } from "clsx";
import { ChevronDown, ChevronUp, CircleAlert, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { IssueHelpLink } from "./issue-help-link";
import { useEditor, useEditorStoreApi } from "./store";

export function IssuesPanel() {
  const issues = useEditor((s) => s.issues);
  const store = useEditorStoreApi();
  const [open, setOpen] = useState(true);
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  const sorted = [...errors, ...warnings];

  function choose(index: number) {
    const issue = sorted[index];
    const state = store.getState();
    if (state.view !== "canvas") state.setView("canvas");
    if (issue.nodeId && state.graph.nodes.some((n) => n.id === issue.nodeId)) state.focusNode(issue.nodeId);
    else if (issue.edgeId) {
      const edge = state.graph.edges.find((e) => e.id === issue.edgeId);
      state.select([], [issue.edgeId]);
      if (edge) store.setState({ focus: { nodeId: edge.source, seq: (state.focus?.seq ?? 0) + 1 } });
    }
  }

  return (
    <section aria-labelledby="issues-heading" data-testid="issues-panel" className="border-t border-slate-200 bg-white">
      <h2 id="issues-heading" className="m-0">
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="flex w-full items-center gap-3 px-3 py-1.5 text-left text-xs font-semibold text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          Issues
          <span className={clsx("inline-flex items-center gap-1", errors.length ? "text-rose-700" : "text-slate-500")}>
            <CircleAlert aria-hidden className="size-3.5" />
            {errors.length} error{errors.length === 1 ? "" : "s"}
          </span>
          <span
            className={clsx("inline-flex items-center gap-1", warnings.length ? "text-amber-700" : "text-slate-500")}
          >
            <TriangleAlert aria-hidden className="size-3.5" />
            {warnings.length} warning{warnings.length === 1 ? "" : "s"}
          </span>
          <span className="ml-auto text-slate-500">
            {open ? <ChevronDown aria-hidden className="size-4" /> : <ChevronUp aria-hidden className="size-4" />}
          </span>
        </button>
      </h2>
      {open ? (
        sorted.length === 0 ? (
          <p className="px-3 pb-2 text-xs text-emerald-700">No issues: this draft can be published.</p>
        ) : (
          <ul className="max-h-40 overflow-y-auto px-1 pb-1">
            {sorted.map((issue, index) => (
              <li
                key={`${issue.code}-${issue.nodeId ?? ""}-${issue.edgeId ?? ""}-${index}`}
                className="flex items-start gap-2"
              >
                <button
                  type="button"
                  onClick={() => choose(index)}
                  className="flex min-w-0 flex-1 items-start gap-2 rounded px-2 py-1 text-left text-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
                  data-testid="flow-issue"
                  data-severity={issue.severity}
                  data-node-id={issue.nodeId ?? ""}
                  data-code={issue.code}
                >
                  {issue.severity === "error" ? (
                    <CircleAlert aria-label="Error" className="mt-0.5 size-3.5 shrink-0 text-rose-700" />
                  ) : (
                    <TriangleAlert aria-label="Warning" className="mt-0.5 size-3.5 shrink-0 text-amber-700" />
                  )}
                  <span className="text-slate-800">{issue.message}</span>
                  {issue.nodeId ? (
                    <span className="ml-auto shrink-0 font-mono text-[11px] text-slate-500">{issue.nodeId}</span>
                  ) : null}
                </button>
                {issue.help ? <IssueHelpLink help={issue.help} className="shrink-0 py-1 pr-2 text-xs" /> : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
