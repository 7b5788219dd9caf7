// The Live page's server-sent events for one member: first the list as it is (so every reconnect starts from the
// truth), then, for each burst of engine notices in the member's workspace, the changed rows in one query. A notice
// on a quiet stream is sent after COALESCE_MS; notices that arrive while a query runs wait for it and go together in
// the next one. So the delay is about one query at any rate, and 200 events/s still cost a few dozen queries a second
// per browser, not 200.
// A slow poll on updatedAt catches what changes without a notice (a conversation opened with its greeting, before
// its first event is processed) and notices missed while the LISTEN connection reconnects.
import "server-only";
import { sseFrame, sseStream, type SseIo } from "@/lib/platform/http/sse-stream";
import { db } from "@/lib/platform/db/client";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import type { LiveNotice } from "@/lib/runtime/engine/events";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { listConversations, loadConversationRows, LIVE_PAGE_SIZE } from "./list-conversations";
import type { LiveFilters } from "./live-filters";
import { toLiveRow, type LiveSnapshot, type LiveUpdate } from "./live-rows";

export const LIVE_COALESCE_MS = 10;
export const LIVE_POLL_MS = 2000;
export const LIVE_RETRY_MS = 2000;
export const LIVE_HEARTBEAT_MS = 15_000;
/** How far back each poll looks: covers transactions that stamped updatedAt earlier but committed later. */
const POLL_OVERLAP_MS = 10_000;
const POLL_BATCH = 500;

export function openLiveStream(options: {
  workspaceId: string;
  filters: LiveFilters;
  /** Rows in the snapshot: the first page as the browser shows it. */
  pageSize?: number;
  signal: AbortSignal;
  coalesceMs?: number;
  pollMs?: number;
  heartbeatMs?: number;
}): ReadableStream<Uint8Array> {
  const { workspaceId, filters } = options;
  const coalesceMs = options.coalesceMs ?? LIVE_COALESCE_MS;
  let io: SseIo;
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();
  /** updatedAt (ms) of every conversation the poll has seen change recently, so it only wakes for new changes. */
  const seen = new Map<string, number>();
  let pollCursor = Date.now() - POLL_OVERLAP_MS;

  const serial = (work: () => Promise<void>) => {
    chain = chain.then(async () => {
      if (io.isClosed()) return;
      try {
        await work();
      } catch (error) {
        if (!io.isClosed()) console.error("[live]", error instanceof Error ? error.message : error);
      }
    });
  };

  /** A row query is running: new notices wait for it (and are then sent together) instead of starting their own. */
  let querying = false;
  const flush = () => {
    timer = null;
    querying = true;
    serial(async () => {
      try {
        const ids = [...pending];
        pending.clear();
        if (ids.length === 0) return;
        const rows = await loadConversationRows({ workspaceId, ...filters, ids });
        const found = new Set(rows.map((row) => row.id));
        const update: LiveUpdate = { rows: rows.map(toLiveRow), removed: ids.filter((id) => !found.has(id)) };
        io.send(sseFrame("rows", update));
      } finally {
        querying = false;
        if (pending.size > 0 && !io.isClosed()) timer ??= setTimeout(flush, coalesceMs);
      }
    });
  };

  const changed = (conversationId: string) => {
    if (io.isClosed()) return;
    pending.add(conversationId);
    if (!querying) timer ??= setTimeout(flush, coalesceMs);
  };

  const poll = () =>
    serial(async () => {
      const since = new Date(pollCursor - POLL_OVERLAP_MS);
      const rows = await db().conversation.findMany({
        where: { workspaceId, updatedAt: { gt: since }, channel: { not: TEST_CHANNEL } },
        orderBy: { updatedAt: "asc" },
        take: POLL_BATCH,
        select: { id: true, updatedAt: true },
      });
      for (const row of rows) {
        const at = row.updatedAt.getTime();
        if (seen.get(row.id) !== at) changed(row.id);
        seen.set(row.id, at);
        pollCursor = Math.max(pollCursor, at);
      }
      for (const [id, at] of seen) if (at <= since.getTime()) seen.delete(id);
    });

  return sseStream({
    signal: options.signal,
    retryMs: LIVE_RETRY_MS,
    heartbeatMs: options.heartbeatMs ?? LIVE_HEARTBEAT_MS,
    start(stream) {
      io = stream;
      // Subscribe before the snapshot so nothing committed in between is lost (it is at worst sent twice).
      io.onClose(
        liveListener().subscribe("*", (notice: LiveNotice) => {
          if (notice.w === workspaceId) changed(notice.c);
        }),
      );
      io.onClose(() => {
        if (timer) clearTimeout(timer);
      });
      serial(async () => {
        // Always the first page: later pages take only in-place updates (components/live/use-live-stream.ts).
        const { rows, total, hasMore } = await listConversations({
          workspaceId,
          ...filters,
          limit: options.pageSize ?? LIVE_PAGE_SIZE,
        });
        const snapshot: LiveSnapshot = { rows: rows.map(toLiveRow), total, hasMore };
        io.send(sseFrame("snapshot", snapshot));
      });
      poll();
      const polling = setInterval(poll, options.pollMs ?? LIVE_POLL_MS);
      io.onClose(() => clearInterval(polling));
    },
  });
}
