"use client";
// The Live list's data: one page through react-query (keyed by the filters, the search and the page's cursor), kept
// current over server-sent events. The stream writes into the cache rather than invalidating it, so a change is on
// screen one query after the engine commits it: on the first page new matching conversations join at the top; on a
// later page rows refresh where they stand and nothing joins (new activity belongs on the first page).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import {
  mergeLiveRows,
  nextLiveTotal,
  updateLiveRowsInPlace,
  type LivePage,
  type LiveSnapshot,
  type LiveUpdate,
} from "@/lib/features/live/live-rows";

export type LiveConnection = "connecting" | "live" | "reconnecting" | "offline";

const liveKey = (query: string, cursor: string | null) => ["live", query, cursor ?? ""] as const;

async function fetchPage(query: string, cursor: string | null): Promise<LivePage> {
  const params = new URLSearchParams(query);
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/console/live/rows?${params}`, { headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The list could not be loaded (${response.status}).`);
  }
  return (await response.json()) as LivePage;
}

export function useLivePage(options: {
  /** The filters and search as a query string (no cursor). */
  query: string;
  cursor: string | null;
  /** The page the server rendered, for the cursor it rendered. */
  initial: { cursor: string | null; page: LivePage };
  limit: number;
}) {
  const { query, cursor, limit } = options;
  const client = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const cursorRef = useRef(cursor);
  useEffect(() => {
    cursorRef.current = cursor;
  }, [cursor]);

  const result = useQuery({
    queryKey: liveKey(query, cursor),
    queryFn: () => fetchPage(query, cursor),
    initialData: cursor === options.initial.cursor ? options.initial.page : undefined,
    // The stream keeps the first page current; a later page is refreshed in place only while it is shown, so one
    // visited again is fetched again. Refetching on focus would only repeat what the stream sent.
    staleTime: cursor ? 5_000 : Infinity,
    refetchOnWindowFocus: false,
  });

  useEffect(() => {
    const source = new EventSource(`/api/console/live${query ? `?${query}` : ""}`);
    source.onopen = () => setConnection("live");
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? "offline" : "reconnecting");
    source.addEventListener("snapshot", (event) => {
      // Every (re)connection starts with the first page as it is now: the reload after a dropped connection.
      const snapshot = JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot;
      client.setQueryData(liveKey(query, null), snapshot);
      if (cursorRef.current) void client.invalidateQueries({ queryKey: liveKey(query, cursorRef.current) });
      setConnection("live");
    });
    source.addEventListener("rows", (event) => {
      const update = JSON.parse((event as MessageEvent<string>).data) as LiveUpdate;
      client.setQueryData<LivePage>(liveKey(query, null), (current) => {
        if (!current) return current;
        const rows = mergeLiveRows(current.rows, update, limit);
        return rows === current.rows
          ? current
          : { ...current, rows, total: nextLiveTotal(current.total, current.rows, update) };
      });
      if (cursorRef.current)
        client.setQueryData<LivePage>(liveKey(query, cursorRef.current), (current) => {
          if (!current) return current;
          const rows = updateLiveRowsInPlace(current.rows, update);
          return rows === current.rows ? current : { ...current, rows };
        });
    });
    return () => source.close();
  }, [client, query, limit]);

  return { page: result.data, loading: result.isPending, error: result.error, connection };
}
