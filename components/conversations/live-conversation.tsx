"use client";
// Keeps the conversation page current while it is live: the console stream says when the engine processed an event
// of this conversation and the page re-renders its server components (debounced, so a burst costs one refresh).
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const DEBOUNCE_MS = 150;

export function LiveConversation({ conversationId }: { conversationId: string }) {
  const router = useRouter();
  const [state, setState] = useState<"connecting" | "live" | "reconnecting">("connecting");

  useEffect(() => {
    const source = new EventSource(`/api/console/conversations/${encodeURIComponent(conversationId)}/stream`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), DEBOUNCE_MS);
    };
    source.addEventListener("ready", () => {
      setState("live");
      // After a reconnect, catch up on whatever happened while the stream was down.
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("change", refresh);
    source.onerror = () => setState("reconnecting");
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [conversationId, router]);

  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-500"
      role="status"
      data-testid="live-conversation"
      data-state={state}
    >
      <span
        aria-hidden
        className={
          state === "live" ? "size-2 animate-pulse rounded-full bg-emerald-500" : "size-2 rounded-full bg-amber-400"
        }
      />
      {state === "live" ? "Live" : state === "connecting" ? "Connecting…" : "Reconnecting…"}
    </span>
  );
}
