// The publish dialog's word on models: which LLM nodes answer with the offline stand-in (published anyway: a
// deliberate choice) or name a model no provider serves (publishing refuses), with the way to Settings → Model
// providers. The same issues as the issues panel, from the same validation.
"use client";
import { useMemo } from "react";
import { IssueHelpLink } from "./issue-help-link";
import { useEditor } from "./store";

export function PublishModelNotice() {
  const issues = useEditor((s) => s.issues);
  const withHelp = useMemo(() => issues.filter((issue) => issue.help), [issues]);
  if (withHelp.length === 0) return null;
  const blocking = withHelp.some((issue) => issue.severity === "error");
  return (
    <section
      aria-labelledby="publish-models-title"
      data-testid="publish-model-notice"
      className={
        blocking
          ? "rounded-md border border-rose-300 bg-rose-50 p-3"
          : "rounded-md border border-amber-300 bg-amber-50 p-3"
      }
    >
      <h3
        id="publish-models-title"
        className={blocking ? "text-sm font-medium text-rose-900" : "text-sm font-medium text-amber-900"}
      >
        Models
      </h3>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-800">
        {withHelp.map((issue, index) => (
          <li key={`${issue.code}-${issue.nodeId ?? ""}-${index}`}>{issue.message}</li>
        ))}
      </ul>
      <p className="mt-1 text-sm">
        <IssueHelpLink help={withHelp[0].help!} />
      </p>
    </section>
  );
}
