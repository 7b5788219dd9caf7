import "server-only";
import { db } from "@/lib/platform/db/client";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";

export type EventOutcome = {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  error: string | null;
  result: { status: string; waitingFor: string | null; messageIds: string[]; turn: number } | null;
};

const SAFETY_POLL_MS = 1000;

async function readEvent(id: string): Promise<EventOutcome> {
  const row = await db().conversationEvent.findUniqueOrThrow({
    where: { id },
    select: { id: true, status: true, error: true, result: true },
  });
  return row as EventOutcome;
}

/**
 * Waits until the engine has processed an event, or `waitMs` passed. Woken by the engine's NOTIFY (any process,
 * any worker); a slow poll covers a notice missed while the listener reconnects.
 */
export async function awaitEvent(id: string, conversationId: string, waitMs: number): Promise<EventOutcome> {
  const listener = liveListener();
  let wake: () => void = () => {};
  let unsubscribe: () => void = () => {};
  const deadline = Date.now() + waitMs;
  try {
    const first = await readEvent(id);
    if (first.status === "done" || first.status === "failed" || waitMs <= 0) return first;
    unsubscribe = listener.subscribe(conversationId, (notice) => {
      if (notice.e === id) wake();
    });
    await Promise.race([listener.ready(), new Promise((resolve) => setTimeout(resolve, 200))]);
    for (;;) {
      const current = await readEvent(id);
      if (current.status === "done" || current.status === "failed") return current;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return current;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(SAFETY_POLL_MS, remaining));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    unsubscribe();
  }
}
