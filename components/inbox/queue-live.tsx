"use client";
// Keeps the Inbox's server-rendered queue current: the inbox stream says when the queue may have changed and the page
// re-renders. At most one refresh per MIN_GAP_MS, and none while the tab is hidden (it catches up when shown again).
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { useConsoleStream } from "@/components/ui/use-console-stream";

const MIN_GAP_MS = 2000;

export function QueueLive() {
  const router = useRouter();
  const pending = useRef({ dirty: false, last: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined });

  const schedule = useCallback(() => {
    const p = pending.current;
    p.dirty = true;
    if (document.visibilityState !== "visible" || p.timer) return;
    p.timer = setTimeout(
      () => {
        p.timer = undefined;
        if (!p.dirty || document.visibilityState !== "visible") return;
        p.dirty = false;
        p.last = Date.now();
        router.refresh();
      },
      Math.max(0, p.last + MIN_GAP_MS - Date.now()),
    );
  }, [router]);
  const state = useConsoleStream("/api/console/inbox/stream", { events: { changed: schedule }, onReconnect: schedule });

  useEffect(() => {
    const p = pending.current;
    const onVisibility = () => {
      if (document.visibilityState === "visible" && p.dirty) schedule();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearTimeout(p.timer);
      p.timer = undefined;
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [schedule]);

  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-600"
      role="status"
      data-testid="queue-live"
      data-state={state}
      title="The queue updates as conversations join, change hands or leave it"
    >
      <span
        aria-hidden
        className={
          state === "live" ? "size-2 animate-pulse rounded-full bg-emerald-500" : "size-2 rounded-full bg-slate-400"
        }
      />
      {state === "live" ? "Live" : state === "connecting" ? "Connecting…" : "Reconnecting…"}
    </span>
  );
}
