// Which Switchboard conversation an A2A context continues, and the messages it has not been shown yet.
import "server-only";
import { Task } from "@a2a-js/sdk";
import { db } from "@/lib/db/client";
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
