import type { Metadata } from "next";
import Link from "next/link";
import { clsx } from "clsx";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { requirePageMember } from "@/app/_server/page-member";
import { loadDashboard } from "@/lib/console/dashboard-kpis";
import { CONVERSATION_STATUSES } from "@/lib/console/filters";
import type { KpiTone } from "@/lib/console/prepare-kpis";

export const metadata: Metadata = { title: "Dashboard" };

const TONE: Record<KpiTone, string> = {
  neutral: "text-slate-900",
  good: "text-emerald-700",
  warn: "text-amber-700",
  bad: "text-rose-700",
};

export default async function DashboardPage() {
  const member = await requirePageMember("dashboard.read", "/dashboard");
  const dashboard = await loadDashboard(member.workspaceId);
  const { byFlow, daily } = dashboard;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`How the flows in ${member.workspaceName} performed over the last ${dashboard.windowDays} days, computed from the conversations and escalations in the database.`}
      />

      <section aria-label="Key figures" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {dashboard.cards.map((card) => (
          <div key={card.name} className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs" data-testid={`kpi-${card.name}`}>
            <h2 className="text-sm font-medium text-slate-600">{card.label}</h2>
            <p className={clsx("mt-1 text-3xl font-semibold tabular-nums tracking-tight", card.value === null ? "text-slate-300" : TONE[card.tone])} data-testid="kpi-value">
              {card.value ?? "—"}
            </p>
            <p className="mt-1 text-xs text-slate-500">{card.detail}</p>
          </div>
        ))}
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card aria-labelledby="by-flow-heading">
          <CardHeader
            id="by-flow-heading"
            title="Conversations by flow and status"
            description={`Conversations started in the last ${dashboard.windowDays} days, by their status now.`}
          />
          {byFlow.rows.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600">There are no flows in this workspace yet; once there are, their conversations are counted here.</p>
          ) : (
            <div className="p-3">
              <Table caption="Conversations by flow and status" className="shadow-none">
                <THead>
                  <Th>Flow</Th>
                  {CONVERSATION_STATUSES.map((s) => (
                    <Th key={s} className="text-right">
                      {s}
                    </Th>
                  ))}
                  <Th className="text-right">Total</Th>
                </THead>
                <TBody>
                  {byFlow.rows.map((row) => (
                    <tr key={row.flowId}>
                      <Td className="font-medium text-slate-800">{row.flowName}</Td>
                      {CONVERSATION_STATUSES.map((s) => (
                        <Td key={s} className={clsx("text-right tabular-nums", row.counts[s] === 0 && "text-slate-300")}>
                          {row.counts[s]}
                        </Td>
                      ))}
                      <Td className="text-right font-medium tabular-nums">{row.total}</Td>
                    </tr>
                  ))}
                  <tr className="bg-slate-50">
                    <Td className="font-medium text-slate-800">All flows</Td>
                    {CONVERSATION_STATUSES.map((s) => (
                      <Td key={s} className="text-right font-medium tabular-nums">
                        {byFlow.totals[s]}
                      </Td>
                    ))}
                    <Td className="text-right font-semibold tabular-nums">{byFlow.total}</Td>
                  </tr>
                </TBody>
              </Table>
              {byFlow.total === 0 ? (
                <p className="mt-3 text-xs text-slate-500">
                  No conversations in this window. Open a flow’s chat from{" "}
                  <Link href="/flows" className={linkClass}>
                    Flows
                  </Link>{" "}
                  and send a message; it is counted here at once.
                </p>
              ) : null}
            </div>
          )}
        </Card>

        <Card aria-labelledby="daily-heading">
          <CardHeader id="daily-heading" title="Conversations started per day" description="UTC days, oldest on the left." />
          <div className="px-4 py-4">
            {daily.every((d) => d.count === 0) ? (
              <p className="text-sm text-slate-600">No conversations started in the last {dashboard.windowDays} days.</p>
            ) : (
              <ol className="flex h-40 items-end gap-2" aria-label="Conversations per day">
                {daily.map((d) => (
                  <li key={d.day} className="flex h-full flex-1 flex-col items-center justify-end gap-1">
                    <span className="text-xs tabular-nums text-slate-600">{d.count}</span>
                    <span
                      aria-hidden
                      className={clsx("w-full rounded-t", d.count ? "bg-indigo-500" : "bg-slate-200")}
                      style={{ height: d.count ? `${d.heightPct}%` : "2px" }}
                    />
                    <span className="whitespace-nowrap text-[11px] text-slate-500">
                      <span className="sr-only">{d.count} on </span>
                      {d.label}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
