import type { Metadata } from "next";
import Link from "next/link";
import { MessagesSquare } from "lucide-react";
import { buttonClass, linkClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ConversationStatusBadge } from "@/components/ui/status-badges";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { requirePageMember } from "@/app/_server/page-member";
import { listDrillConversations } from "@/lib/features/dashboard/drill-down";
import { dashboardHref, DRILL_PATH, drillHref } from "@/lib/features/dashboard/drill-href";
import {
  drillParams,
  filtersQuery,
  parseDrill,
  parseKpiFilters,
  reconcileFilters,
  type Drill,
} from "@/lib/features/dashboard/filters";
import { loadFilterOptions } from "@/lib/features/dashboard/queries";
import { describeWindow, windowTitle } from "@/lib/features/dashboard/time-window";

export const metadata: Metadata = { title: "Dashboard · Conversations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const OUTCOME_TEXT: Record<string, string> = {
  resolved: "that were resolved",
  contained: "resolved with no person involved",
  escalated: "escalated to a person",
  abandoned: "that were abandoned",
  failed: "that failed",
  sla_breached: "with an escalation that missed its SLA",
};

function describeDrill(drill: Drill, nodeLabel: (id: string) => string): string {
  if (!drill) return "All conversations";
  switch (drill.kind) {
    case "day":
      return `Conversations started on ${drill.day}`;
    case "window":
      return `Conversations started ${windowTitle(new Date(drill.since), new Date(drill.until))}`;
    case "node":
      return `Conversations that ran “${nodeLabel(drill.nodeId)}”`;
    case "model":
      return `Conversations that called ${drill.model}`;
    case "outcome":
      return `Conversations ${OUTCOME_TEXT[drill.outcome]}`;
  }
}

export default async function DashboardConversationsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const requested = parseKpiFilters(params);
  const drill = parseDrill(params);
  const member = await requirePageMember(
    "dashboard.read",
    `${DRILL_PATH}?${filtersQuery(requested, drillParams(drill))}`,
  );
  const page = Number(Array.isArray(params.page) ? params.page[0] : params.page) || 1;
  const options = await loadFilterOptions(member.workspaceId);
  const filters = reconcileFilters(requested, options);
  const list = await listDrillConversations(member.workspaceId, filters, drill, page);
  const labels = Object.assign(
    {},
    ...options.flows.filter((f) => !filters.flowId || f.id === filters.flowId).map((f) => f.nodeLabels),
  ) as Record<string, string>;
  const title = describeDrill(drill, (id) => labels[id] ?? id);
  const rangeText = describeWindow(filters.range ?? null, filters.from, filters.to);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={dashboardHref(filters)} className={linkClass}>
            ← Dashboard
          </Link>
        }
        title={title}
        description={`Started ${drill?.kind === "day" ? `on ${drill.day} (UTC)` : drill?.kind === "window" ? windowTitle(new Date(drill.since), new Date(drill.until)) : `${rangeText} (UTC)`}, newest first, with the dashboard's filters. Open one to see its transcript and trace.`}
      />
      <DashboardFilters action={DRILL_PATH} filters={filters} options={options} hidden={drillParams(drill)} />
      {list.rows.length === 0 ? (
        <EmptyState icon={MessagesSquare} title={page > 1 ? "No more conversations" : "No conversations in this range"}>
          {page > 1
            ? "This page is past the end of the list."
            : "Nothing matches these filters. Widen the date range or clear a filter."}
        </EmptyState>
      ) : (
        <>
          <Table caption={`${title}, page ${list.page}`}>
            <THead>
              <Th>Started</Th>
              <Th>Flow</Th>
              <Th>Channel</Th>
              <Th>Customer</Th>
              <Th>Status</Th>
              <Th className="text-right">Escalations</Th>
              <Th srOnly>Open</Th>
            </THead>
            <TBody>
              {list.rows.map((c) => (
                <tr key={c.id} data-testid="drill-row">
                  <Td className="whitespace-nowrap">
                    <Time value={c.startedAt} />
                  </Td>
                  <Td>
                    {c.flowName}{" "}
                    <span className="text-xs text-slate-500">
                      {c.versionNumber === null ? "test" : `v${c.versionNumber}`}
                    </span>
                  </Td>
                  <Td>{c.channel}</Td>
                  <Td>{c.customerName ?? <span className="text-slate-500">anonymous</span>}</Td>
                  <Td>
                    <ConversationStatusBadge status={c.status} />
                  </Td>
                  <Td className="text-right tabular-nums">{c.escalations}</Td>
                  <Td className="text-right">
                    <Link href={`/conversations/${c.id}`} className={linkClass}>
                      Open<span className="sr-only"> conversation started {c.startedAt.toISOString()}</span>
                    </Link>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
            {list.page > 1 ? (
              <Link
                href={drillHref(filters, drillParams(drill), list.page - 1)}
                className={buttonClass("secondary", "sm")}
                rel="prev"
              >
                Newer
              </Link>
            ) : null}
            <span className="text-slate-600">Page {list.page}</span>
            {list.hasMore ? (
              <Link
                href={drillHref(filters, drillParams(drill), list.page + 1)}
                className={buttonClass("secondary", "sm")}
                rel="next"
              >
                Older
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
