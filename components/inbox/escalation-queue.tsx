"use client";
// The queue pane's list: one compact row per escalation with its owner and SLA. j/k or the arrow keys move the
// selection (focus moves to the row's link, so Enter opens it in the middle pane and focus stays visible), c claims
// the selected row. A claim shows "You" at once (react-query's optimistic update) and is rolled back with the
// server's CONFLICT message if someone was faster.
import { useMutation } from "@tanstack/react-query";
import { clsx } from "clsx";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { claimEscalationAction } from "@/lib/features/inbox/actions";
import { buttonClass } from "@/components/ui/button";
import { truncate } from "@/components/ui/format";
import { SlaCountdown } from "@/components/ui/sla-countdown";
import { EscalationStatusBadge, PriorityBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import type { QueueRow } from "@/lib/features/inbox/queue-rows";
import { moveSelection } from "@/lib/features/inbox/shortcuts";
import { HandoffBadge } from "./handoff-badge";
import { useShortcuts } from "./use-shortcuts";

export function EscalationQueue({
  rows,
  label,
  keyboard,
  openId,
  query,
}: {
  rows: QueueRow[];
  label: string;
  keyboard: boolean;
  /** The escalation open in the middle pane, if any. */
  openId?: string;
  /** The queue's filters, kept on every ticket link so the queue stays as it is. */
  query: string;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState(() => rows.findIndex((r) => r.id === openId));
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [claimed, setClaimed] = useState<Set<string>>(() => new Set());
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const href = (id: string) => `/inbox/${id}${query ? `?${query}` : ""}`;

  const claim = useMutation({
    mutationFn: async (row: QueueRow) => {
      const result = await claimEscalationAction({ escalationId: row.id });
      if (!result.ok) throw new Error(result.message);
      return row;
    },
    onMutate: (row) => {
      setMessage(null);
      setClaimed((s) => new Set(s).add(row.id));
    },
    onError: (failure, row) => {
      setClaimed((s) => {
        const next = new Set(s);
        next.delete(row.id);
        return next;
      });
      setMessage({ tone: "error", text: failure.message });
    },
    onSuccess: (row) => setMessage({ tone: "ok", text: `You claimed “${row.reason}”.` }),
    onSettled: () => router.refresh(),
  });

  const select = (index: number) => {
    setSelected(index);
    links.current[index]?.focus();
  };
  const claimRow = (row: QueueRow | undefined) => {
    if (row?.canClaim && !claimed.has(row.id) && !claim.isPending) claim.mutate(row);
  };

  // Only the first list on the page takes the keys; the "recently resolved" one is reachable by Tab.
  useShortcuts(
    keyboard
      ? {
          j: (e) => (e.preventDefault(), select(moveSelection(selected, rows.length, 1))),
          ArrowDown: (e) => (e.preventDefault(), select(moveSelection(selected, rows.length, 1))),
          k: (e) => (e.preventDefault(), select(moveSelection(selected, rows.length, -1))),
          ArrowUp: (e) => (e.preventDefault(), select(moveSelection(selected, rows.length, -1))),
          Enter: (e) => {
            // A focused link or button handles Enter itself.
            const target = e.target as HTMLElement | null;
            if (target && target !== document.body && target.closest("a,button")) return;
            if (rows[selected]) router.push(href(rows[selected].id));
          },
          c: (e) => {
            const row = rows[selected];
            if (row) {
              e.preventDefault();
              claimRow(row);
            }
          },
        }
      : {},
  );

  return (
    <>
      {message ? (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={
            message.tone === "error" ? "mb-2 text-sm font-medium text-rose-700" : "mb-2 text-sm text-slate-600"
          }
          data-testid={message.tone === "error" ? "queue-error" : "queue-status"}
        >
          {message.text}
        </p>
      ) : null}
      <ul aria-label={label} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {rows.map((e, index) => {
          const mine = claimed.has(e.id) || e.owner?.isViewer;
          const open = e.id === openId;
          return (
            <li
              key={e.id}
              data-testid="escalation-row"
              data-id={e.id}
              data-status={e.status}
              data-queue={e.queue}
              data-selected={index === selected ? "true" : undefined}
              className={clsx(
                "px-3 py-2.5",
                open ? "bg-indigo-50" : index === selected ? "bg-slate-50" : "hover:bg-slate-50",
                open && "border-l-2 border-indigo-600",
              )}
              onFocusCapture={() => setSelected(index)}
            >
              <div className="flex items-start justify-between gap-2">
                <Link
                  ref={(el) => {
                    links.current[index] = el;
                  }}
                  href={href(e.id)}
                  aria-current={open ? "page" : undefined}
                  className="min-w-0 rounded-sm text-sm font-medium text-slate-900 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                  data-testid="escalation-open"
                >
                  {e.reason}
                </Link>
                <span className="shrink-0 text-xs">
                  <SlaCountdown dueAt={e.slaDueAt} resolvedAt={e.resolvedAt} />
                </span>
              </div>
              <div className="mt-0.5 truncate text-xs text-slate-600">
                {e.customerName ?? <span className="font-mono text-slate-600">{e.conversationId.slice(-8)}</span>} ·{" "}
                {e.flowName}
              </div>
              {e.lastMessage ? (
                <p className="mt-1 line-clamp-2 break-words text-xs text-slate-600">
                  {truncate(e.lastMessage.text, 140)}{" "}
                  <Time value={new Date(e.lastMessage.at)} mode="relative" className="text-slate-600" />
                </p>
              ) : null}
              <div className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                <PriorityBadge priority={e.priority} />
                <EscalationStatusBadge status={claimed.has(e.id) && e.status === "open" ? "claimed" : e.status} />
                <span>{e.queue}</span>
                <span className="ml-auto whitespace-nowrap" data-testid="escalation-owner">
                  {e.handoff ? (
                    <HandoffBadge handoff={e.handoff} />
                  ) : mine ? (
                    <span className="font-medium text-indigo-700">You</span>
                  ) : e.owner ? (
                    e.owner.name
                  ) : (
                    <span className="text-slate-600">unassigned</span>
                  )}
                </span>
                {e.canClaim && !claimed.has(e.id) ? (
                  <button
                    type="button"
                    className={buttonClass("secondary", "sm")}
                    onClick={() => claimRow(e)}
                    disabled={claim.isPending}
                    data-testid="claim"
                  >
                    Claim
                    <span className="sr-only"> {e.reason}</span>
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
