import type { Metadata } from "next";
import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { SuiteForm } from "@/components/evals/suite-form";
import { PassRateBadge, RunStatusBadge } from "@/components/evals/run-status-badge";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { listEvalSuites } from "@/lib/features/evals/list-eval-suites";

export const metadata: Metadata = { title: "Evals" };

export default async function EvalsPage() {
  const member = await requirePageMember("eval.read", "/evals");
  const flows = await listEvalSuites(member.workspaceId);
  const canRun = can(member.role, "eval.run");
  const withSuites = flows.filter((f) => f.suites.length > 0);

  return (
    <>
      <PageHeader
        title="Evals"
        description="Test suites check a flow’s behaviour before you publish and after: each case is a customer script with what should happen, run in isolation on the test channel."
      />
      <div className={canRun ? "grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" : undefined}>
        <div className="space-y-6">
          {withSuites.length === 0 ? (
            <EmptyState icon={FlaskConical} title="No test suites yet">
              {canRun ? (
                <>
                  Create a suite for a flow here, then add cases by hand, import them from CSV or JSON, or open any
                  conversation and choose <span className="font-medium">Save as test case</span>.
                </>
              ) : (
                <>A designer or admin can create suites; they will be listed here with their latest pass rate.</>
              )}
            </EmptyState>
          ) : (
            withSuites.map((flow) => (
              <section key={flow.id} aria-labelledby={`flow-${flow.id}`} data-testid="eval-flow-group">
                <h2 id={`flow-${flow.id}`} className="mb-2 text-sm font-semibold text-slate-900">
                  <Link href={`/flows/${flow.id}`} className={linkClass}>
                    {flow.name}
                  </Link>
                </h2>
                <Table caption={`Test suites of ${flow.name}`}>
                  <THead>
                    <Th>Suite</Th>
                    <Th className="text-right">Cases</Th>
                    <Th>Latest run</Th>
                    <Th>Threshold</Th>
                    <Th srOnly>Gates publishing</Th>
                  </THead>
                  <TBody>
                    {flow.suites.map((suite) => (
                      <tr key={suite.id} data-testid="eval-suite-row">
                        <Td>
                          <Link href={`/evals/${suite.id}`} className={linkClass}>
                            {suite.name}
                          </Link>
                          {suite.description ? (
                            <div className="mt-0.5 text-xs text-slate-500">{suite.description}</div>
                          ) : null}
                        </Td>
                        <Td className="text-right tabular-nums">{suite.caseCount}</Td>
                        <Td>
                          {suite.latestRun ? (
                            <span className="flex flex-wrap items-center gap-2">
                              {suite.latestRun.status === "done" ? (
                                <PassRateBadge
                                  passed={suite.latestRun.passed}
                                  total={suite.latestRun.total}
                                  threshold={suite.passThreshold}
                                />
                              ) : (
                                <RunStatusBadge status={suite.latestRun.status} />
                              )}
                              <Link
                                href={`/evals/runs/${suite.latestRun.id}`}
                                className="text-xs text-slate-500 hover:underline"
                              >
                                <Time value={suite.latestRun.createdAt} mode="relative" />
                              </Link>
                            </span>
                          ) : (
                            <span className="text-xs text-slate-500">Never run</span>
                          )}
                        </Td>
                        <Td className="tabular-nums">{Math.round(suite.passThreshold * 100)}%</Td>
                        <Td>{suite.gatesPublish ? <Badge tone="indigo">Gates publishing</Badge> : null}</Td>
                      </tr>
                    ))}
                  </TBody>
                </Table>
              </section>
            ))
          )}
        </div>
        {canRun ? (
          <Card aria-labelledby="new-suite-heading" className="self-start">
            <CardHeader id="new-suite-heading" title="New test suite" description="A suite belongs to one flow." />
            <div className="px-4 py-4">
              {flows.length ? (
                <SuiteForm flows={flows.map((f) => ({ id: f.id, name: f.name }))} />
              ) : (
                <p className="text-sm text-slate-600">
                  There are no flows in this workspace yet.{" "}
                  <Link href="/flows" className={linkClass}>
                    Create a flow
                  </Link>{" "}
                  first.
                </p>
              )}
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
