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
import { searchParam } from "@/lib/features/search/search-query";

/** What a conversation's run waits for (Conversation.waitingFor); "human" is an operator's turn. */
export const WAITING_FOR = ["customer", "human", "approval", "timer"] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

export type LiveFilters = {
  status?: ConversationStatus;
  flowSlug?: string;
  channel?: LiveChannel;
  agent?: AgentRef;
  waiting?: WaitingFor;
  /** Search over transcripts, customers and order numbers (lib/features/search/); only a valid query is kept. */
  q?: string;
};

/**
 * Where a page starts: strictly after this row in the list's order (most recent activity first). Keyset rather than
 * an offset, so conversations that become active while someone reads page 3 do not shift what page 4 holds.
 */
export type LiveCursor = { updatedAt: Date; id: string };

/** Rows per page (`per` in the URL); 100 unless the person chose fewer. */
export const LIVE_PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_LIVE_PAGE_SIZE = 100;

export function parseLivePageSize(searchParams: SearchParams | URLSearchParams): number {
  const raw = searchParams instanceof URLSearchParams ? searchParams.get("per") : searchParams.per;
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return (LIVE_PAGE_SIZES as readonly number[]).includes(value) ? value : DEFAULT_LIVE_PAGE_SIZE;
}

const CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/;

export const liveCursorValue = (cursor: LiveCursor) => `${cursor.updatedAt.getTime()}.${cursor.id}`;

/** The `cursor` of a page URL; a malformed one is ignored (the first page opens). */
export function parseLiveCursor(value: string | null | undefined): LiveCursor | undefined {
  const match = CURSOR.exec(value ?? "");
  if (!match) return undefined;
  const updatedAt = new Date(Number(match[1]));
  return Number.isNaN(updatedAt.getTime()) ? undefined : { updatedAt, id: match[2] };
}

type SearchParams = Record<string, string | string[] | undefined>;

export function parseLiveFilters(searchParams: SearchParams | URLSearchParams): LiveFilters {
  const params: SearchParams =
    searchParams instanceof URLSearchParams ? Object.fromEntries(searchParams) : searchParams;
  const filters: LiveFilters = {};
  const status = enumParam(params, "status", CONVERSATION_STATUSES);
  const flowSlug = slugParam(params, "flow");
  const channel = enumParam(params, "channel", LIVE_CHANNELS);
  const agent = agentParam(params, "agent");
  const waiting = enumParam(params, "waiting", WAITING_FOR);
  const { q } = searchParam(params);
  if (q) filters.q = q;
  if (status) filters.status = status;
  if (flowSlug) filters.flowSlug = flowSlug;
  if (channel) filters.channel = channel;
  if (agent) filters.agent = agent;
  if (waiting) filters.waiting = waiting;
  return filters;
}

/** The filters as a query string (no leading "?"), in a stable order; "" without filters. */
export function liveFiltersQuery(filters: LiveFilters): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.status) query.set("status", filters.status);
  if (filters.flowSlug) query.set("flow", filters.flowSlug);
  if (filters.channel) query.set("channel", filters.channel);
  if (filters.agent) query.set("agent", agentValue(filters.agent));
  if (filters.waiting) query.set("waiting", filters.waiting);
  return query.toString();
}

export const hasLiveFilters = (filters: LiveFilters) => liveFiltersQuery(filters) !== "";
