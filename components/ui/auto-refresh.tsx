"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** Re-renders the page's server components every `intervalMs` while the tab is visible. */
export function AutoRefresh({ intervalMs = 3000, label = "Live" }: { intervalMs?: number; label?: string }) {
  const router = useRouter();
  const [visible, setVisible] = useState(true);

  useEffect(() => {
    const onVisibility = () => {
      const isVisible = document.visibilityState === "visible";
      setVisible(isVisible);
      if (isVisible) router.refresh(); // catch up at once when the tab comes back
    };
    onVisibility();
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [router]);

  useEffect(() => {
    if (!visible) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [visible, intervalMs, router]);

  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-500"
      title={`Refreshes every ${intervalMs / 1000} s while this tab is visible`}
    >
      <span
        aria-hidden
        className={visible ? "size-2 animate-pulse rounded-full bg-emerald-500" : "size-2 rounded-full bg-slate-300"}
      />
      {visible ? `${label} · every ${intervalMs / 1000} s` : "Paused"}
    </span>
  );
}
