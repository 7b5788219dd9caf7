"use server";
// A person acting on a running conversation. Every action resumes the run through the engine's per-conversation
// queue (lib/runtime/engine/commands/operator-commands.ts) and is audited in the same transaction.
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import {
  assignEscalation,
  claimEscalation,
  decideApproval,
  handBackToFlow,
  releaseEscalation,
  replyToCustomer,
  resolveConversation,
  takeOverConversation,
  type OwnershipChange,
} from "@/lib/runtime/engine/commands/operator-commands";
import { AppError, toAppError } from "@/lib/model/errors";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { recallHandoff } from "@/lib/features/inbox/recall-handoff";
import { db } from "@/lib/platform/db/client";
import { awaitEvent } from "@/lib/runtime/engine/commands/await-event";

const id = z.string().trim().min(1).max(64);
const revalidate = ["/inbox", "/live"];

/** before/after owner for the audit trail; a no-op (claiming what you own) leaves no entry. */
function ownershipAudit(action: string, change: OwnershipChange) {
  if (!change.changed) return [];
  const owner = (a: OwnershipChange["before"]) => ({ assigneeId: a?.id ?? null, assignee: a?.name ?? null });
  return [
    {
      action,
      resourceType: "escalation" as const,
      resourceId: change.escalationId,
      before: owner(change.before),
      after: owner(change.after),
      metadata: { conversationId: change.conversationId },
    },
  ];
}

export const claimEscalationAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ escalationId: id }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const change = await claimEscalation(tx, member, input);
    return { data: change, audit: ownershipAudit("escalation.claimed", change) };
  },
});

export const releaseEscalationAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ escalationId: id }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const change = await releaseEscalation(tx, member, input);
    return { data: change, audit: ownershipAudit("escalation.released", change) };
  },
});

export const assignEscalationAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ escalationId: id, assigneeId: id }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const change = await assignEscalation(tx, member, input);
    return { data: change, audit: ownershipAudit("escalation.assigned", change) };
  },
});

export const replyToCustomerAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({
    conversationId: id,
    text: z.string().trim().min(1, "Write a reply first.").max(MAX_MESSAGE_LENGTH),
  }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await replyToCustomer(tx, member, input);
    return {
      data: result,
      audit: {
        action: "escalation.replied",
        resourceType: "escalation",
        resourceId: result.escalationId,
        after: { conversationId: input.conversationId, length: input.text.length },
      },
    };
  },
});

export const resolveConversationAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ conversationId: id, note: z.string().trim().max(2000).default("") }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await resolveConversation(tx, member, input);
    return {
      data: result,
      audit: {
        action: "conversation.resolved",
        resourceType: "conversation",
        resourceId: input.conversationId,
        after: { status: "resolved" },
      },
    };
  },
});

export const handBackAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ conversationId: id, nodeId: id }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await handBackToFlow(tx, member, input);
    return {
      data: result,
      audit: {
        action: "conversation.handed_back",
        resourceType: "conversation",
        resourceId: input.conversationId,
        after: { nodeId: result.node.id, node: result.node.label },
      },
    };
  },
});

/** How long take-over waits for the engine; past it the operator lands on the conversation page instead. */
const LANDING_WAIT_MS = 8_000;

/**
 * Take over and land where the operator replies: the flow stops answering, the engine opens an escalation the
 * operator owns, and the action answers with that ticket's page once the engine has processed the take-over.
 */
