// The public chat's live preview of one conversation (the caller has checked it belongs to the page's flow).
import "server-only";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import { subscribeDeltas } from "@/lib/runtime/engine/live/stream-deltas";
import { sseFrame, sseStream } from "@/lib/platform/http/sse-stream";

export const STREAM_RETRY_MS = 3000;
export const STREAM_HEARTBEAT_MS = 15_000;

/**
 * `delta` {eventId, stepId, stream, seq, offset, text, author} while an agent generates, `done` {eventId} when an
 * event's run committed (its replies are now messages), and a heartbeat comment. Nothing is replayed: a reconnecting
 * page simply reloads messages.
 */
export function openReplyStream(options: {
  conversationId: string;
  signal: AbortSignal;
  heartbeatMs?: number;
}): ReadableStream<Uint8Array> {
  const { conversationId } = options;
  return sseStream({
    signal: options.signal,
    retryMs: STREAM_RETRY_MS,
    heartbeatMs: options.heartbeatMs ?? STREAM_HEARTBEAT_MS,
    start({ send, onClose }) {
      onClose(
        subscribeDeltas(conversationId, (d) =>
          send(
            sseFrame("delta", {
              eventId: d.eventId,
              stepId: d.stepId,
              stream: d.stream,
              seq: d.seq,
              offset: d.offset,
              text: d.text,
              author: d.author,
            }),
          ),
        ),
      );
      onClose(liveListener().subscribe(conversationId, (notice) => send(sseFrame("done", { eventId: notice.e }))));
    },
  });
}
