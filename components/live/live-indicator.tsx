import type { LiveConnection } from "./use-live-page";

const LOOK: Record<LiveConnection, { dot: string; text: string; title: string }> = {
  connecting: { dot: "bg-slate-300", text: "Connecting…", title: "Opening the live connection" },
  live: { dot: "animate-pulse bg-emerald-500", text: "Live", title: "Changes appear as the engine commits them" },
  reconnecting: {
    dot: "bg-amber-400",
    text: "Reconnecting…",
    title: "The live connection dropped; the list reloads once it is back",
  },
  offline: {
    dot: "bg-rose-500",
    text: "Offline",
    title: "The live connection was refused: reload the page (you may need to sign in again)",
  },
};

export function LiveIndicator({ connection }: { connection: LiveConnection }) {
  const look = LOOK[connection];
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-state={connection}
      className="inline-flex items-center gap-1.5 text-xs text-slate-600"
      title={look.title}
    >
      <span aria-hidden className={`size-2 rounded-full ${look.dot}`} />
      {look.text}
    </span>
  );
}
