// What a person does to a running conversation: reply, resolve, hand back to the flow at a chosen node, approve or
// reject a held tool call, take over. Each checks the conversation's state and the person's right to act, and
// resumes the run through the same per-conversation queue as customer messages, in the caller's transaction (so the
// caller's audit entry commits with it). Called from server actions through defineAction.
import "server-only";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Tx } from "@/lib/platform/db/client";
import { PERMISSIONS } from "@/lib/model/permissions";
import { AppError } from "@/lib/model/errors";
import { emitEscalationEvent } from "@/lib/runtime/webhooks/emit-events";
import { enqueueEvent, type EventActor } from "./enqueue-event";
import { loadVersionGraph } from "@/lib/runtime/engine/run/load-graph";
import { notifyLive } from "@/lib/runtime/engine/live/notify-live";

const actor = (member: Member): EventActor => ({ type: "user", id: member.userId, label: member.name });

/**
 * A change of owner is no engine event, so nothing else tells the Inbox queues and open tickets of other people: a
 * live notice (sent at commit) does. The conversation is escalated while its escalation can change hands.
 */
const ownerChanged = (tx: Tx, member: Member, conversationId: string) =>
  notifyLive(tx, { w: member.workspaceId, c: conversationId, e: "", s: "escalated" });

async function lockedConversation(tx: Tx, member: Member, conversationId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Conversation" WHERE id = ${conversationId} AND "workspaceId" = ${member.workspaceId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
  return tx.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: {
      id: true,
      status: true,
      flowVersionId: true,
      channel: true,
      escalations: { where: { status: { in: ["open", "claimed"] } }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
}

/** Only the person who claimed an escalation acts on it; an open (unclaimed) one is claimed by acting. */
async function ownEscalation(tx: Tx, member: Member, conversation: Awaited<ReturnType<typeof lockedConversation>>) {
  const escalation = conversation.escalations[0];
  if (!escalation)
    throw new AppError("CONFLICT", { userMessage: "This conversation is not with a person: take it over first." });
  if (escalation.handoffEndpointId) throw withContactCentre();
  if (escalation.status === "claimed" && escalation.assigneeId && escalation.assigneeId !== member.userId) {
    throw new AppError("CONFLICT", { userMessage: "Someone else has claimed this escalation." });
  }
  if (escalation.status === "open") await claimOpen(tx, member, escalation.id, escalation.conversationId);
  return escalation;
}

/**
 * The one claim check: a conditional update that only succeeds while the escalation is still open, so of two people
 * claiming at once exactly one wins (the other's UPDATE waits for the row lock, then matches nothing).
 */
async function claimOpen(tx: Tx, member: Member, escalationId: string, conversationId: string): Promise<void> {
  const claimed = await tx.escalation.updateMany({
    // A claimed one whose owner's account was removed (assignee set null) is free again too.
    where: {
      id: escalationId,
      workspaceId: member.workspaceId,
      handoffEndpointId: null,
      OR: [{ status: "open" }, { status: "claimed", assigneeId: null }],
    },
    data: { status: "claimed", assigneeId: member.userId, claimedAt: new Date() },
  });
  if (claimed.count === 1) {
    await emitEscalationEvent(tx, {
      workspaceId: member.workspaceId,
      escalationId,
      type: "escalation.claimed",
      extra: { actor: member.name || member.email },
    });
    await ownerChanged(tx, member, conversationId);
    return;
  }
  const now = await tx.escalation.findFirst({
    where: { id: escalationId, workspaceId: member.workspaceId },
    select: {
      status: true,
      assigneeId: true,
      handoffEndpointId: true,
      assignee: { select: { name: true, email: true } },
    },
  });
  if (!now) throw new AppError("NOT_FOUND", { userMessage: "Escalation not found." });
  if (now.status === "resolved")
    throw new AppError("CONFLICT", { userMessage: "This escalation has already been resolved." });
  if (now.handoffEndpointId) throw withContactCentre();
  if (now.assigneeId === member.userId) return;
  const who = now.assignee ? now.assignee.name || now.assignee.email : "Someone else";
  throw new AppError("CONFLICT", { userMessage: `${who} has already claimed this escalation.` });
}

/** An escalation handed to an external contact centre is theirs: it replies and resolves through the API. */
const withContactCentre = () =>
  new AppError("CONFLICT", {
    userMessage:
      "An external contact centre handles this escalation: you can follow it here, but it replies and resolves through the API.",
  });

const ended = (status: string) => status === "resolved" || status === "abandoned" || status === "failed";

export async function replyToCustomer(tx: Tx, member: Member, input: { conversationId: string; text: string }) {
  const conversation = await lockedConversation(tx, member, input.conversationId);
  if (ended(conversation.status))
    throw new AppError("CONFLICT", { userMessage: `This conversation has ended (${conversation.status}).` });
  const escalation = await ownEscalation(tx, member, conversation);
  const event = await enqueueEvent(tx, {
    workspaceId: member.workspaceId,
    conversationId: conversation.id,
    kind: "operator_reply",
    payload: { text: input.text, escalationId: escalation.id },
    actor: actor(member),
  });
  return { eventId: event.id, escalationId: escalation.id };
}

export async function resolveConversation(tx: Tx, member: Member, input: { conversationId: string; note: string }) {
  const conversation = await lockedConversation(tx, member, input.conversationId);
  if (ended(conversation.status))
    throw new AppError("CONFLICT", { userMessage: `This conversation has already ended (${conversation.status}).` });
  if (conversation.escalations[0]) await ownEscalation(tx, member, conversation);
  const event = await enqueueEvent(tx, {
    workspaceId: member.workspaceId,
    conversationId: conversation.id,
    kind: "resolve",
    payload: { note: input.note },
    actor: actor(member),
  });
  return { eventId: event.id };
}

export async function handBackToFlow(tx: Tx, member: Member, input: { conversationId: string; nodeId: string }) {
  const conversation = await lockedConversation(tx, member, input.conversationId);
  if (conversation.status !== "escalated")
    throw new AppError("CONFLICT", { userMessage: "Only a conversation with a person can be handed back." });
  await ownEscalation(tx, member, conversation);
  const graph = await loadVersionGraph(tx, conversation.flowVersionId);
  const node = graph.nodes.find((n) => n.id === input.nodeId);
  if (!node || node.kind === "start") {
    throw new AppError("VALIDATION", {
      userMessage: "Pick a node of this conversation's flow version.",
      fieldErrors: { nodeId: ["Not a node of this flow version."] },
    });
  }
  const event = await enqueueEvent(tx, {
    workspaceId: member.workspaceId,
    conversationId: conversation.id,
    kind: "hand_back",
    payload: { nodeId: node.id },
    actor: actor(member),
  });
  return { eventId: event.id, node: { id: node.id, label: node.label } };
}

export async function takeOverConversation(tx: Tx, member: Member, input: { conversationId: string; reason: string }) {
  const conversation = await lockedConversation(tx, member, input.conversationId);
  if (ended(conversation.status))
    throw new AppError("CONFLICT", { userMessage: `This conversation has ended (${conversation.status}).` });
  if (conversation.status === "escalated")
    throw new AppError("CONFLICT", { userMessage: "A person already has this conversation." });
  const event = await enqueueEvent(tx, {
    workspaceId: member.workspaceId,
    conversationId: conversation.id,
    kind: "take_over",
    payload: { reason: input.reason },
    actor: actor(member),
  });
  return { eventId: event.id };
}

/** Approve or reject a held tool call. Only the approval's role (or an admin) decides, and only once. */
export async function decideApproval(
  tx: Tx,
  member: Member,
  input: { approvalId: string; approved: boolean; note: string },
) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Approval" WHERE id = ${input.approvalId} AND "workspaceId" = ${member.workspaceId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", { userMessage: "Approval not found." });
  const approval = await tx.approval.findUniqueOrThrow({ where: { id: input.approvalId } });
  if (approval.status !== "pending")
    throw new AppError("CONFLICT", { userMessage: `This request was already ${approval.status}.` });
  if (member.role !== "admin" && member.role !== approval.approverRole) {
    throw new AppError("FORBIDDEN", {
      userMessage: `Only a ${approval.approverRole} can decide this request.`,
      message: `${member.email} (${member.role}) cannot decide approval ${approval.id}`,
    });
  }
  const decided = await tx.approval.update({
    where: { id: approval.id },
    data: {
      status: input.approved ? "approved" : "rejected",
      decidedById: member.userId,
      decidedAt: new Date(),
      note: input.note || null,
    },
  });
  const event = await enqueueEvent(tx, {
    workspaceId: member.workspaceId,
    conversationId: approval.conversationId,
    kind: "approval_decision",
    payload: { approvalId: approval.id, approved: input.approved, note: input.note },
    actor: actor(member),
  });
  return {
    eventId: event.id,
    approval: {
      id: decided.id,
      status: decided.status,
      tool: decided.tool,
      amount: decided.amount,
      conversationId: decided.conversationId,
    },
  };
}

