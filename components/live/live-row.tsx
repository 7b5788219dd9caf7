"use client";
import Link from "next/link";
import { memo, type ReactNode } from "react";
import { clsx } from "clsx";
import { buttonClass, linkClass } from "@/components/ui/button";
import { truncate } from "@/components/ui/format";
import { ConversationStatusBadge } from "@/components/ui/status-badges";
import { CELL_CLASS } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { LiveRow } from "@/lib/features/live/live-rows";

const ROLE_LABEL: Record<string, string> = {
  customer: "Customer",
  agent: "Agent",
  operator: "Operator",
  system: "System",
};

/**
 * The list's columns: a grid of fixed tracks with table roles rather than a <table>. A table's column widths depend
 * on every cell, so one changed row lays out all of them again; at a few dozen updates a second that was most of the
 * browser's work (bench/live-latency.ts: layout 4.3 → 1.4 ms a frame).
 */
export function liveColumns(canAct: boolean): string {
  // Whole class names, so Tailwind finds both.
  return canAct
    ? "grid grid-cols-[10rem_10rem_5.5rem_9rem_7.5rem_minmax(16rem,1fr)_5.5rem_7.5rem]"
    : "grid grid-cols-[10rem_10rem_5.5rem_9rem_7.5rem_minmax(16rem,1fr)_5.5rem]";
}

function Cell({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <div role="cell" className={clsx("min-w-0", CELL_CLASS, className)}>
      {children}
    </div>
  );
}

/** Memoized: a live update re-renders only the rows whose data changed (callbacks are stable, by id). */
export const LiveTableRow = memo(function LiveTableRow({
  row,
  selected,
  canAct,
  onSelect,
  onTakeOver,
}: {
  row: LiveRow;
  selected: boolean;
  canAct: boolean;
  onSelect: (id: string) => void;
  onTakeOver: (id: string) => void;
}) {
  return (
    <div
      role="row"
      data-testid="conversation-row"
      data-id={row.id}
      data-status={row.status}
      data-message-count={row.messageCount}
      aria-current={selected ? "true" : undefined}
      onMouseDown={() => onSelect(row.id)}
      className={clsx(
        liveColumns(canAct),
        "relative hover:bg-slate-50",
        selected && "bg-indigo-50/60 outline-2 -outline-offset-2 outline-indigo-400",
      )}
    >
      <Cell className="whitespace-nowrap">
        <Link
          href={`/conversations/${row.id}`}
          className={`${linkClass} after:absolute after:inset-0`}
          onFocus={() => onSelect(row.id)}
        >
          <Time value={row.startedAt} />
        </Link>
        <div className="text-xs text-slate-500">
          active <Time value={row.updatedAt} mode="relative" />
        </div>
      </Cell>
      <Cell>
        <div className="text-slate-800">{row.flow.name}</div>
        <div className="text-xs text-slate-500">v{row.versionNumber}</div>
      </Cell>
      <Cell>{row.channel}</Cell>
      <Cell className="max-w-40 text-xs text-slate-600">
        {row.agents.length ? row.agents.join(", ") : <span className="text-slate-500">none yet</span>}
      </Cell>
      <Cell>
        <ConversationStatusBadge status={row.status} />
      </Cell>
      <Cell className="max-w-sm">
        {row.lastCustomerMessage ? (
          <div className="text-slate-700">
            <span className="font-medium">Customer:</span> {truncate(row.lastCustomerMessage.text, 100)}
          </div>
        ) : null}
        {row.lastMessage && row.lastMessage.role !== "customer" ? (
          <div className={row.lastCustomerMessage ? "mt-0.5 text-xs text-slate-500" : "text-slate-600"}>
            <span className="font-medium">{ROLE_LABEL[row.lastMessage.role] ?? row.lastMessage.role}:</span>{" "}
            {truncate(row.lastMessage.text, row.lastCustomerMessage ? 80 : 100)}
          </div>
        ) : null}
        {!row.lastMessage ? <span className="text-slate-500">no messages</span> : null}
      </Cell>
      <Cell className="text-right tabular-nums">{row.messageCount}</Cell>
      {canAct ? (
        <Cell className="text-right">
          {row.status === "active" ? (
            <button
              type="button"
              // Above the row-wide link, so the click takes over instead of opening.
              className={buttonClass("secondary", "sm", "relative z-10")}
              onClick={() => onTakeOver(row.id)}
              aria-keyshortcuts="t"
              aria-haspopup="dialog"
            >
              Take over
            </button>
          ) : null}
        </Cell>
      ) : null}
    </div>
  );
});
