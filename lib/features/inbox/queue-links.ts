// The Inbox's links keep the queue as the person left it: the filters (and the search text) go on every ticket link,
// tab link and filter form. Pure.
import { inboxQuery, type InboxFilters } from "@/lib/features/inbox/inbox-filters";

export const SEARCH_MAX = 200;

/** The search text from the URL, trimmed and bounded; "" when there is none. */
export function searchParam(params: Record<string, string | string[] | undefined>): string {
  const raw = params.q;
  const value = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  return value.trim().slice(0, SEARCH_MAX);
}

/** The queue's query string: the filters, then the search text unless the filters already carry it. */
export function queueQuery(filters: InboxFilters, q: string): string {
  const params = new URLSearchParams(inboxQuery(filters));
  if (q && !params.has("q")) params.set("q", q);
  return params.toString();
}

export function withQuery(path: string, query: string, extra?: Record<string, string>): string {
  const params = new URLSearchParams(query);
  for (const [key, value] of Object.entries(extra ?? {})) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