export const takeOverAction = defineAction({
  permission: "conversation.act",
  schema: z.object({ conversationId: id, reason: z.string().trim().min(1).max(200).default("An operator took over") }),
  revalidate,
  // It waits for the engine: holding a transaction (and a pooled connection) meanwhile would starve the pool.
  transaction: "none",
  handler: async (input, { member }) => {
    const { eventId } = await db().$transaction((tx) => takeOverConversation(tx, member, input));
    const outcome = await awaitEvent(eventId, input.conversationId, LANDING_WAIT_MS);
    if (outcome.status === "failed")
      throw new AppError("CONFLICT", {
        userMessage: "The take-over could not be completed; the conversation page shows why.",
        message: `take_over event ${eventId} failed: ${outcome.error}`,
      });
    const ticket =
      outcome.status === "done"
        ? await db().escalation.findFirst({
            where: {
              workspaceId: member.workspaceId,
              conversationId: input.conversationId,
              status: { in: ["open", "claimed"] },
            },
            orderBy: { createdAt: "desc" },
            select: { id: true },
          })
        : null;
    return {
      data: {
        escalationId: ticket?.id ?? null,
        // The ticket is where an operator replies; until the engine has opened it, the conversation page.
        href: ticket ? `/inbox/${ticket.id}` : `/conversations/${input.conversationId}`,
      },
      audit: {
        action: "conversation.taken_over",
        resourceType: "conversation" as const,
        resourceId: input.conversationId,
        after: { reason: input.reason },
        metadata: { escalationId: ticket?.id ?? null },
      },
    };
  },
});

type Decision = Awaited<ReturnType<typeof decideApproval>>;

function decisionAudit(approved: boolean, note: string, result: Decision, bulk?: { count: number }) {
  return {
    action: approved ? "approval.approved" : "approval.rejected",
    resourceType: "tool_call" as const,
    resourceId: result.approval.id,
    before: { status: "pending" },
    after: {
      status: result.approval.status,
      tool: result.approval.tool,
      amount: result.approval.amount,
      note: note || null,
    },
    ...(bulk ? { metadata: { bulk: true, count: bulk.count } } : {}),
  };
}

export const decideApprovalAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ approvalId: id, approved: z.boolean(), note: z.string().trim().max(1000).default("") }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await decideApproval(tx, member, input);
    return { data: result, audit: decisionAudit(input.approved, input.note, result) };
  },
});

// A "use server" file exports only actions, so the limit stays private here.
const BULK_APPROVALS_MAX = 100;

/**
 * Approve or reject several held calls with one reason. All or nothing: each goes through the same decideApproval as
 * a single decision, in one transaction, so one that is no longer pending, not in this workspace or not the
 * viewer's to decide rolls all of them back and the error names it.
 */
export const bulkDecideApprovalsAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({
    approvalIds: z
      .array(id)
      .min(1, "Select at least one request.")
      .max(BULK_APPROVALS_MAX, `Decide at most ${BULK_APPROVALS_MAX} requests at once.`)
      .refine((ids) => new Set(ids).size === ids.length, "Each request only once."),
    approved: z.boolean(),
    note: z.string().trim().min(3, "Give a reason for the whole selection, in a few words.").max(1000),
  }),
  revalidate,
  timeoutMs: 15_000,
  handler: async (input, { member, tx }) => {
    const results: Decision[] = [];
    for (const [index, approvalId] of input.approvalIds.entries()) {
      try {
        results.push(await decideApproval(tx, member, { approvalId, approved: input.approved, note: input.note }));
      } catch (error) {
        throw bulkFailure(error, index, input.approvalIds.length);
      }
    }
    return {
      data: { decided: results.map((r) => r.approval) },
      audit: results.map((r) => decisionAudit(input.approved, input.note, r, { count: results.length })),
    };
  },
});

function bulkFailure(error: unknown, index: number, count: number): AppError {
  const cause = toAppError(error);
  return new AppError(cause.code, {
    message: cause.message,
    userMessage: `Nothing was decided: request ${index + 1} of ${count} could not be. ${cause.userMessage}`,
    cause,
  });
}

export const recallHandoffAction = defineAction({
  permission: "escalation.recall",
  schema: z.object({ escalationId: id, reason: z.string().trim().min(3, "Say why, in a few words.").max(500) }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const recalled = await recallHandoff(tx, member, input);
    return {
      data: recalled,
      audit: {
        action: "escalation.recalled_from_handoff",
        resourceType: "escalation",
        resourceId: recalled.escalationId,
        before: { endpoint: recalled.endpoint, externalRef: recalled.externalRef },
        after: { status: "open", routedTo: "inbox", reason: input.reason },
        metadata: { conversationId: recalled.conversationId, deliveryId: recalled.deliveryId },
      },
    };
  },
});
