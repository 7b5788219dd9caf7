"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/**
 * The console's one client-side data cache. Server components render the first page; client reads and writes after
 * that (search, paging, auto-refresh, optimistic claims) go through react-query, and server-sent events invalidate
 * its queries instead of timers re-fetching blindly.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  // One client per browser tab: created lazily so a server render never shares a cache between members.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // The server render already holds fresh data; refetch on focus keeps a tab left open honest.
          queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: 1 },
          mutations: { retry: 0 },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
