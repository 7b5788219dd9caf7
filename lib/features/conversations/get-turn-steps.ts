// One turn's steps, for a transcript turn the conversation page did not draw up front (turns-up-front.ts): shaped
// exactly as the page shapes them (prepare-step-view.ts).
import "server-only";
import { db } from "@/lib/platform/db/client";
import { loadGraphView } from "@/lib/features/flows/version-graph";
import { prepareStepView, STEP_VIEW_COLUMNS, type StepView } from "./prepare-step-view";

/** Null when the conversation is not in this workspace; an empty list for a turn without steps. */
export async function getTurnSteps(
  workspaceId: string,
  conversationId: string,
  turn: number,
): Promise<StepView[] | null> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId },
    select: {
      flowVersionId: true,
      steps: {
        where: { turn },
        orderBy: { seq: "asc" },
        select: STEP_VIEW_COLUMNS,
      },
    },
  });
  if (!conversation) return null;
  const [graph, routingReviews] = await Promise.all([
    loadGraphView(conversation.flowVersionId),
    db().routingReview.findMany({
      where: { conversationId, stepId: { in: conversation.steps.map((step) => step.id) } },
      include: { reviewer: { select: { name: true, email: true } } },
    }),
  ]);
  const nodes = new Map((graph?.nodes ?? []).map((node) => [node.id, node]));
  const reviews = new Map(routingReviews.map((review) => [review.stepId, review]));
  return conversation.steps.map((step) => prepareStepView(step, nodes.get(step.nodeId), reviews.get(step.id)));
}
