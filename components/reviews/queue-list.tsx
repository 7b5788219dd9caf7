// The queue beside the item under review: pending items first, then the latest answered or skipped ones.
import Link from "next/link";
import { clsx } from "clsx";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { ReviewQueueItem } from "@/lib/features/reviews/review-queue";

const yesNo = (v: boolean | null) => (v === null ? "–" : v ? "yes" : "no");

export function QueueList({ items, currentId }: { items: ReviewQueueItem[]; currentId: string | null }) {
  return (
    <ol className="divide-y divide-slate-100" data-testid="review-queue">
      {items.map((item) => (
        <li key={item.id}>
          <Link
            href={`/reviews?item=${item.id}`}
            aria-current={item.id === currentId ? "true" : undefined}
            className={clsx(
              "flex items-center justify-between gap-2 px-4 py-2 text-sm hover:bg-slate-50",
              item.id === currentId && "bg-indigo-50/60",
            )}
            data-testid="review-queue-item"
            data-status={item.status}
          >
            <span className="min-w-0">
              <span className="block truncate font-medium text-slate-800">{item.flowName}</span>
              <span className="block text-xs text-slate-600">
                {item.channel} · {item.conversationStatus} · sampled <Time value={item.sampledAt} mode="relative" />
              </span>
            </span>
            {item.status === "pending" ? (
              <Badge tone="amber">pending</Badge>
            ) : item.status === "skipped" ? (
              <Badge>skipped</Badge>
            ) : (
              <span
                className="shrink-0 text-right text-xs text-slate-600"
                title="Right route / resolved / guardrails correct"
              >
                {yesNo(item.routeCorrect)} / {yesNo(item.resolved)} / {yesNo(item.guardrailCorrect)}
              </span>
            )}
          </Link>
        </li>
      ))}
    </ol>
  );
}
