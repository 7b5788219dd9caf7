"use client";
// The escalation queue: one row per escalation with its owner and SLA. j/k or the arrow keys move the selection
// (focus moves to the row's link, so Enter opens it natively and focus stays visible), c claims the selected row.
// The server decides claims; a lost race shows its CONFLICT message here.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { claimEscalationAction } from "@/lib/features/inbox/actions";
import { Badge } from "@/components/ui/badge";
import { buttonClass, linkClass } from "@/components/ui/button";
import { truncate } from "@/components/ui/format";
import { SlaCountdown } from "@/components/ui/sla-countdown";
import { EscalationStatusBadge, PriorityBadge } from "@/components/ui/status-badges";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { QueueRow } from "@/lib/features/inbox/queue-rows";
import { moveSelection } from "@/lib/features/inbox/shortcuts";
import { HandoffBadge } from "./handoff-badge";
import { useShortcuts } from "./use-shortcuts";

export function EscalationQueue({ rows, caption, keyboard }: { rows: QueueRow[]; caption: string; keyboard: boolean }) {
  const router = useRouter();
  const [selected, setSelected] = useState(-1);
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const links = useRef<(HTMLAnchorElement | null)[]>([]);

  const select = (index: number) => {
    setSelected(index);
    links.current[index]?.focus();
  };

  const claim = (row: QueueRow) => {
    if (!row.canClaim) return;
    setMessage(null);
    setPendingId(row.id);
    startTransition(async () => {
      const result = await claimEscalationAction({ escalationId: row.id });
      setPendingId(null);
      if (!result.ok) {
        setMessage({ tone: "error", text: result.message });
        router.refresh();
        return;
      }
      setMessage({ tone: "ok", text: `You claimed “${row.reason}”.` });
      router.refresh();
    });
  };

  // Only the first table on the page takes the keys; the "recently resolved" one is reachable by Tab.
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
            if (rows[selected]) router.push(`/inbox/${rows[selected].id}`);
          },
          c: (e) => {
            const row = rows[selected];
            if (row) {
              e.preventDefault();
              claim(row);
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
      <Table caption={caption}>
        <THead>
          <Th>Priority</Th>
          <Th>Reason</Th>
          <Th>Owner</Th>
          <Th>Conversation</Th>
          <Th>Last customer message</Th>
          <Th>Created</Th>
          <Th>SLA</Th>
          <Th srOnly>Actions</Th>
        </THead>
        <TBody>
          {rows.map((e, index) => (
            <tr
              key={e.id}
              data-testid="escalation-row"
              data-id={e.id}
              data-status={e.status}
              data-queue={e.queue}
              data-selected={index === selected ? "true" : undefined}
              className={index === selected ? "bg-indigo-50/70" : "hover:bg-slate-50"}
              onFocusCapture={() => setSelected(index)}
            >
              <Td>
                <PriorityBadge priority={e.priority} />
              </Td>
              <Td>
                <Link
                  ref={(el) => {
                    links.current[index] = el;
                  }}
                  href={`/inbox/${e.id}`}
                  className={`${linkClass} rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600`}
                  data-testid="escalation-open"
                >
                  {e.reason}
                </Link>
                <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                  <EscalationStatusBadge status={e.status} />
                  <span>{e.queue}</span>
                  {e.skills.map((s) => (
                    <Badge key={s} tone="neutral">
                      {s}
                    </Badge>
                  ))}
                </div>
              </Td>
              <Td className="whitespace-nowrap text-slate-700" data-testid="escalation-owner">
                {e.handoff ? (
                  <HandoffBadge handoff={e.handoff} />
                ) : e.owner ? (
                  e.owner.isViewer ? (
                    <span className="font-medium text-indigo-700">You</span>
                  ) : (
                    e.owner.name
                  )
                ) : (
                  <span className="text-slate-500">unassigned</span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                <Link href={`/conversations/${e.conversationId}`} className={linkClass}>
                  {e.flowName}
                  <span className="sr-only"> conversation {e.conversationId}</span>
                </Link>
                <div className="text-xs text-slate-500">
                  {e.customerName ?? <span className="font-mono text-slate-500">{e.conversationId.slice(-8)}</span>}
                </div>
              </Td>
              <Td className="max-w-xs text-slate-600">
                {e.lastMessage ? (
                  <>
                    {truncate(e.lastMessage.text, 100)}
                    <div className="text-xs text-slate-500">
                      <Time value={new Date(e.lastMessage.at)} mode="relative" />
                    </div>
                  </>
                ) : (
                  <span className="text-slate-500">none</span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                <Time value={new Date(e.createdAt)} />
              </Td>
              <Td className="whitespace-nowrap">
                <SlaCountdown dueAt={e.slaDueAt} resolvedAt={e.resolvedAt} />
              </Td>
              <Td className="whitespace-nowrap text-right">
                {e.canClaim ? (
                  <button
                    type="button"
                    className={buttonClass("secondary", "sm")}
                    onClick={() => claim(e)}
                    disabled={pendingId === e.id}
                    data-testid="claim"
                  >
                    {pendingId === e.id ? "Claiming…" : "Claim"}
                    <span className="sr-only"> {e.reason}</span>
                  </button>
                ) : null}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
