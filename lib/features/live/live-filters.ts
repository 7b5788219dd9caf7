// The Live page's filters, read from the page URL and from the live stream's URL alike, so the list and its stream
// always agree on which conversations belong.
import {
  agentParam,
  agentValue,
  CONVERSATION_STATUSES,
  enumParam,
  LIVE_CHANNELS,
  slugParam,
  type AgentRef,
  type ConversationStatus,
  type LiveChannel,
} from "@/lib/features/list-filters";

export type LiveFilters = { status?: ConversationStatus; flowSlug?: string; channel?: LiveChannel; agent?: AgentRef };

type SearchParams = Record<string, string | string[] | undefined>;

export function parseLiveFilters(searchParams: SearchParams | URLSearchParams): LiveFilters {
  const params: SearchParams =
    searchParams instanceof URLSearchParams ? Object.fromEntries(searchParams) : searchParams;
  const filters: LiveFilters = {};
  const status = enumParam(params, "status", CONVERSATION_STATUSES);
  const flowSlug = slugParam(params, "flow");
  const channel = enumParam(params, "channel", LIVE_CHANNELS);
  const agent = agentParam(params, "agent");
  if (status) filters.status = status;
  if (flowSlug) filters.flowSlug = flowSlug;
  if (channel) filters.channel = channel;
  if (agent) filters.agent = agent;
  return filters;
}

/** The filters as a query string (no leading "?"), in a stable order; "" without filters. */
export function liveFiltersQuery(filters: LiveFilters): string {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  if (filters.flowSlug) query.set("flow", filters.flowSlug);
  if (filters.channel) query.set("channel", filters.channel);
  if (filters.agent) query.set("agent", agentValue(filters.agent));
  return query.toString();
}

export const hasLiveFilters = (filters: LiveFilters) => liveFiltersQuery(filters) !== "";
