import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfusionMatrix } from "@/components/evals/confusion-matrix";
import { RunCaseResults } from "@/components/evals/run-case-results";
import { PassRateBadge, RunStatusBadge } from "@/components/evals/run-status-badge";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { buttonClass, linkClass, selectClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { getEvalRun } from "@/lib/features/evals/get-eval-run";
import { compareRuns, formatDelta, formatPercent, prepareRunReport } from "@/lib/features/evals/prepare-run-report";

export const metadata: Metadata = { title: "Eval run" };

type Props = {
  params: Promise<{ runId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function Verdict({ passed }: { passed: boolean | null }) {
  if (passed === null) return <span className="text-xs text-slate-500">not in this run</span>;
  return passed ? (
    <span className="font-medium text-emerald-700">✓ pass</span>
  ) : (
    <span className="font-medium text-rose-700">✗ fail</span>
  );
}

export default async function RunPage({ params, searchParams }: Props) {
  const { runId } = await params;
  const compareParam = (await searchParams).compare;
  const compareId = typeof compareParam === "string" && compareParam ? compareParam : null;
  const member = await requirePageMember("eval.read", `/evals/runs/${runId}`);
  const detail = await getEvalRun(member.workspaceId, runId, compareId);
  if (!detail) notFound();
  const { run, suite } = detail;
  const report = prepareRunReport(detail.results, { heldOutShare: detail.heldOutShare });
  const inProgress = run.status === "queued" || run.status === "running";
  const comparison = detail.compare ? compareRuns(detail.compare.results, detail.results) : null;

  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link href="/evals" className={linkClass}>
              Evals
            </Link>{" "}
            ·{" "}
            <Link href={`/evals/${suite.id}`} className={linkClass}>
              {suite.name}
            </Link>
          </>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            Run against {run.targetLabel}
            <RunStatusBadge status={run.status} />
          </span>
        }
        description={
          <>
            {detail.flow.name} · started by {run.startedBy ?? "the system"} · <Time value={run.createdAt} />
            {run.finishedAt ? (
              <>
                {" "}
                · finished <Time value={run.finishedAt} mode="time" />
              </>
            ) : null}
          </>
        }
        actions={inProgress ? <AutoRefresh label="Running" /> : undefined}
      />

      <Card aria-labelledby="summary-heading" className="mb-6">
        <CardHeader id="summary-heading" title="Result" />
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-4 text-sm" data-testid="run-summary">
          {run.status === "done" ? (
            <>
              <PassRateBadge passed={run.passed} total={run.total} threshold={suite.passThreshold} />
              <span className="text-slate-700">
                {run.passed / Math.max(run.total, 1) >= suite.passThreshold ? "At or above" : "Below"} the suite’s{" "}
                {Math.round(suite.passThreshold * 100)}% threshold
                {suite.gatesPublish ? " (this suite gates publishing)" : ""}.
              </span>
            </>
          ) : inProgress ? (
            <span className="text-slate-700">
              {report.total} of {run.total} cases judged so far; this page refreshes until the run finishes.
            </span>
          ) : (
            <span className="text-rose-700">The run failed{run.error ? `: ${run.error}` : "."}</span>
          )}
          {report.routing.accuracy !== null ? (
            <span className="text-slate-700">Routing accuracy {formatPercent(report.routing.accuracy)}</span>
          ) : null}
        </div>
        {report.routing.byBasis.length ? (
          <ul
            className="space-y-1 border-t border-slate-100 px-4 py-3 text-sm text-slate-700"
            data-testid="routing-basis"
          >
            {report.routing.byBasis.map((b) => (
              <li key={b.basis}>
                Simulated cases’ {b.label}:{" "}
                <span className="font-medium tabular-nums">{formatPercent(b.accuracy, 1)}</span> ({b.correct} of{" "}
                {b.total})
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <Card aria-labelledby="cases-heading" className="mb-6">
        <CardHeader
          id="cases-heading"
          title="Cases"
          description="Failures first. Open a case for each check’s expected and actual value."
        />
        {report.cases.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            {inProgress ? "No case has finished yet." : "This run has no case results."}
          </p>
        ) : (
          <RunCaseResults cases={report.cases} />
        )}
      </Card>

      <Card aria-labelledby="routing-heading" className="mb-6">
        <CardHeader
          id="routing-heading"
          title="Routing accuracy"
          description="Per expected route, over every turn with an expected route; the matrix shows where misroutes went."
        />
        {report.routing.total === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600">
            No case in this run expects a route, so there is no routing accuracy to show. Add expected routes to cases
            to measure it.
          </p>
        ) : (
          <div className="grid gap-6 px-4 py-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
            <Table caption="Routing accuracy per intent">
              <THead>
                <Th>Route</Th>
                <Th className="text-right">Right</Th>
                <Th className="text-right">Accuracy</Th>
              </THead>
              <TBody>
                {report.routing.perIntent.map((p) => (
                  <tr key={p.intent} data-testid="intent-accuracy">
                    <Td className="font-mono text-xs">{p.intent}</Td>
                    <Td className="text-right tabular-nums">
                      {p.correct}/{p.total}
                    </Td>
                    <Td className="text-right tabular-nums">{formatPercent(p.accuracy)}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
            <ConfusionMatrix matrix={report.routing.matrix} />
          </div>
        )}
      </Card>

      <Card aria-labelledby="compare-heading">
        <CardHeader
          id="compare-heading"
          title="Compare with another run"
          description="Two runs of this suite side by side, e.g. the live version and your draft."
        />
        <div className="px-4 py-4">
          {detail.otherRuns.length === 0 ? (
            <p className="text-sm text-slate-600">
              This is the suite’s only run. Run it against another version or the draft to compare.
            </p>
          ) : (
            <form method="get" className="flex flex-wrap items-end gap-2" data-testid="compare-form">
              <div>
                <label htmlFor="compare" className="mb-1 block text-xs font-medium text-slate-600">
                  Earlier or other run
                </label>
                <select
                  id="compare"
                  name="compare"
                  defaultValue={compareId ?? ""}
                  className={selectClass}
                  data-testid="compare-select"
                >
                  <option value="">Choose a run…</option>
                  {detail.otherRuns.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label} ({r.status})
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className={buttonClass("secondary")}>
                Compare
              </button>
            </form>
          )}
          {compareId && !detail.compare ? (
            <p className="mt-3 text-sm text-rose-700">That run is not a run of this suite.</p>
          ) : null}
          {comparison && detail.compare ? (
            <div className="mt-4 space-y-3" data-testid="comparison">
              <p className="text-sm text-slate-700">
                {detail.compare.run.targetLabel}:{" "}
                <span className="font-medium">{formatPercent(comparison.leftRate)}</span> → {run.targetLabel}:{" "}
                <span className="font-medium">{formatPercent(comparison.rightRate)}</span> (
                {formatDelta(comparison.delta)}) · {comparison.fixed} fixed · {comparison.broke} broke
              </p>
              <Table caption="Per-case results of the two runs">
                <THead>
                  <Th>Case</Th>
                  <Th>
                    {detail.compare.run.targetLabel} · <Time value={detail.compare.run.createdAt} />
                  </Th>
                  <Th>
                    {run.targetLabel} · <Time value={run.createdAt} /> (this run)
                  </Th>
                </THead>
                <TBody>
                  {comparison.rows.map((row) => (
                    <tr
                      key={row.caseId}
                      data-testid="comparison-row"
                      data-change={row.change}
                      className={
                        row.change === "broke"
                          ? "bg-rose-50/50"
                          : row.change === "fixed"
                            ? "bg-emerald-50/50"
                            : undefined
                      }
                    >
                      <Td>{row.name}</Td>
                      <Td>
                        <Verdict passed={row.left} />
                      </Td>
                      <Td>
                        <Verdict passed={row.right} />
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </div>
          ) : null}
        </div>
      </Card>
    </>
  );
}
