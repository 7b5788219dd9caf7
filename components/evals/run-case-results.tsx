// A run's cases, failures first; each opens to its checks (expected vs actual) and a link to its trace.
import Link from "next/link";
import { CheckCircle2, XCircle } from "lucide-react";
import { linkClass } from "@/components/ui/button";
import { OfflineReplyLabel } from "@/components/ui/offline-reply-label";
import type { ReportCase } from "@/lib/features/evals/prepare-run-report";

export function RunCaseResults({ cases }: { cases: ReportCase[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="run-cases">
      {cases.map((c) => (
        <li key={c.caseId} data-testid="run-case" data-passed={c.passed ? "true" : "false"}>
          <details open={!c.passed} className="group px-4 py-2.5">
            <summary className="flex cursor-pointer list-none items-center gap-2 rounded focus-visible:outline-2 focus-visible:outline-indigo-500">
              {c.passed ? (
                <CheckCircle2 aria-hidden className="size-4 text-emerald-700" />
              ) : (
                <XCircle aria-hidden className="size-4 text-rose-700" />
              )}
              <span className="sr-only">{c.passed ? "Passed:" : "Failed:"}</span>
              <span className="font-medium text-slate-900">{c.name}</span>
              <span className="text-xs text-slate-500">
                {c.passed
                  ? "passed"
                  : c.failedChecks
                    ? `${c.failedChecks} of ${c.checks.length} checks failed`
                    : "failed"}{" "}
                · {c.durationMs} ms
              </span>
              {c.offlineReplies > 0 ? (
                <span className="flex items-center gap-1 text-xs text-slate-600" data-testid="run-case-offline">
                  <OfflineReplyLabel />
                  {c.offlineReplies} {c.offlineReplies === 1 ? "reply" : "replies"}
                </span>
              ) : null}
            </summary>
            <div className="mt-2 space-y-2 pl-6">
              {c.error ? <p className="text-sm text-rose-700">Error: {c.error}</p> : null}
              {c.checks.length ? (
                <table className="w-full text-sm">
                  <caption className="sr-only">Checks of {c.name}</caption>
                  <thead>
                    <tr className="text-left text-xs text-slate-500">
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Check
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Expected
                      </th>
                      <th scope="col" className="py-1 pr-3 font-medium">
                        Actual
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.checks.map((check, i) => (
                      <tr
                        key={i}
                        className={check.passed ? "text-slate-700" : "text-rose-800"}
                        data-testid="run-check"
                        data-passed={check.passed ? "true" : "false"}
                      >
                        <td className="py-1 pr-3 align-top">
                          {check.passed ? "✓" : "✗"} {check.label}
                        </td>
                        <td className="max-w-xs break-words py-1 pr-3 align-top font-mono text-xs">{check.expected}</td>
                        <td className="max-w-md break-words py-1 pr-3 align-top font-mono text-xs">{check.actual}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : !c.error ? (
                <p className="text-xs text-slate-500">No expectations: it passes when the script runs through.</p>
              ) : null}
              {c.traceHref ? (
                <Link href={c.traceHref} className={`${linkClass} text-sm`} data-testid="case-trace-link">
                  Open the trace
                </Link>
              ) : (
                <p className="text-xs text-slate-500">The test conversation for this case no longer exists.</p>
              )}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
