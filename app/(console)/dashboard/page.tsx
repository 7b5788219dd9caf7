import type { Metadata } from "next";
import Link from "next/link";
import { BarChart3 } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { linkClass } from "@/components/ui/button";
import { ChartFrame } from "@/components/dashboard/chart-frame";
import { ActivityChart } from "@/components/dashboard/activity-chart";
import { DashboardAutoRefresh } from "@/components/dashboard/dashboard-auto-refresh";
import { DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { RangeSwitch } from "@/components/dashboard/range-switch";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { ModelUsageChart } from "@/components/dashboard/model-usage-chart";
import { NodeLatencyChart } from "@/components/dashboard/node-latency-chart";
import { VersionCompare } from "@/components/dashboard/version-compare";
import { requirePageMember } from "@/app/_server/page-member";
import { KPI_DEFINITIONS } from "@/lib/features/dashboard/definitions";
import { DASHBOARD_PATH, drillHref } from "@/lib/features/dashboard/drill-href";
import { filtersQuery, parseKpiFilters, reconcileFilters } from "@/lib/features/dashboard/filters";
import { loadFilterOptions } from "@/lib/features/dashboard/queries";
import { ensureFreshRollups, loadDashboardData, loadVersionCompare } from "@/lib/features/dashboard/load-dashboard";
import { rollupsRefreshedAt } from "@/lib/features/dashboard/refresh-rollups";
import { Time } from "@/components/ui/time";
import { formatCount, formatDuration, formatPercent } from "@/lib/features/dashboard/format-figures";
import { RANGE_LABELS, bucketDrill, describeWindow, type Bucket } from "@/lib/features/dashboard/time-window";
import { OfflineReplyLabel } from "@/components/ui/offline-reply-label";

export const metadata: Metadata = { title: "Dashboard" };

const PER_BUCKET: Record<Bucket, string> = { "5m": "five minutes", hour: "hour", day: "day" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const now = new Date();
  const requested = parseKpiFilters(params, now);
  const member = await requirePageMember("dashboard.read", `${DASHBOARD_PATH}?${filtersQuery(requested)}`);
  const [options] = await Promise.all([loadFilterOptions(member.workspaceId), ensureFreshRollups()]);
  const filters = reconcileFilters(requested, options);
  const [data, refreshedAt] = await Promise.all([
    loadDashboardData(member.workspaceId, filters, options, now),
    rollupsRefreshedAt(),
  ]);

  const flow = data.options.flows.find((f) => f.id === filters.flowId);
  const versionIds = new Set(flow?.versions.map((v) => v.id));
  const compareA = one(params.a);
  const compareB = one(params.b);
  const compare =
    flow && compareA && compareB && versionIds.has(compareA) && versionIds.has(compareB)
      ? await loadVersionCompare(member.workspaceId, filters, compareA, compareB, now)
      : null;
  const versionLabel = (id: string | undefined) => `v${flow?.versions.find((v) => v.id === id)?.number ?? "?"}`;

  const rangeText = describeWindow(filters.range ?? null, filters.from, filters.to);
  const per = PER_BUCKET[data.bucket];
  const activity = data.activity.map((d) => ({
    ...d,
    href: drillHref(filters, bucketDrill(new Date(d.at), data.bucket)),
  }));
  const previousText = filters.range
    ? `against the previous ${RANGE_LABELS[filters.range].replace(/^Last /, "")}`
    : "against the previous period of the same length";
  const nodes = data.nodes.map((n) => ({
    ...n,
    href: drillHref({ ...filters, flowId: filters.flowId ?? null }, { node: n.nodeId }),
  }));
  const models = data.models.map((m) => ({ ...m, href: drillHref(filters, { model: m.model }) }));

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`How the flows in ${member.workspaceName} performed for conversations started ${rangeText} (UTC), per ${per}. ${
          data.bucket === "day"
            ? "Figures come from roll-ups refreshed every minute"
            : "Figures are counted from the conversations themselves on every refresh"
        }; designer test runs are never counted.`}
        actions={
          <div className="flex flex-col items-start gap-1 sm:items-end">
            <DashboardAutoRefresh renderedAt={now.toISOString()} />
            {refreshedAt && data.bucket === "day" ? (
              <p className="text-xs text-slate-600" data-testid="rollups-refreshed">
                Roll-ups as of <Time value={refreshedAt} mode="relative" />
              </p>
            ) : null}
          </div>
        }
      />
      <RangeSwitch action={DASHBOARD_PATH} filters={filters} />
      <DashboardFilters action={DASHBOARD_PATH} filters={filters} options={data.options} />

      {data.started === 0 ? (
        <EmptyState icon={BarChart3} title="No conversations in this range">
          Nothing started {rangeText}
          {filters.flowId || filters.channel ? " with these filters" : ""}. Widen the range or clear the filters; a
          conversation from a flow’s chat page shows up here within a minute.
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading" className="sr-only">
              Key figures
            </h2>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="kpi-cards">
              {data.cards.map((card) => (
                <KpiCard
                  key={card.key}
                  card={card}
                  href={card.drill ? drillHref(filters, card.drill) : null}
                  deltaLabel={previousText}
                />
              ))}
            </div>
          </section>

          <div className="mt-6 grid gap-6 xl:grid-cols-2">
            <Card aria-labelledby="activity-heading" className="min-w-0">
              <CardHeader
                id="activity-heading"
                title={`Conversations per ${per}`}
                description={`Started (bars), resolved and escalated (lines), per ${per === "day" ? "UTC day" : `${per} (UTC)`}. Click a bar to see the conversations started in it.`}
              />
              <div className="p-4">
                <ChartFrame
                  summary={`Conversations per ${per} ${rangeText}: ${formatCount(data.started)} started in total, busiest ${per} ${formatCount(Math.max(...data.activity.map((d) => d.started)))}.`}
                  chart={<ActivityChart points={activity} />}
                  table={
                    <Table caption={`Conversations per ${per}`} className="shadow-none">
                      <THead>
                        <Th>{per === "day" ? "Day" : "Time (UTC)"}</Th>
                        <Th className="text-right">Started</Th>
                        <Th className="text-right">Resolved</Th>
                        <Th className="text-right">Escalated</Th>
                      </THead>
                      <TBody>
                        {activity.map((d) => (
                          <tr key={d.at}>
                            <Td>
                              <Link href={d.href} className={linkClass}>
                                {data.bucket === "day" ? d.day : d.title}
                              </Link>
                            </Td>
                            <Td className="text-right tabular-nums">{d.started}</Td>
                            <Td className="text-right tabular-nums">{d.resolved}</Td>
                            <Td className="text-right tabular-nums">{d.escalated}</Td>
                          </tr>
                        ))}
                      </TBody>
                    </Table>
                  }
                />
              </div>
            </Card>

            <Card aria-labelledby="nodes-heading">
              <CardHeader
                id="nodes-heading"
                title={KPI_DEFINITIONS.node_latency.label}
                description={`${KPI_DEFINITIONS.node_latency.definition} The slowest ${nodes.length} by p95; click a node to see conversations that ran it.`}
              />
              <div className="p-4">
                {nodes.length === 0 ? (
                  <p className="text-sm text-slate-600">No node executions recorded for these conversations.</p>
                ) : (
                  <ChartFrame
                    summary={`Latency per node, slowest first: ${nodes
                      .slice(0, 3)
                      .map((n) => `${n.label} p95 ${formatDuration(n.p95)}`)
                      .join(", ")}.`}
                    chart={<NodeLatencyChart bars={nodes} />}
                    table={
                      <Table caption="Latency per node" className="shadow-none">
                        <THead>
                          <Th>Node</Th>
                          <Th>Flow</Th>
                          <Th className="text-right">Runs</Th>
                          <Th className="text-right">Failed</Th>
                          <Th className="text-right">p50</Th>
                          <Th className="text-right">p95</Th>
                        </THead>
                        <TBody>
                          {nodes.map((n) => (
                            <tr key={n.key}>
                              <Td>
                                <Link href={n.href} className={linkClass}>
                                  {n.label}
                                </Link>{" "}
                                <span className="text-xs text-slate-500">{n.kind}</span>
                              </Td>
                              <Td>{n.flowName}</Td>
                              <Td className="text-right tabular-nums">{formatCount(n.steps)}</Td>
                              <Td className="text-right tabular-nums">{formatPercent(n.errorRate)}</Td>
                              <Td className="text-right tabular-nums">{formatDuration(n.p50)}</Td>
                              <Td className="text-right tabular-nums">{formatDuration(n.p95)}</Td>
                            </tr>
                          ))}
                        </TBody>
                      </Table>
                    }
                  />
                )}
              </div>
            </Card>

            <Card aria-labelledby="models-heading">
              <CardHeader
                id="models-heading"
                title={KPI_DEFINITIONS.model_usage.label}
                description={KPI_DEFINITIONS.model_usage.definition}
              />
              <div className="p-4">
                {models.length === 0 ? (
                  <p className="text-sm text-slate-600">
                    No LLM calls for these conversations (rules agents and classifier routers do not call a model).
                  </p>
                ) : (
                  <>
                    <ChartFrame
                      summary={`Tokens per model: ${models.map((m) => (m.offline ? `offline stand-in ${formatCount(m.calls)} calls, no tokens or cost` : `${m.model} ${formatCount(m.tokensIn + m.tokensOut)} tokens, ${m.costLabel}`)).join("; ")}.`}
                      chart={<ModelUsageChart rows={models} />}
                      tableLabel="Show calls, latency and cost per model"
                      table={
                        <Table caption="Tokens and cost per model" className="shadow-none">
                          <THead>
                            <Th>Model</Th>
                            <Th className="text-right">Calls</Th>
                            <Th className="text-right">Errors</Th>
                            <Th className="text-right">Tokens in</Th>
                            <Th className="text-right">Tokens out</Th>
                            <Th className="text-right">Cost</Th>
                            <Th className="text-right">p50 / p95</Th>
                          </THead>
                          <TBody>
                            {models.map((m) => (
                              <tr key={m.model}>
                                <Td>
                                  <Link href={m.href} className={linkClass}>
                                    {m.model}
                                  </Link>
                                  {m.offline ? <OfflineReplyLabel className="ml-2" /> : null}
                                </Td>
                                <Td className="text-right tabular-nums">{formatCount(m.calls)}</Td>
                                <Td className="text-right tabular-nums">{formatCount(m.errors)}</Td>
                                {/* The stand-in reads and writes no tokens: a dash, not a count that looks real. */}
                                <Td className="text-right tabular-nums">{m.offline ? "—" : formatCount(m.tokensIn)}</Td>
                                <Td className="text-right tabular-nums">
                                  {m.offline ? "—" : formatCount(m.tokensOut)}
                                </Td>
                                <Td className="text-right tabular-nums">{m.costLabel}</Td>
                                <Td className="text-right tabular-nums">
                                  {formatDuration(m.p50)} / {formatDuration(m.p95)}
                                </Td>
                              </tr>
                            ))}
                          </TBody>
                        </Table>
                      }
                    />
                  </>
                )}
              </div>
            </Card>

            <Card aria-labelledby="compare-heading">
              <CardHeader
                id="compare-heading"
                title="Compare two versions"
                description={
                  flow
                    ? `Two versions of ${flow.name} over the same range and channel; the change is B against A.`
                    : "Pick a flow in the filters to compare two of its versions."
                }
              />
              <div className="p-4">
                {flow ? (
                  <VersionCompare
                    action={DASHBOARD_PATH}
                    filters={filters}
                    versions={flow.versions}
                    a={compareA}
                    b={compareB}
                    rows={compare}
                    labelA={versionLabel(compareA)}
                    labelB={versionLabel(compareB)}
                  />
                ) : (
                  <p className="text-sm text-slate-600">Version comparison works within one flow.</p>
                )}
              </div>
            </Card>
          </div>
        </>
      )}
    </>
  );
}
