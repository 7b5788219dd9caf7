// One escalation with everything a person needs to handle it: the transcript and trace, why it was escalated, the
// tool calls the agents made, the customer (their context panel loads beside it), held approvals, where the flow can resume, who can own
// it. Scoped to the workspace: another workspace's id is null (a 404), never data.
import "server-only";
import { PERMISSIONS, type Role } from "@/lib/model/permissions";
import { db } from "@/lib/platform/db/client";
import { describeEscalationContext, type EscalationContextView } from "@/lib/features/inbox/escalation-context";
import { defaultHandBackTarget, handBackTargets, type HandBackTarget } from "@/lib/features/inbox/hand-back-targets";
import { handoffView, type HandoffView } from "@/lib/features/conversations/handoff-view";
import { getConversationTrace } from "@/lib/features/conversations/get-conversation-trace";
import type { ConversationTrace } from "@/lib/features/conversations/prepare-conversation-trace";
import { listPendingApprovals, type ApprovalRow } from "./list-approvals";
import { loadGraphView } from "@/lib/features/flows/version-graph";
import type { EscalationStatus } from "@/lib/features/list-filters";

export const TOOL_CALLS_SHOWN = 50;

export type ToolCallView = {
  id: string;
  name: string;
  status: string;
  error: string | null;
  startedAt: Date;
  durationMs: number;
  input: unknown;
  output: unknown;
};

export type EscalationDetail = {
  id: string;
  status: EscalationStatus;
  reason: string;
  queue: string;
  priority: number;
  skills: string[];
  createdAt: Date;
  slaDueAt: Date;
  claimedAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  handedBackToNodeId: string | null;
  assignee: { id: string; name: string } | null;
  /** Set when an external contact centre handles it (a handoff endpoint) instead of the inbox. */
  handoff: HandoffView | null;
  why: EscalationContextView;
  conversation: ConversationTrace;
  customer: { id: string; name: string; ref: string } | null;
  toolCalls: ToolCallView[];
  approvals: ApprovalRow[];
  handBackTargets: HandBackTarget[];
  /** The hand-back target preselected: where the conversation was escalated from (hand-back-targets.ts). */
  defaultHandBackTargetId: string | null;
  handlers: { id: string; name: string; role: Role }[];
};

export async function getEscalation(workspaceId: string, escalationId: string): Promise<EscalationDetail | null> {
  const escalation = await db().escalation.findFirst({
    where: { id: escalationId, workspaceId },
    include: {
      assignee: { select: { id: true, name: true, email: true } },
      handoffEndpoint: { select: { name: true } },
      conversation: {
        select: { id: true, flowVersionId: true, customer: { select: { id: true, name: true, ref: true } } },
      },
    },
  });
  if (!escalation) return null;
  const { conversation } = escalation;
  const customer = conversation.customer;

  const [trace, spans, approvals, graph, memberships] = await Promise.all([
    getConversationTrace(workspaceId, conversation.id),
    db().span.findMany({
      where: { workspaceId, conversationId: conversation.id, kind: "tool" },
      orderBy: { startedAt: "asc" },
      take: TOOL_CALLS_SHOWN,
      select: {
        id: true,
        name: true,
        status: true,
        error: true,
        startedAt: true,
        durationMs: true,
        input: true,
        output: true,
      },
    }),
    listPendingApprovals(workspaceId),
    loadGraphView(conversation.flowVersionId),
    db().membership.findMany({
      where: { workspaceId, role: { in: [...PERMISSIONS["escalation.handle"]] } },
      orderBy: { createdAt: "asc" },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    }),
  ]);
  if (!trace) return null;
  const why = describeEscalationContext(escalation.context);
  const targets = handBackTargets(graph?.nodes ?? []);

  return {
    id: escalation.id,
    status: escalation.status,
    reason: escalation.reason,
    queue: escalation.queue,
    priority: escalation.priority,
    skills: escalation.skills,
    createdAt: escalation.createdAt,
    slaDueAt: escalation.slaDueAt,
    claimedAt: escalation.claimedAt,
    firstResponseAt: escalation.firstResponseAt,
    resolvedAt: escalation.resolvedAt,
    handedBackToNodeId: escalation.handedBackToNodeId,
    assignee: escalation.assignee
      ? { id: escalation.assignee.id, name: escalation.assignee.name || escalation.assignee.email }
      : null,
    handoff: handoffView(escalation),
    why,
    conversation: trace,
    customer: customer ? { id: customer.id, name: customer.name, ref: customer.ref } : null,
    toolCalls: spans,
    approvals: approvals.filter((a) => a.conversation.id === conversation.id),
    handBackTargets: targets,
    defaultHandBackTargetId: defaultHandBackTarget(targets, why.node?.id ?? null, graph?.edges ?? []),
    handlers: memberships.map((m) => ({ id: m.user.id, name: m.user.name || m.user.email, role: m.role })),
  };
}
