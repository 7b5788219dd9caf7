// The link between an A2A context and its Switchboard conversation, kept in the task's metadata (clients see the
// conversation id, useful with the REST API) and in the A2aTask row. `lastMessageSeq` is the last conversation message
// this context has been shown, so the next turn also returns what a person wrote in between.
import type { Task } from "@a2a-js/sdk";

export const LINK_KEY = "switchboard";

export type TaskLink = { conversationId: string; lastMessageSeq: number };

export function taskLink(task: Pick<Task, "metadata"> | undefined): TaskLink | null {
  const raw = task?.metadata?.[LINK_KEY] as Partial<TaskLink> | undefined;
  if (!raw || typeof raw.conversationId !== "string") return null;
  return {
    conversationId: raw.conversationId,
    lastMessageSeq: typeof raw.lastMessageSeq === "number" ? raw.lastMessageSeq : 0,
  };
}
