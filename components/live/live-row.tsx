"use client";
import Link from "next/link";
import { memo } from "react";
import { clsx } from "clsx";
import { buttonClass, linkClass } from "@/components/ui/button";
import { truncate } from "@/components/ui/format";
import { ConversationStatusBadge } from "@/components/ui/status-badges";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { LiveRow } from "@/lib/features/live/live-rows";

const ROLE_LABEL: Record<string, string> = {
  customer: "Customer",
  agent: "Agent",
  operator: "Operator",
  system: "System",
};

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
    <tr
      data-testid="conversation-row"
      data-id={row.id}
      data-status={row.status}
      data-message-count={row.messageCount}
      aria-current={selected ? "true" : undefined}
      onMouseDown={() => onSelect(row.id)}
      className={clsx(
        "relative hover:bg-slate-50",
        selected && "bg-indigo-50/60 outline-2 -outline-offset-2 outline-indigo-400",
      )}
    >
      <Td className="whitespace-nowrap">
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
      </Td>
      <Td>
        <div className="text-slate-800">{row.flow.name}</div>
        <div className="text-xs text-slate-500">v{row.versionNumber}</div>
      </Td>
      <Td>{row.channel}</Td>
      <Td className="max-w-40 text-xs text-slate-600">
        {row.agents.length ? row.agents.join(", ") : <span className="text-slate-500">none yet</span>}
      </Td>
      <Td>
        <ConversationStatusBadge status={row.status} />
      </Td>
      <Td className="max-w-sm">
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
      </Td>
      <Td className="text-right tabular-nums">{row.messageCount}</Td>
      {canAct ? (
        <Td className="text-right">
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
        </Td>
      ) : null}
    </tr>
  );
});
