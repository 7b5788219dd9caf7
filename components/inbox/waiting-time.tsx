"use client";
// "waiting 15 min" for a held request, ticking each minute; the exact UTC time on hover.
import { formatDuration, formatUtc } from "@/components/ui/format";
import { useNow } from "@/components/ui/use-now";
import { waitingFor } from "./approval-format";

export function WaitingTime({ since }: { since: string }) {
  const now = useNow(30_000);
  const date = new Date(since);
  return (
    <time dateTime={since} title={formatUtc(date)} className="whitespace-nowrap" data-testid="waiting-time">
      {now === null ? `since ${formatUtc(date)}` : waitingFor(date, now, formatDuration)}
    </time>
  );
}
