"use client";
// Keeps the Inbox's server-rendered queue current: the inbox stream says when the queue may have changed and the page
// re-renders. At most one refresh per MIN_GAP_MS, and none while the tab is hidden (it catches up when shown again).
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

const MIN_GAP_MS = 2000;

type State = "connecting" | "live" | "reconnecting";

export function QueueLive() {
  const router = useRouter();
  const [state, setState] = useState<State>("connecting");
  const last = useRef(0);

  useEffect(() => {
    const source = new EventSource("/api/console/inbox/stream");
    let timer: ReturnType<typeof setTimeout> | undefined;
    let dirty = false;
    let opened = false;
    const refresh = () => {
      dirty = false;
      last.current = Date.now();
      router.refresh();
    };
    const schedule = () => {
      dirty = true;
      if (document.visibilityState !== "visible" || timer) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          if (dirty && document.visibilityState === "visible") refresh();
        },
        Math.max(0, last.current + MIN_GAP_MS - Date.now()),
      );
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible" && dirty) schedule();
    };
    source.addEventListener("ready", () => {
      setState("live");
      // After a reconnect, catch up on whatever happened while the stream was down.
      if (opened) schedule();
      opened = true;
    });
    source.addEventListener("changed", schedule);
    source.onerror = () => setState("reconnecting");
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearTimeout(timer);
      source.close();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [router]);

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
