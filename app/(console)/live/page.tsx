import type { Metadata } from "next";
import { Radio } from "lucide-react";
import { LiveList } from "@/components/live/live-list";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/button";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { agentValue, CONVERSATION_STATUSES, LIVE_CHANNELS } from "@/lib/features/list-filters";
import { listConversations } from "@/lib/features/live/list-conversations";
import { listAgentOptions } from "@/lib/features/live/live-agents";
import {
  DEFAULT_LIVE_PAGE_SIZE,
  hasLiveFilters,
  LIVE_PAGE_SIZES,
  liveCursorValue,
  liveFiltersQuery,
  parseLiveCursor,
  parseLiveFilters,
  parseLivePageSize,
  WAITING_FOR,
} from "@/lib/features/live/live-filters";
import { searchParam } from "@/lib/features/search/search-query";
import { toLiveRow } from "@/lib/features/live/live-rows";
import { listFlowOptions } from "@/lib/features/flows/list-flows";

export const metadata: Metadata = { title: "Live" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);
const WAITING_LABELS: Record<(typeof WAITING_FOR)[number], string> = {
  customer: "The customer",
  human: "A person (operator)",
  approval: "An approval",
  timer: "A timer",
};

export default async function LivePage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = parseLiveFilters(params);
  const searchError = searchParam(params).error;
  const cursor = parseLiveCursor(typeof params.cursor === "string" ? params.cursor : undefined);
  const per = parseLivePageSize(params);
  const filtersQuery = liveFiltersQuery(filters);
  // The list's own state: the filters plus a page size other than the default (the cursor is the list's to change).
  const query = [filtersQuery, per === DEFAULT_LIVE_PAGE_SIZE ? "" : `per=${per}`].filter(Boolean).join("&");
  const member = await requirePageMember("conversation.read", `/live${query ? `?${query}` : ""}`);
  const [page, flows, agents] = await Promise.all([
    listConversations({ workspaceId: member.workspaceId, ...filters, cursor, limit: per }),
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
        <FilterInput
          name="q"
          label="Search"
          defaultValue={filters.q ?? (typeof params.q === "string" ? params.q : undefined)}
          placeholder="Words, customer, e-mail, order no."
        />
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
        <FilterSelect
          name="waiting"
          label="Waiting for"
          allLabel="Anything"
          defaultValue={filters.waiting}
          options={WAITING_FOR.map((w) => ({ value: w, label: WAITING_LABELS[w] }))}
        />
        <FilterSelect
          name="per"
          label="Per page"
          allLabel={`${DEFAULT_LIVE_PAGE_SIZE}`}
          defaultValue={per === DEFAULT_LIVE_PAGE_SIZE ? undefined : String(per)}
          options={LIVE_PAGE_SIZES.filter((n) => n !== DEFAULT_LIVE_PAGE_SIZE).map((n) => ({
            value: String(n),
            label: String(n),
          }))}
        />
      </FilterBar>
      {searchError ? (
        <p role="alert" data-testid="live-search-error" className="mb-3 text-sm text-rose-800">
          {searchError} The list below is not searched.
        </p>
      ) : null}
      {/* Keyed by the filters: another filter is another list and another stream. */}
      <LiveList
        key={query}
        query={query}
        initial={{
          cursor: cursor ? liveCursorValue(cursor) : null,
          page: { rows: page.rows.map(toLiveRow), total: page.total, hasMore: page.hasMore },
        }}
        limit={per}
        canAct={can(member.role, "conversation.act")}
        empty={empty}
      />
    </>
  );
}
