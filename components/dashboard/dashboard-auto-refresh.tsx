"use client";
// Re-renders the dashboard every minute (the roll-ups' own pace) through react-query's refetchInterval, which pauses
// while the tab is hidden and catches up when it is shown again. The switch is remembered in this browser.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { Time } from "@/components/ui/time";

const INTERVAL_MS = 60_000;
const STORAGE_KEY = "switchboard.dashboard.autoRefresh";

export function DashboardAutoRefresh({ renderedAt }: { renderedAt: string }) {
  const router = useRouter();
  const id = useId();
  const [on, setOn] = useState(true);
  const [refreshing, startTransition] = useTransition();

  useEffect(() => {
    // Read after hydration: the server cannot know this browser's choice.
    if (window.localStorage.getItem(STORAGE_KEY) === "off") setOn(false);
  }, []);

  useQuery({
    queryKey: ["dashboard", "auto-refresh"],
    queryFn: () => {
      startTransition(() => router.refresh());
      return Date.now();
    },
    enabled: on,
    refetchInterval: on ? INTERVAL_MS : false,
    refetchIntervalInBackground: false,
    staleTime: INTERVAL_MS,
    initialData: () => Date.parse(renderedAt),
    initialDataUpdatedAt: () => Date.parse(renderedAt),
  });

  const toggle = (next: boolean) => {
    setOn(next);
    window.localStorage.setItem(STORAGE_KEY, next ? "on" : "off");
  };

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600" data-testid="dashboard-refresh">
      <label htmlFor={id} className="inline-flex cursor-pointer items-center gap-1.5 font-medium text-slate-700">
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => toggle(e.target.checked)}
          className="size-4 rounded border-slate-400 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
        Auto-refresh every minute
      </label>
      <span>
        {refreshing ? (
          "Refreshing…"
        ) : (
          <>
            Updated <Time value={renderedAt} mode="relative" />
          </>
        )}
      </span>
    </div>
  );
}
