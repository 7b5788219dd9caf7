// The Inbox ticket's timeline: messages and internal notes of one conversation of this workspace. Read by the
// ticket page's first render and by the timeline route its client refetches when the conversation's stream says
// something changed.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { listNotes } from "@/lib/features/inbox/notes";
import { mergeTimeline, type Timeline } from "@/lib/features/inbox/timeline";

export const TIMELINE_MESSAGES = 500;

export async function getTicketTimeline(workspaceId: string, conversationId: string): Promise<Timeline | null> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId },
    select: {
      status: true,
      messages: {
        orderBy: { seq: "desc" },
        take: TIMELINE_MESSAGES,
        select: { id: true, seq: true, role: true, author: true, text: true, offline: true, createdAt: true },
      },
    },
  });
  if (!conversation) return null;
  const notes = await listNotes(workspaceId, conversationId);
  return {
    conversationStatus: conversation.status,
    items: mergeTimeline(
      conversation.messages.map((m) => ({
        kind: "message" as const,
        id: m.id,
        seq: m.seq,
        role: m.role,
        author: m.author,
        text: m.text,
        at: m.createdAt.toISOString(),
        ...(m.offline ? { offline: true } : {}),
      })),
      notes.map((n) => ({
        kind: "note" as const,
        id: n.id,
        author: n.author,
        body: n.body,
        at: n.createdAt.toISOString(),
      })),
    ),
  };
}
