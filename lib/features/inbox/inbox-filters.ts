// The Inbox queue's filters, read from and written to the URL. Pure: the page parses, the list query and the
// filter bar read the same object. Unknown values are dropped, so a stale bookmark still opens.
import { enumParam, ESCALATION_STATUSES, param, slugParam, type EscalationStatus } from "@/lib/features/list-filters";
import { searchParam } from "@/lib/features/search/search-query";

type SearchParams = Record<string, string | string[] | undefined>;

export const OWNER_FILTERS = ["mine", "unassigned"] as const;
export type OwnerFilter = (typeof OWNER_FILTERS)[number];

export const PRIORITIES = [1, 2, 3] as const;
export const PRIORITY_LABELS: Record<number, string> = { 1: "High", 2: "Normal", 3: "Low" };

export type InboxFilters = {
  status?: EscalationStatus;
  queue?: string;
  flow?: string;
  reason?: string;
  priority?: number;
  skill?: string;
  breached?: true;
  owner?: OwnerFilter;
  /** Search over transcripts, customers and order numbers (lib/features/search/); only a valid query is kept. */
  q?: string;
};

const REASON_MAX = 200;

export function parseInboxFilters(params: SearchParams): InboxFilters {
  const reason = param(params, "reason");
  const priority = Number(param(params, "priority"));
  const filters: InboxFilters = {
    status: enumParam(params, "status", ESCALATION_STATUSES),
    queue: slugParam(params, "queue"),
    flow: slugParam(params, "flow"),
    reason: reason && reason.length <= REASON_MAX ? reason : undefined,
    priority: (PRIORITIES as readonly number[]).includes(priority) ? priority : undefined,
    skill: slugParam(params, "skill"),
    breached: param(params, "breached") === "yes" ? true : undefined,
    owner: enumParam(params, "owner", OWNER_FILTERS),
    q: searchParam(params).q,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as InboxFilters;
}

/** The query string for these filters, keys in a stable order (for links and the sign-in return path). */
export function inboxQuery(filters: InboxFilters): string {
  const entries: [string, string][] = [];
  for (const key of ["q", "status", "owner", "flow", "queue", "reason", "priority", "skill"] as const) {
    const value = filters[key];
    if (value !== undefined) entries.push([key, String(value)]);
  }
  if (filters.breached) entries.push(["breached", "yes"]);
  return new URLSearchParams(entries).toString();
}

/** Why the URL's search was ignored (too short or too long), for the page to say; null when it was fine or absent. */
export const inboxSearchError = (params: SearchParams): string | null => searchParam(params).error ?? null;

export const hasFilters = (filters: InboxFilters) => Object.keys(filters).length > 0;
