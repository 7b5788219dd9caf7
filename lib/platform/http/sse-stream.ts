// The server-sent-events plumbing both streams share (the API's conversation events and the public chat's reply
// preview): the retry hint, a heartbeat, and one close path that runs every cleanup whether the request aborts, the
// reader cancels or an enqueue fails.
export const SSE_HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

const encoder = new TextEncoder();

export function sseFrame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export type SseIo = {
  send: (text: string) => void;
  close: () => void;
  isClosed: () => boolean;
  /** Runs when the stream ends, however it ends. */
  onClose: (cleanup: () => void) => void;
};

export function sseStream(options: {
  signal: AbortSignal;
  retryMs: number;
  heartbeatMs: number;
  start: (io: SseIo) => void;
}): ReadableStream<Uint8Array> {
  const { signal } = options;
  let closed = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;
  const cleanups: (() => void)[] = [];

  const close = () => {
    if (closed) return;
    closed = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
    signal.removeEventListener("abort", close);
    try {
      controllerRef?.close();
    } catch {
      // already closed or cancelled by the reader
    }
  };
  const send = (text: string) => {
    if (closed || !controllerRef) return;
    try {
      controllerRef.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const io: SseIo = { send, close, isClosed: () => closed, onClose: (cleanup) => void cleanups.push(cleanup) };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      if (signal.aborted) return close();
      signal.addEventListener("abort", close, { once: true });
      send(`retry: ${options.retryMs}\n\n`);
      const heartbeat = setInterval(() => send(": ping\n\n"), options.heartbeatMs);
      io.onClose(() => clearInterval(heartbeat));
      options.start(io);
    },
    cancel() {
      close();
    },
  });
}

/**
 * Passes a long-lived response body through and ends it once `stillAllowed` answers false (asked every `everyMs`):
 * a stream opened before its session was ended must not keep delivering. A failed check keeps the stream; the next
 * one decides.
 */
export function endWhenDisallowed(
  body: ReadableStream<Uint8Array>,
  stillAllowed: () => Promise<boolean>,
  everyMs: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let timer: ReturnType<typeof setInterval> | undefined;
  let ended = false;
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    clearInterval(timer);
    if (ended) return;
    ended = true;
    controller.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        stillAllowed().then(
          (allowed) => {
            if (allowed) return;
            finish(controller);
            reader.cancel().catch(() => undefined);
          },
          () => undefined,
        );
      }, everyMs);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) finish(controller);
      else if (!ended) controller.enqueue(value);
    },
    cancel(reason) {
      ended = true;
      clearInterval(timer);
      return reader.cancel(reason);
    },
  });
}
