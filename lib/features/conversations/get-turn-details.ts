// One turn's nodes in path order with their input, output, state changes, routing candidates and tool calls: the rows
// the conversation trace reads (Step, Span, Approval), for the designer's Test panel. Scoped like the trace, to the
// member's workspace; the Test panel narrows it further to its flow's test conversations.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { loadGraphView } from "@/lib/features/flows/version-graph";
import { prepareNodeDetail, type NodeDetailView } from "./prepare-node-detail";
import { STEP_VIEW_COLUMNS } from "./prepare-step-view";

/** Null when no such conversation is in this workspace (and of this flow and channel, when given). */
export async function getTurnDetails(
  workspaceId: string,
  conversationId: string,
  turn: number,
  only: { flowId?: string; channel?: string } = {},
): Promise<NodeDetailView[] | null> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId, ...only },
    select: {
      flowVersionId: true,
      steps: {
        where: { turn },
        orderBy: { seq: "asc" },
        select: { ...STEP_VIEW_COLUMNS, input: true },
      },
    },
  });
  if (!conversation) return null;
  const stepIds = conversation.steps.map((step) => step.id);
  if (stepIds.length === 0) return [];
  const [graph, spans, approvals] = await Promise.all([
    loadGraphView(conversation.flowVersionId),
    db().span.findMany({
      where: { conversationId, workspaceId, kind: "tool", stepId: { in: stepIds } },
      select: {
        id: true,
        stepId: true,
        name: true,
        status: true,
        input: true,
        output: true,
        error: true,
        attributes: true,
        durationMs: true,
      },
    }),
    db().approval.findMany({
      where: { conversationId, workspaceId, stepId: { in: stepIds } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        stepId: true,
        tool: true,
        input: true,
        amount: true,
        threshold: true,
        reason: true,
        status: true,
        note: true,
      },
    }),
  ]);
  // Calls in the order the node made them: a step's child spans share its start time and their ids end in their index
  // (`<step>:2` before `<step>:10`).
  spans.sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true }));
  const nodes = graph?.nodes ?? [];
  return conversation.steps.map((step) => prepareNodeDetail(step, nodes, spans, approvals));
}
