// A routing decision's review: the current verdict and who gave it, and for reviewers the Right / Wrong… controls.
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { RoutingReviewView } from "@/lib/features/conversations/prepare-step-view";
import type { RouterDecisionView } from "@/lib/features/conversations/router-decision-view";
import { ReviewControls } from "./review-controls";

export function RoutingReview({
  stepId,
  decision,
  review,
  canReview,
}: {
  stepId: string;
  decision: RouterDecisionView;
  review: RoutingReviewView | null;
  canReview: boolean;
}) {
  if (!review && !canReview) return null;
  return (
    <div className="mt-2 space-y-2 text-xs" data-testid="routing-review" data-verdict={review?.verdict ?? "none"}>
      {review ? (
        <p className="flex flex-wrap items-center gap-1.5 text-slate-600" data-testid="routing-verdict">
          {review.verdict === "correct" ? (
            <Badge tone="green">marked right</Badge>
          ) : (
            <Badge tone="red">marked wrong</Badge>
          )}
          {review.verdict === "incorrect" && review.expectedLabel ? (
            <span>
              should have been <span className="font-medium text-slate-900">{review.expectedLabel}</span>
            </span>
          ) : null}
          <span>
            by {review.reviewer} · <Time value={review.reviewedAt} />
          </span>
          {review.note ? <span className="italic text-slate-500">“{review.note}”</span> : null}
        </p>
      ) : null}
      {canReview ? (
        <ReviewControls
          stepId={stepId}
          alternatives={decision.routes.filter((r) => r.id !== decision.chosen)}
          reviewed={!!review}
          expected={review?.expected ?? undefined}
          note={review?.note ?? undefined}
        />
      ) : null}
    </div>
  );
}
