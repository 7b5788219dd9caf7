import type { Metadata } from "next";
import { Radio } from "lucide-react";
import { LiveList } from "@/components/live/live-list";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/button";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { agentValue, CONVERSATION_STATUSES, LIVE_CHANNELS } from "@/lib/features/list-filters";
import { listConversations, LIVE_PAGE_SIZE } from "@/lib/features/live/list-conversations";
import { listAgentOptions } from "@/lib/features/live/live-agents";
import { hasLiveFilters, liveFiltersQuery, parseLiveFilters } from "@/lib/features/live/live-filters";
import { toLiveRow } from "@/lib/features/live/live-rows";
import { listFlowOptions } from "@/lib/features/flows/list-flows";

export const metadata: Metadata = { title: "Live" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);

export default async function LivePage({ searchParams }: Props) {
  const filters = parseLiveFilters(await searchParams);
  const query = liveFiltersQuery(filters);
  const member = await requirePageMember("conversation.read", `/live${query ? `?${query}` : ""}`);
  const [{ rows, total }, flows, agents] = await Promise.all([
    listConversations({ workspaceId: member.workspaceId, ...filters, limit: LIVE_PAGE_SIZE }),
    listFlowOptions(member.workspaceId),
    listAgentOptions(member.workspaceId),
  ]);
  const filtered = hasLiveFilters(filters);
  const firstPublished = flows[0];

  const empty = filtered ? (
    <EmptyState icon={Radio} title="No conversations match these filters">
      Matching conversations appear here, live, as soon as there are any. Clear the filters to see all of them.
    </EmptyState>
  ) : (
    <EmptyState
      icon={Radio}
      title="No conversations yet"
      action={
        firstPublished ? (
          <a
            href={`/chat/${member.workspaceSlug}/${firstPublished.slug}`}
            target="_blank"
            rel="noopener"
            className={linkClass}
          >
            Open the {firstPublished.name} chat
          </a>
        ) : undefined
      }
    >
      A conversation appears here, live, as soon as a customer writes to one of your flows. Open a flow’s chat page and
      send a message to try it.
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title="Live conversations"
        description="Every conversation in this workspace, the most recent activity first, updated as it happens. Open one to watch its transcript and the steps the flow takes."
      />
      <FilterBar action="/live" resetHref="/live" active={filtered}>
        <FilterSelect
          name="status"
          label="Status"
          allLabel="All statuses"
          defaultValue={filters.status}
          options={CONVERSATION_STATUSES.map((s) => ({ value: s, label: capitalize(s) }))}
        />
        <FilterSelect
          name="flow"
          label="Flow"
          allLabel="All flows"
          defaultValue={filters.flowSlug}
          options={flows.map((f) => ({ value: f.slug, label: f.name }))}
        />
        <FilterSelect
          name="channel"
          label="Channel"
          allLabel="All channels"
          defaultValue={filters.channel}
          options={LIVE_CHANNELS.map((c) => ({ value: c, label: c === "api" ? "API" : capitalize(c) }))}
        />
        <FilterSelect
          name="agent"
          label="Agent"
          allLabel="All agents"
          defaultValue={filters.agent ? agentValue(filters.agent) : undefined}
          options={agents}
        />
      </FilterBar>
      {/* Keyed by the filters: another filter is another list and another stream. */}
      <LiveList
        key={query}
        streamUrl={`/api/console/live${query ? `?${query}` : ""}`}
        initialRows={rows.map(toLiveRow)}
        initialTotal={total}
        limit={LIVE_PAGE_SIZE}
        canAct={can(member.role, "conversation.act")}
        empty={empty}
      />
    </>
  );
}
