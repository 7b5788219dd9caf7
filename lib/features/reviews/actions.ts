"use server";
// The production review queue: sampling conversations into it, answering and skipping items (feeds the KPIs).
import { defineAction } from "@/lib/features/define-action";
import {
  answerReviewItem,
  answerSchema,
  sampleConversations,
  sampleSchema,
  skipReviewItem,
  skipSchema,
} from "@/lib/features/reviews/review-queue";

export const sampleReviewItemsAction = defineAction({
  permission: "routing.review",
  schema: sampleSchema,
  handler: async (input, { member, tx }) => {
    const { ids, conversationIds } = await sampleConversations(
      { workspaceId: member.workspaceId, count: input.count, flowId: input.flowId },
      tx,
    );
    return {
      data: { sampled: ids.length },
      audit: {
        action: "review_item.sampled",
        resourceType: "review_item",
        resourceId: null,
        metadata: { requested: input.count, sampled: ids.length, flowId: input.flowId ?? null, conversationIds },
      },
    };
  },
  revalidate: ["/reviews"],
});

export const answerReviewItemAction = defineAction({
  permission: "routing.review",
  schema: answerSchema,
  handler: async (input, { member, tx }) => {
    const { item, before, after } = await answerReviewItem(tx, member, input);
    return {
      data: { id: item.id },
      audit: {
        action: "review_item.answered",
        resourceType: "review_item",
        resourceId: item.id,
        before,
        after,
        metadata: { conversationId: item.conversationId },
      },
    };
  },
  revalidate: ["/reviews", "/dashboard"],
});

export const skipReviewItemAction = defineAction({
  permission: "routing.review",
  schema: skipSchema,
  handler: async (input, { member, tx }) => {
    const { item, before, after } = await skipReviewItem(tx, member, input);
    return {
      data: { id: item.id },
      audit: {
        action: "review_item.skipped",
        resourceType: "review_item",
        resourceId: item.id,
        before,
        after,
        metadata: { conversationId: item.conversationId },
      },
    };
  },
  revalidate: ["/reviews"],
});
