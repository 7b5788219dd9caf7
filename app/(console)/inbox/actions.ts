"use server";
// A person acting on a running conversation. Every action resumes the run through the engine's per-conversation
// queue (lib/engine/operator-commands.ts) and is audited in the same transaction.
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { decideApproval, handBackToFlow, replyToCustomer, resolveConversation, takeOverConversation } from "@/lib/engine/operator-commands";
import { MAX_MESSAGE_LENGTH } from "@/lib/engine/limits";

const id = z.string().trim().min(1).max(64);
const revalidate = ["/inbox", "/live"];

export const replyToCustomerAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ conversationId: id, text: z.string().trim().min(1, "Write a reply first.").max(MAX_MESSAGE_LENGTH) }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await replyToCustomer(tx, member, input);
    return { data: result, audit: { action: "escalation.replied", resourceType: "escalation", resourceId: result.escalationId, after: { conversationId: input.conversationId, length: input.text.length } } };
  },
});

export const resolveConversationAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ conversationId: id, note: z.string().trim().max(2000).default("") }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await resolveConversation(tx, member, input);
    return { data: result, audit: { action: "conversation.resolved", resourceType: "conversation", resourceId: input.conversationId, after: { status: "resolved" } } };
  },
});

export const handBackAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ conversationId: id, nodeId: id }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await handBackToFlow(tx, member, input);
    return { data: result, audit: { action: "conversation.handed_back", resourceType: "conversation", resourceId: input.conversationId, after: { nodeId: result.node.id, node: result.node.label } } };
  },
});

export const takeOverAction = defineAction({
  permission: "conversation.act",
  schema: z.object({ conversationId: id, reason: z.string().trim().min(1).max(200).default("An operator took over") }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await takeOverConversation(tx, member, input);
    return { data: result, audit: { action: "conversation.taken_over", resourceType: "conversation", resourceId: input.conversationId, after: { reason: input.reason } } };
  },
});

export const decideApprovalAction = defineAction({
  permission: "escalation.handle",
  schema: z.object({ approvalId: id, approved: z.boolean(), note: z.string().trim().max(1000).default("") }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const result = await decideApproval(tx, member, input);
    return {
      data: result,
      audit: {
        action: input.approved ? "approval.approved" : "approval.rejected",
        resourceType: "tool_call",
        resourceId: result.approval.id,
        before: { status: "pending" },
        after: { status: result.approval.status, tool: result.approval.tool, amount: result.approval.amount, note: input.note || null },
      },
    };
  },
});
