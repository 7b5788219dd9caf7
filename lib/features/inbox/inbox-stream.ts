// The Inbox queue's server-sent events: one `changed` frame when the queue may look different, so the page re-renders
// on news instead of on a timer. A workspace can process dozens of turns a second, almost all of them in conversations
// nobody is queued for, so engine notices only count for conversations in the queue (an open or claimed escalation,
// a pending approval) or ones that just joined it (status `escalated`). Bursts are gathered for COALESCE_MS.
// A slow fingerprint poll catches what sends no notice (a claim on another server, an approval decided through the
// API) and refreshes the set of queued conversations.
import "server-only";
import { sseFrame, sseStream, type SseIo } from "@/lib/platform/http/sse-stream";
import { db } from "@/lib/platform/db/client";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import type { LiveNotice } from "@/lib/runtime/engine/events";
import { NOT_TEST_CONVERSATION } from "@/lib/model/flow/channels";
import { NOT_TEST_ESCALATION } from "./list-escalations";

export const INBOX_COALESCE_MS = 1000;
export const INBOX_POLL_MS = 10_000;
const RETRY_MS = 3000;
const HEARTBEAT_MS = 15_000;

type QueueState = { fingerprint: string; conversations: Set<string> };

async function queueState(workspaceId: string): Promise<QueueState> {
  const [escalations, approvals] = await Promise.all([
    db().$queryRaw<{ conversationId: string; status: string; assigneeId: string | null }[]>`
      SELECT e."conversationId", e.status::text AS status, e."assigneeId" FROM "Escalation" e
      WHERE e."workspaceId" = ${workspaceId} AND e.status IN ('open', 'claimed') AND ${NOT_TEST_ESCALATION}`,
    db().approval.findMany({
      where: { workspaceId, status: "pending", conversation: NOT_TEST_CONVERSATION },
      select: { id: true, conversationId: true },
    }),
  ]);
  const conversations = new Set([...escalations, ...approvals].map((row) => row.conversationId));
  // Order-independent, and it changes when a row joins, leaves or changes hands.
  const parts = [
    ...escalations.map((row) => `e:${row.conversationId}:${row.status}:${row.assigneeId ?? ""}`),
    ...approvals.map((row) => `a:${row.id}`),
  ].sort();
  return { fingerprint: parts.join("|"), conversations };
}

export function openInboxStream(options: {
  workspaceId: string;
  signal: AbortSignal;
  coalesceMs?: number;
  pollMs?: number;
}): ReadableStream<Uint8Array> {
  const { workspaceId } = options;
  let io: SseIo;
  let state: QueueState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let polling: Promise<void> | null = null;

  const changed = () => {
    if (io.isClosed()) return;
    timer ??= setTimeout(() => {
      timer = null;
      io.send(sseFrame("changed", { at: new Date().toISOString() }));
      void poll(false);
    }, options.coalesceMs ?? INBOX_COALESCE_MS);
  };

  /** Reads the queue again; reports a change unless this is the first read (the page was rendered from it). */
  const poll = (first: boolean) =>
    (polling ??= (async () => {
      try {
        const next = await queueState(workspaceId);
        const before = state;
        state = next;
        if (!first && before && before.fingerprint !== next.fingerprint && !timer) changed();
      } catch (error) {
        if (!io.isClosed()) console.error("[inbox-stream]", error instanceof Error ? error.message : error);
      } finally {
        polling = null;
      }
    })());

  return sseStream({
    signal: options.signal,
    retryMs: RETRY_MS,
    heartbeatMs: HEARTBEAT_MS,
    start(stream) {
      io = stream;
      io.onClose(
        liveListener().subscribe("*", (notice: LiveNotice) => {
          if (notice.w !== workspaceId) return;
          if (notice.s === "escalated" || state?.conversations.has(notice.c)) changed();
        }),
      );
      io.onClose(() => {
        if (timer) clearTimeout(timer);
      });
      io.send(sseFrame("ready", {}));
      void poll(true);
      const interval = setInterval(() => void poll(false), options.pollMs ?? INBOX_POLL_MS);
      io.onClose(() => clearInterval(interval));
    },
  });
}