// ---- Ownership: claim, release, assign. One owner at a time, enforced by conditional updates. ----

export type Assignee = { id: string; name: string } | null;
export type OwnershipChange = {
  escalationId: string;
  conversationId: string;
  before: Assignee;
  after: Assignee;
  changed: boolean;
};

const assigneeSelect = {
  id: true,
  status: true,
  conversationId: true,
  assigneeId: true,
  handoffEndpointId: true,
  assignee: { select: { id: true, name: true, email: true } },
} as const;

async function escalationOf(tx: Tx, member: Member, escalationId: string) {
  const escalation = await tx.escalation.findFirst({
    where: { id: escalationId, workspaceId: member.workspaceId },
    select: assigneeSelect,
  });
  if (!escalation) throw new AppError("NOT_FOUND", { userMessage: "Escalation not found." });
  if (escalation.status === "resolved")
    throw new AppError("CONFLICT", { userMessage: "This escalation has already been resolved." });
  if (escalation.handoffEndpointId) throw withContactCentre();
  return escalation;
}

const personOf = (user: { id: string; name: string; email: string } | null): Assignee =>
  user ? { id: user.id, name: user.name || user.email } : null;

/** Take an open escalation. Claiming one you already own changes nothing; someone else's → CONFLICT. */
export async function claimEscalation(
  tx: Tx,
  member: Member,
  input: { escalationId: string },
): Promise<OwnershipChange> {
  const escalation = await escalationOf(tx, member, input.escalationId);
  const me = { id: member.userId, name: member.name || member.email };
  if (escalation.assigneeId === member.userId) {
    return {
      escalationId: escalation.id,
      conversationId: escalation.conversationId,
      before: me,
      after: me,
      changed: false,
    };
  }
  await claimOpen(tx, member, escalation.id, escalation.conversationId);
  return {
    escalationId: escalation.id,
    conversationId: escalation.conversationId,
    before: null,
    after: me,
    changed: true,
  };
}

