import type { Metadata } from "next";
import Link from "next/link";
import { ClipboardCheck } from "lucide-react";
import { QueueList } from "@/components/reviews/queue-list";
import { ReviewForm } from "@/components/reviews/review-form";
import { SampleForm } from "@/components/reviews/sample-form";
import { Turn } from "@/components/conversations/transcript";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ConversationStatusBadge } from "@/components/ui/status-badges";
import { requirePageMember } from "@/app/_server/page-member";
import { getConversationTrace } from "@/lib/features/conversations/get-conversation-trace";
import { loadReviewQueue, SAMPLE_WINDOW_DAYS } from "@/lib/features/reviews/review-queue";

export const metadata: Metadata = { title: "Reviews" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewsPage({ searchParams }: Props) {
  const requested = (await searchParams).item;
  const itemParam = typeof requested === "string" ? requested : undefined;
  const member = await requirePageMember(
    "routing.review",
    `/reviews${itemParam ? `?item=${encodeURIComponent(itemParam)}` : ""}`,
  );
  const queue = await loadReviewQueue(member.workspaceId);
  // The item asked for, else the oldest pending one: the queue is worked one item at a time.
  const current =
    queue.items.find((i) => i.id === itemParam) ?? queue.items.find((i) => i.status === "pending") ?? null;
  const trace = current ? await getConversationTrace(member.workspaceId, current.conversationId) : null;
  const nextPending = queue.items.find((i) => i.status === "pending" && i.id !== current?.id);
  const { pending, done, skipped } = queue.counts;

  return (
    <>
      <PageHeader
        title="Review queue"
        description={`A random sample of production conversations that ended or went to a person in the last ${SAMPLE_WINDOW_DAYS} days. Your answers feed the routing-accuracy and reviewed-resolution KPIs on the dashboard.`}
        actions={<SampleForm flows={queue.flows} />}
      />
      <p className="mb-4 flex flex-wrap gap-2 text-sm" data-testid="review-counts">
        <Badge tone="amber">{pending} pending</Badge>
        <Badge tone="green">{done} answered</Badge>
        <Badge>{skipped} skipped</Badge>
      </p>
      {!current ? (
        <EmptyState icon={ClipboardCheck} title={done + skipped ? "Nothing left to review" : "The queue is empty"}>
          Sample conversations with the button above: only real customer conversations (never test chats or evaluation
          runs) that are not in the queue yet.
        </EmptyState>
      ) : (
        <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <Card aria-labelledby="review-transcript">
            <CardHeader
              id="review-transcript"
              title={
                <span className="flex flex-wrap items-center gap-2">
                  {current.flowName}
                  {trace ? <ConversationStatusBadge status={trace.status} /> : null}
                  <Badge>{current.channel}</Badge>
                  {trace ? <span className="text-xs font-normal text-slate-500">{trace.version.label}</span> : null}
                </span>
              }
              actions={
                <Link href={`/conversations/${current.conversationId}`} className={linkClass}>
                  Open full trace
                </Link>
              }
            />
            <div className="space-y-6 p-4" data-testid="review-transcript">
              {trace ? (
                trace.turns.map((turn) => <Turn key={turn.turn} turn={turn} />)
              ) : (
                <p className="text-sm text-slate-500">
                  This conversation no longer exists (erased or deleted). Skip it.
                </p>
              )}
            </div>
          </Card>
          <div className="space-y-4 lg:sticky lg:top-4 lg:self-start">
            <Card aria-labelledby="review-questions">
              <CardHeader
                id="review-questions"
                title={
                  current.status === "pending"
                    ? "Your review"
                    : `Already ${current.status === "done" ? "answered" : "skipped"}`
                }
                description={current.status === "pending" ? undefined : "Answering again replaces the earlier answers."}
              />
              <div className="p-4">
                <ReviewForm
                  key={current.id}
                  itemId={current.id}
                  initial={current.status === "done" ? current : undefined}
                  nextHref={nextPending ? `/reviews?item=${nextPending.id}` : "/reviews"}
                />
              </div>
            </Card>
            <Card aria-labelledby="review-queue-title">
              <CardHeader id="review-queue-title" title="Queue" />
              <QueueList items={queue.items} currentId={current.id} />
            </Card>
          </div>
        </div>
      )}
    </>
  );
}
