"use client";
// The middle pane's scrolling part: what came before (why it was escalated), the messages and internal notes in
// order, and what comes after (the trace, collapsed). Opens scrolled to the newest item and follows new ones while
// the person is at the bottom; a person reading further up keeps their place.
import { clsx } from "clsx";
import { Bot, Headset, Info, Lock, UserRound, type LucideIcon } from "lucide-react";
import { useLayoutEffect, useRef, type ReactNode } from "react";
import { OfflineReplyLabel } from "@/components/ui/offline-reply-label";
import { Time } from "@/components/ui/time";
import type { Timeline, TimelineItem, TimelineMessage } from "@/lib/features/inbox/timeline";
import { useTicketTimeline } from "./use-ticket-timeline";

const ROLE: Record<TimelineMessage["role"], { label: string; icon: LucideIcon; bubble: string }> = {
  customer: { label: "Customer", icon: UserRound, bubble: "bg-white border-slate-200" },
  agent: { label: "Agent", icon: Bot, bubble: "bg-indigo-50/60 border-indigo-100" },
  operator: { label: "Operator", icon: Headset, bubble: "bg-emerald-50/70 border-emerald-100" },
  system: { label: "System", icon: Info, bubble: "bg-slate-100 border-slate-200" },
};

const NEAR_BOTTOM_PX = 80;

function Item({ item }: { item: TimelineItem }) {
  if (item.kind === "note") {
    return (
      <li
        className="rounded-lg border border-dashed border-amber-300 bg-amber-50 px-3 py-2"
        data-testid="timeline-note"
        data-pending={item.pending ? "true" : undefined}
      >
        <div className="flex flex-wrap items-center gap-x-2 text-xs text-amber-900">
          <Lock aria-hidden className="size-3.5" />
          <span className="font-semibold">Internal note — not sent to the customer</span>
          <span>{item.author}</span>
          {item.pending ? <span>saving…</span> : <Time value={item.at} mode="time" className="text-amber-700" />}
        </div>
        <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-800">{item.body}</p>
      </li>
    );
  }
  const role = ROLE[item.role];
  const Icon = role.icon;
  return (
    <li
      className="flex gap-3"
      data-testid="transcript-message"
      data-role={item.role}
      data-pending={item.pending ? "true" : undefined}
    >
      <span
        aria-hidden
        className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-slate-100 text-slate-600"
      >
        <Icon className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
          <span className="font-semibold text-slate-800">{role.label}</span>
          {item.author ? <span className="text-slate-500">{item.author}</span> : null}
          {item.pending ? (
            <span className="text-slate-500">sending…</span>
          ) : (
            <Time value={item.at} mode="time" className="text-slate-500" />
          )}
          {item.offline ? <OfflineReplyLabel /> : null}
        </div>
        <div
          className={clsx(
            "mt-1 whitespace-pre-wrap break-words rounded-lg border px-3 py-2 text-sm text-slate-800",
            role.bubble,
            item.pending && "opacity-70",
          )}
        >
          {item.text}
        </div>
      </div>
    </li>
  );
}

export function TicketTimeline({
  conversationId,
  initial,
  before,
  after,
}: {
  conversationId: string;
  initial: Timeline;
  before?: ReactNode;
  after?: ReactNode;
}) {
  const { timeline, stream } = useTicketTimeline(conversationId, initial);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const count = timeline.items.length;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count]);

  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      }}
      className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-4"
      tabIndex={0}
      aria-label="Conversation timeline"
    >
      {before}
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">
          Transcript <span className="font-normal text-slate-500">· {count} items</span>
        </h2>
        <span
          className="inline-flex items-center gap-1.5 text-xs text-slate-500"
          data-testid="ticket-stream"
          data-state={stream}
        >
          <span
            aria-hidden
            className={stream === "live" ? "size-2 rounded-full bg-emerald-500" : "size-2 rounded-full bg-amber-400"}
          />
          {stream === "live" ? "Live" : stream === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
      </div>
      <ol className="space-y-4" data-testid="escalation-transcript" aria-live="polite">
        {timeline.items.map((item) => (
          <Item key={item.id} item={item} />
        ))}
      </ol>
      {after}
    </div>
  );
}