/** Give a claimed escalation back to the queue. Its owner may; an admin may release anyone's. */
export async function releaseEscalation(
  tx: Tx,
  member: Member,
  input: { escalationId: string },
): Promise<OwnershipChange> {
  const escalation = await escalationOf(tx, member, input.escalationId);
  if (escalation.status === "open")
    throw new AppError("CONFLICT", { userMessage: "Nobody has claimed this escalation." });
  if (escalation.assigneeId !== member.userId && member.role !== "admin") {
    throw new AppError("FORBIDDEN", {
      userMessage: "Only its owner or an admin can release this escalation.",
      message: `${member.email} cannot release ${escalation.id}`,
    });
  }
  const released = await tx.escalation.updateMany({
    where: { id: escalation.id, status: "claimed", assigneeId: escalation.assigneeId },
    data: { status: "open", assigneeId: null, claimedAt: null },
  });
  if (released.count !== 1)
    throw new AppError("CONFLICT", { userMessage: "This escalation changed hands meanwhile. Reload and try again." });
  await ownerChanged(tx, member, escalation.conversationId);
  return {
    escalationId: escalation.id,
    conversationId: escalation.conversationId,
    before: personOf(escalation.assignee),
    after: null,
    changed: true,
  };
}

/**
 * Make a workspace member who handles escalations its owner. An open escalation, or one you own, can be assigned by
 * anyone who handles escalations; taking one from someone else is an admin's call. The update is conditional on
 * the owner read here, so a concurrent claim or assignment makes it fail with CONFLICT rather than overwrite.
 */
export async function assignEscalation(
  tx: Tx,
  member: Member,
  input: { escalationId: string; assigneeId: string },
): Promise<OwnershipChange> {
  const escalation = await escalationOf(tx, member, input.escalationId);
  const target = await tx.membership.findFirst({
    where: {
      workspaceId: member.workspaceId,
      userId: input.assigneeId,
      role: { in: [...PERMISSIONS["escalation.handle"]] },
    },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  if (!target) {
    throw new AppError("VALIDATION", {
      userMessage: "Pick a member who handles escalations (an admin or operator).",
      fieldErrors: { assigneeId: ["Not a member who handles escalations."] },
    });
  }
  const before = personOf(escalation.assignee);
  const after = personOf(target.user);
  if (escalation.assigneeId === target.user.id) {
    return { escalationId: escalation.id, conversationId: escalation.conversationId, before, after, changed: false };
  }
  if (escalation.assigneeId && escalation.assigneeId !== member.userId && member.role !== "admin") {
    throw new AppError("CONFLICT", {
      userMessage: `${before?.name ?? "Someone else"} owns this escalation; ask them or an admin to reassign it.`,
    });
  }
  const assigned = await tx.escalation.updateMany({
    where: { id: escalation.id, status: escalation.status, assigneeId: escalation.assigneeId },
    data: { status: "claimed", assigneeId: target.user.id, claimedAt: new Date() },
  });
  if (assigned.count !== 1)
    throw new AppError("CONFLICT", {
      userMessage: "Someone else claimed or reassigned this escalation meanwhile. Reload and try again.",
    });
  await emitEscalationEvent(tx, {
    workspaceId: member.workspaceId,
    escalationId: escalation.id,
    type: "escalation.claimed",
    extra: { actor: member.name || member.email, assigned: true },
  });
  await ownerChanged(tx, member, escalation.conversationId);
  return { escalationId: escalation.id, conversationId: escalation.conversationId, before, after, changed: true };
}
