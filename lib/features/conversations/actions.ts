"use server";
// Reviewing a routing decision from the conversation page (feeds the routing-accuracy KPI).
import { defineAction } from "@/lib/features/define-action";
import { reviewRoutingDecision, routingReviewSchema } from "@/lib/features/reviews/review-routing-decision";

export const reviewRoutingAction = defineAction({
  permission: "routing.review",
  schema: routingReviewSchema,
  handler: async (input, { member, tx }) => {
    const result = await reviewRoutingDecision(tx, member, input);
    return {
      data: result.review,
      audit: {
        action: "routing.reviewed",
        resourceType: "routing_review",
        resourceId: result.review.stepId,
        before: result.before,
        after: result.after,
        metadata: { conversationId: result.conversationId },
      },
    };
  },
});
