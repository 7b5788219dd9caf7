"use client";
import { useEffect, useState } from "react";
import {
  mergeLiveRows,
  nextLiveTotal,
  type LiveRow,
  type LiveSnapshot,
  type LiveUpdate,
} from "@/lib/features/live/live-rows";

export type LiveConnection = "connecting" | "live" | "reconnecting" | "offline";

/**
 * The Live list kept current over server-sent events. Every (re)connection begins with a snapshot, which replaces the
 * rows: that is the reload after a dropped connection. EventSource reconnects by itself; "offline" means it gave up
 * (the session ended or the server refused).
 */
export function useLiveRows(options: { url: string; initialRows: LiveRow[]; initialTotal: number; limit: number }) {
  const { url, limit } = options;
  const [list, setList] = useState({ rows: options.initialRows, total: options.initialTotal });
  const [connection, setConnection] = useState<LiveConnection>("connecting");

  useEffect(() => {
    const source = new EventSource(url);
    source.onopen = () => setConnection("live");
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? "offline" : "reconnecting");
    source.addEventListener("snapshot", (event) => {
      const snapshot = JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot;
      setList({ rows: snapshot.rows, total: snapshot.total });
      setConnection("live");
    });
    source.addEventListener("rows", (event) => {
      const update = JSON.parse((event as MessageEvent<string>).data) as LiveUpdate;
      setList((current) => {
        const rows = mergeLiveRows(current.rows, update, limit);
        return rows === current.rows ? current : { rows, total: nextLiveTotal(current.total, current.rows, update) };
      });
    });
    return () => source.close();
  }, [url, limit]);

  return { rows: list.rows, total: list.total, connection };
}
