"use client";
// The ticket's timeline in react-query: first painted from the server render, refetched when the conversation's
// console stream says the engine processed something (no polling), and updated at once by the person's own replies
// and notes (optimistic items, kept until the server has them).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useConsoleStream } from "@/components/ui/use-console-stream";
import { useDebounced } from "@/components/ui/use-debounced";
import { keepPending, withPending, type Timeline, type TimelineItem } from "@/lib/features/inbox/timeline";

export const ticketKey = (conversationId: string) => ["inbox-ticket", conversationId] as const;

const DEBOUNCE_MS = 150;

async function fetchTimeline(conversationId: string): Promise<Timeline> {
  const response = await fetch(`/api/console/inbox/${encodeURIComponent(conversationId)}/timeline`, {
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`The timeline could not be loaded (${response.status}).`);
  return (await response.json()) as Timeline;
}

export function useTicketTimeline(conversationId: string, initial: Timeline) {
  const client = useQueryClient();
  const router = useRouter();
  const status = useRef(initial.conversationStatus);
  const key = ticketKey(conversationId);
  const query = useQuery({
    queryKey: key,
    queryFn: async () => keepPending(await fetchTimeline(conversationId), client.getQueryData<Timeline>(key)),
    initialData: initial,
  });

  const refetch = useDebounced(
    () => void client.invalidateQueries({ queryKey: ticketKey(conversationId) }),
    DEBOUNCE_MS,
  );
  const stream = useConsoleStream(`/api/console/conversations/${encodeURIComponent(conversationId)}/stream`, {
    events: {
      change: (data) => {
        refetch();
        // The rest of the page (status, owner, what can be done) is server-rendered: it re-renders only when the
        // conversation's status moved, not on every message.
        const next = (JSON.parse(data) as { status?: string }).status;
        if (next && next !== status.current) {
          status.current = next;
          router.refresh();
        }
      },
    },
    onReconnect: refetch,
  });

  return { timeline: query.data, stream };
}

/** For the composers: show an item at once, roll it back on failure, refetch once the server has answered. */
export function useOptimisticTimeline(conversationId: string) {
  const client = useQueryClient();
  const key = ticketKey(conversationId);
  return {
    add: async (item: TimelineItem) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Timeline>(key);
      if (previous) client.setQueryData(key, withPending(previous, item));
      return previous;
    },
    restore: (previous: Timeline | undefined) => {
      if (previous) client.setQueryData(key, previous);
    },
    refetch: () => client.invalidateQueries({ queryKey: key }),
  };
}
