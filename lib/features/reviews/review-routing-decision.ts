// A reviewer's verdict on one routing decision: right, or wrong with the route it should have taken. One verdict per
// decision (keyed by the router step); marking it again replaces the earlier one, and the caller audits before/after.
import "server-only";
import { z } from "zod";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Tx } from "@/lib/platform/db/client";
import { loadGraphView } from "@/lib/features/flows/version-graph";
import { AppError } from "@/lib/model/errors";

export const routingReviewSchema = z
  .object({
    stepId: z.string().trim().min(1).max(200),
    verdict: z.enum(["correct", "incorrect"]),
    expected: z.string().trim().max(100).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.verdict === "incorrect" && !input.expected) {
      ctx.addIssue({ code: "custom", path: ["expected"], message: "Choose the route it should have taken." });
    }
  });

export type RoutingReviewInput = z.output<typeof routingReviewSchema>;

export type RoutingReviewSnapshot = {
  verdict: "correct" | "incorrect";
  predicted: string;
  expected: string | null;
  note: string | null;
  reviewerId: string;
};

const snapshot = (row: RoutingReviewSnapshot): RoutingReviewSnapshot => ({
  verdict: row.verdict,
  predicted: row.predicted,
  expected: row.expected,
  note: row.note,
  reviewerId: row.reviewerId,
});

export async function reviewRoutingDecision(tx: Tx, member: Member, input: RoutingReviewInput) {
  const notFound = new AppError("NOT_FOUND", { userMessage: "That routing decision could not be found." });
  const step = await tx.step.findUnique({
    where: { id: input.stepId },
    select: {
      id: true,
      nodeId: true,
      nodeKind: true,
      output: true,
      conversation: { select: { id: true, workspaceId: true, flowId: true, flowVersionId: true, channel: true } },
    },
  });
  if (!step || step.conversation.workspaceId !== member.workspaceId || step.nodeKind !== "router") throw notFound;

  const decision = (step.output as { decision?: { chosen?: unknown } } | null)?.decision;
  const predicted = typeof decision?.chosen === "string" ? decision.chosen : null;
  if (!predicted) throw notFound;

  let expected: string | null = null;
  if (input.verdict === "incorrect") {
    const graph = await loadGraphView(step.conversation.flowVersionId);
    const node = graph?.nodes.find((n) => n.id === step.nodeId);
    const routes = node?.kind === "router" ? node.routes.map((r) => r.id) : [];
    if (!input.expected || !routes.includes(input.expected)) {
      throw new AppError("VALIDATION", { fieldErrors: { expected: ["Choose one of this router's routes."] } });
    }
    if (input.expected === predicted) {
      throw new AppError("VALIDATION", {
        fieldErrors: { expected: ["That is the route it took; mark it right instead."] },
      });
    }
    expected = input.expected;
  }

  const previous = await tx.routingReview.findUnique({ where: { stepId: step.id } });
  const fields = { verdict: input.verdict, predicted, expected, note: input.note || null, reviewerId: member.userId };
  const review = await tx.routingReview.upsert({
    where: { stepId: step.id },
    create: {
      ...fields,
      workspaceId: member.workspaceId,
      conversationId: step.conversation.id,
      stepId: step.id,
      nodeId: step.nodeId,
      flowId: step.conversation.flowId,
      flowVersionId: step.conversation.flowVersionId,
      channel: step.conversation.channel,
    },
    update: fields,
  });
  return {
    review: {
      id: review.id,
      stepId: review.stepId,
      verdict: review.verdict,
      expected: review.expected,
      note: review.note,
    },
    before: previous ? snapshot(previous) : null,
    after: snapshot(review),
    conversationId: step.conversation.id,
  };
}
