import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CaseForm } from "@/components/evals/case-form";
import { DeleteButton } from "@/components/evals/delete-button";
import { ExpectationsSummary } from "@/components/evals/expectations-summary";
import { ImportCasesForm } from "@/components/evals/import-cases-form";
import { RunSuiteForm } from "@/components/evals/run-suite-form";
import { SimulateCasesButton } from "@/components/evals/simulate-cases-button";
import { PassRateBadge, RunStatusBadge } from "@/components/evals/run-status-badge";
import { SuiteSettings } from "@/components/evals/suite-settings";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getEvalSuite } from "@/lib/features/evals/get-eval-suite";

export const metadata: Metadata = { title: "Test suite" };

type Props = { params: Promise<{ suiteId: string }> };

const SOURCE_LABEL: Record<string, string> = {
  manual: "by hand",
  import: "imported",
  conversation: "from a conversation",
  simulated: "simulated",
};

export default async function SuitePage({ params }: Props) {
  const { suiteId } = await params;
  const member = await requirePageMember("eval.read", `/evals/${suiteId}`);
  const suite = await getEvalSuite(member.workspaceId, suiteId);
  if (!suite) notFound();
  const canRun = can(member.role, "eval.run");
  const active = suite.runs.some((r) => r.status === "queued" || r.status === "running");

  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link href="/evals" className={linkClass}>
              Evals
            </Link>{" "}
            ·{" "}
            <Link href={`/flows/${suite.flow.id}`} className={linkClass}>
              {suite.flow.name}
            </Link>
          </>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            {suite.name}
            {suite.gatesPublish ? <Badge tone="indigo">Gates publishing</Badge> : null}
          </span>
        }
        description={
          <>
            {suite.description ? <>{suite.description} · </> : null}
            {suite.cases.length} {suite.cases.length === 1 ? "case" : "cases"} · passes at{" "}
            {Math.round(suite.passThreshold * 1000) / 10}% or more
          </>
        }
        actions={canRun ? <SuiteSettings suite={suite} /> : undefined}
      />

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card aria-labelledby="cases-heading">
          <CardHeader
            id="cases-heading"
            title="Cases"
            description="Each case replays its customer messages on a fresh test conversation and checks what happened."
            actions={canRun ? <CaseForm suiteId={suite.id} names={suite.names} /> : undefined}
          />
          {suite.cases.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600" data-testid="no-cases">
              No cases yet.{" "}
              {canRun
                ? "Add one by hand, import a CSV or JSON file, or open a conversation of this flow and choose “Save as test case”."
                : "A designer or admin can add them."}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="case-list">
              {suite.cases.map((c) => (
                <li key={c.id} className="space-y-2 px-4 py-3" data-testid="case-row">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <div className="min-w-0">
                      <span className="font-medium text-slate-900">{c.name}</span>{" "}
                      <span className="text-xs text-slate-500">
                        {SOURCE_LABEL[c.source] ?? c.source}
                        {c.sourceConversationId ? (
                          <>
                            {" "}
                            (
                            <Link href={`/conversations/${c.sourceConversationId}`} className="hover:underline">
                              original
                            </Link>
                            )
                          </>
                        ) : null}
                        {c.customerRef ? (
                          <>
                            {" · "}
                            <span data-testid="case-customer-ref">as customer {c.customerRef}</span>
                          </>
                        ) : null}
                      </span>
                    </div>
                    {canRun ? (
                      <span className="flex items-center gap-1">
                        <CaseForm suiteId={suite.id} names={suite.names} existing={c} />
                        <DeleteButton kind="case" id={c.id} name={c.name} />
                      </span>
                    ) : null}
                  </div>
                  <ol className="space-y-1 text-sm" aria-label="Customer messages">
                    {c.turns.map((turn, i) => (
                      <li key={i} className="flex gap-2">
                        <span className="w-12 shrink-0 text-xs text-slate-500">Turn {i + 1}</span>
                        <span className="text-slate-800">{turn}</span>
                      </li>
                    ))}
                  </ol>
                  <ExpectationsSummary expectations={c.expectations} names={suite.names} />
                </li>
              ))}
            </ul>
          )}
          {canRun ? (
            <div className="border-t border-slate-200 px-4 py-4">
              <ImportCasesForm suiteId={suite.id} />
            </div>
          ) : null}
          {canRun ? (
            <div className="border-t border-slate-200 px-4 py-4">
              <h3 className="mb-2 text-sm font-medium text-slate-900">Simulated customers</h3>
              <SimulateCasesButton suiteId={suite.id} />
            </div>
          ) : null}
        </Card>

        <div className="space-y-4">
          {canRun ? (
            <Card aria-labelledby="run-heading">
              <CardHeader
                id="run-heading"
                title="Run"
                description="Runs on the test channel: never counted as operations, side-effecting tools run dry."
              />
              <div className="px-4 py-4">
                <RunSuiteForm
                  suiteId={suite.id}
                  versions={suite.versions}
                  disabledReason={suite.cases.length === 0 ? "Add a case before running the suite." : null}
                />
              </div>
            </Card>
          ) : null}
        </div>
      </div>

      <Card aria-labelledby="runs-heading" className="mt-6">
        <CardHeader
          id="runs-heading"
          title="Runs"
          description="Newest first."
          actions={active ? <AutoRefresh label="Run in progress" /> : undefined}
        />
        {suite.runs.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600" data-testid="no-runs">
            This suite has not been run yet. Runs appear here with their pass rate against the{" "}
            {Math.round(suite.passThreshold * 100)}% threshold.
          </p>
        ) : (
          <Table caption={`Runs of ${suite.name}`} className="rounded-none border-0 shadow-none">
            <THead>
              <Th>Status</Th>
              <Th>Pass rate</Th>
              <Th>Target</Th>
              <Th>Started by</Th>
              <Th>When</Th>
              <Th srOnly>Report</Th>
            </THead>
            <TBody>
              {suite.runs.map((run) => (
                <tr key={run.id} data-testid="run-row" data-status={run.status}>
                  <Td>
                    <RunStatusBadge status={run.status} />
                    {run.error ? (
                      <div className="mt-1 max-w-xs truncate text-xs text-rose-700" title={run.error}>
                        {run.error}
                      </div>
                    ) : null}
                  </Td>
                  <Td>
                    {run.status === "done" ? (
                      <PassRateBadge passed={run.passed} total={run.total} threshold={suite.passThreshold} />
                    ) : (
                      <span className="text-xs text-slate-500">
                        {run.status === "failed" ? "—" : `${run.total} cases`}
                      </span>
                    )}
                  </Td>
                  <Td>{run.targetLabel}</Td>
                  <Td>{run.startedBy ?? <span className="text-slate-500">system</span>}</Td>
                  <Td>
                    <Time value={run.createdAt} />
                  </Td>
                  <Td>
                    <Link href={`/evals/runs/${run.id}`} className={linkClass} data-testid="run-link">
                      Report
                    </Link>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
