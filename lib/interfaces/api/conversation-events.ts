// Server-sent events for one conversation: the transcript from a cursor on, then every new message and status change
// as the engine commits them. Woken by the engine's LIVE_CHANNEL notice (one per processed event), with a slow poll
// as a safety net for notices missed while the LISTEN connection reconnects.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import { AppError } from "@/lib/model/errors";
import { sseFrame, sseStream, type SseIo } from "@/lib/platform/http/sse-stream";
import { apiMessage, apiMessageSelect } from "./api-message";

export const SSE_RETRY_MS = 2000;
export const SSE_POLL_MS = 2000;
export const SSE_HEARTBEAT_MS = 15_000;
const BATCH = 200;

const messageSelect = { ...apiMessageSelect, seq: true } as const;
const statusSelect = { status: true, waitingFor: true, currentNodeId: true } as const;

/**
 * Where a stream resumes: the `Last-Event-ID` header (sent by EventSource on reconnect, so it wins), else `?after=`,
 * else 0 (the whole transcript). A malformed `after` is a 400; a malformed Last-Event-ID is ignored.
 */
export function resumeAfterSeq(request: Request): number {
  const header = request.headers.get("last-event-id")?.trim();
  if (header && /^\d{1,9}$/.test(header)) return Number(header);
  const after = new URL(request.url).searchParams.get("after");
  if (after === null || after === "") return 0;
  if (!/^\d{1,9}$/.test(after))
    throw new AppError("BAD_REQUEST", { userMessage: "`after` must be a message seq (a non-negative integer)." });
  return Number(after);
}

/**
 * Checks the conversation is in the workspace (404 otherwise, before anything streams), then returns the stream.
 * The stream ends when `signal` aborts or the reader cancels; either way it unsubscribes and clears its timers.
 */
export async function openConversationEvents(options: {
  workspaceId: string;
  conversationId: string;
  afterSeq: number;
  signal: AbortSignal;
  pollMs?: number;
  heartbeatMs?: number;
}): Promise<ReadableStream<Uint8Array>> {
  const { conversationId, signal } = options;
  const found = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId: options.workspaceId },
    select: { id: true },
  });
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });

  let lastSeq = options.afterSeq;
  let lastStatus: string | null = null;
  let chain: Promise<void> = Promise.resolve();
  let io: SseIo;

  /** Sends the messages after the cursor, then the status if it changed. Only ever runs one at a time (see sync). */
  const flush = async () => {
    for (;;) {
      if (io.isClosed()) return;
      const batch = await db().message.findMany({
        where: { conversationId, seq: { gt: lastSeq } },
        orderBy: { seq: "asc" },
        take: BATCH,
        select: messageSelect,
      });
      for (const m of batch) {
        io.send(sseFrame("message", { ...apiMessage(m), seq: m.seq, createdAt: m.createdAt.toISOString() }, m.seq));
        lastSeq = m.seq;
      }
      if (batch.length < BATCH) break;
    }
    if (io.isClosed()) return;
    const row = await db().conversation.findUnique({ where: { id: conversationId }, select: statusSelect });
    if (!row) return io.close(); // deleted (e.g. erasure): nothing more will come
    const status = { status: row.status, waitingFor: row.waitingFor, currentNodeId: row.currentNodeId };
    const serialized = JSON.stringify(status);
    if (serialized !== lastStatus) {
      lastStatus = serialized;
      io.send(sseFrame("status", status));
    }
  };

  // A promise chain serializes flushes: a notice arriving mid-query waits, so events never interleave or repeat.
  // At most one flush waits behind the running one; further wake-ups are folded into it.
  let queued = false;
  const sync = () => {
    if (io.isClosed() || queued) return;
    queued = true;
    chain = chain.then(async () => {
      queued = false;
      try {
        await flush();
      } catch (error) {
        if (!io.isClosed()) console.error("[sse]", conversationId, error instanceof Error ? error.message : error);
      }
    });
  };

  return sseStream({
    signal,
    retryMs: SSE_RETRY_MS,
    heartbeatMs: options.heartbeatMs ?? SSE_HEARTBEAT_MS,
    start(stream) {
      io = stream;
      // Subscribe before the first query so a notice committed in between still wakes us.
      io.onClose(liveListener().subscribe(conversationId, () => sync()));
      sync();
      const poll = setInterval(sync, options.pollMs ?? SSE_POLL_MS);
      io.onClose(() => clearInterval(poll));
    },
  });
}
