// Which Switchboard conversation an A2A context continues, and the messages it has not been shown yet.
import "server-only";
import { Task } from "@a2a-js/sdk";
import { db, type Tx } from "@/lib/platform/db/client";
import type { TaskScope } from "./task-store";
import { taskLink, type TaskLink } from "./task-link";

/** The link of the context's latest task that opened or continued a conversation; null for a new context. */
export async function contextLink(scope: TaskScope, contextId: string): Promise<TaskLink | null> {
  const row = await db().a2aTask.findFirst({
    where: { ...scope, contextId, conversationId: { not: null } },
    orderBy: { updatedAt: "desc" },
    select: { task: true },
  });
  return row ? taskLink(Task.fromJSON(row.task)) : null;
}

/**
 * The first message of a new context, in the transaction that would open its conversation: waits for any other
 * request opening the same context, then returns the conversation that one opened, if any. Two first messages sent
 * at once thus share one conversation instead of opening two.
 */
export async function claimContext(tx: Tx, scope: TaskScope, contextId: string): Promise<string | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`a2a:${scope.workspaceId}:${scope.flowId}:${contextId}`}, 0))`;
  const row = await tx.a2aTask.findFirst({
    where: { ...scope, contextId, conversationId: { not: null } },
    select: { conversationId: true },
  });
  return row?.conversationId ?? null;
}

/** Records, in the opening transaction, which conversation the task's context opened (the task row may not exist yet). */
export async function linkOpenedConversation(
  tx: Tx,
  scope: TaskScope,
  task: Task,
  conversationId: string,
): Promise<void> {
  // One statement, so the SDK's own first save of the task (outside this transaction) can come before or after it.
  await tx.$executeRaw`
    INSERT INTO "A2aTask" (id, "workspaceId", "flowId", "contextId", "conversationId", state, task, "createdAt", "updatedAt")
    VALUES (${task.id}, ${scope.workspaceId}, ${scope.flowId}, ${task.contextId}, ${conversationId}, 'TASK_STATE_WORKING', ${JSON.stringify(Task.toJSON(task))}::jsonb, now(), now())
    ON CONFLICT (id) DO UPDATE SET "conversationId" = EXCLUDED."conversationId"
    WHERE "A2aTask"."workspaceId" = EXCLUDED."workspaceId" AND "A2aTask"."flowId" = EXCLUDED."flowId"`;
}

export type UnseenReply = { id: string; seq: number; role: string; text: string };

/** Everything but the customer's own messages after `afterSeq`: the greeting, the turn's replies, a person's answers. */
export async function unseenReplies(conversationId: string, afterSeq: number): Promise<UnseenReply[]> {
  return db().message.findMany({
    where: { conversationId, seq: { gt: afterSeq }, role: { not: "customer" } },
    orderBy: { seq: "asc" },
    take: 100,
    select: { id: true, seq: true, role: true, text: true },
  });
}
