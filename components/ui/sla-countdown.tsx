"use client";
import { Badge } from "./badge";
import { formatDuration, formatUtc } from "./format";
import { useNow } from "./use-now";

/** Time left before an escalation's SLA is due, or a "breached" badge once it has passed. */
export function SlaCountdown({ dueAt, resolvedAt }: { dueAt: string; resolvedAt?: string | null }) {
  const due = new Date(dueAt).getTime();
  const now = useNow(1_000);
  if (resolvedAt) {
    const met = new Date(resolvedAt).getTime() <= due;
    return (
      <Badge tone={met ? "green" : "red"} data-sla={met ? "met" : "missed"}>
        {met ? "SLA met" : "SLA missed"}
      </Badge>
    );
  }
  if (now === null) return <span className="text-slate-600">due {formatUtc(new Date(dueAt))}</span>;
  const left = due - now;
  if (left <= 0) {
    return (
      <Badge tone="red" data-sla="breached" title={`Due ${new Date(dueAt).toLocaleString()}`}>
        breached {formatDuration(-left)} ago
      </Badge>
    );
  }
  const urgent = left < 5 * 60_000;
  return (
    <span
      data-sla="pending"
      className={urgent ? "font-medium text-amber-700 tabular-nums" : "text-slate-700 tabular-nums"}
      title={`Due ${new Date(dueAt).toLocaleString()}`}
    >
      {left < 120_000 ? `${Math.ceil(left / 1000)}s left` : `${formatDuration(left)} left`}
    </span>
  );
}
