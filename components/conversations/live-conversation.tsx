"use client";
// Keeps the conversation page current while it is live: the console stream says when the engine processed an event
// of this conversation and the page re-renders its server components (debounced, so a burst costs one refresh).
import { useRouter } from "next/navigation";
import { useConsoleStream } from "@/components/ui/use-console-stream";
import { useDebounced } from "@/components/ui/use-debounced";

const DEBOUNCE_MS = 150;

export function LiveConversation({ conversationId }: { conversationId: string }) {
  const router = useRouter();
  const refresh = useDebounced(() => router.refresh(), DEBOUNCE_MS);
  const state = useConsoleStream(`/api/console/conversations/${encodeURIComponent(conversationId)}/stream`, {
    events: { change: refresh },
    onReconnect: refresh,
  });

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
