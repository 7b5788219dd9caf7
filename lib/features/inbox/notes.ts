// Internal notes: what one member tells the others about a conversation. Only the console reads this table (the
// chat, the REST API, webhooks and transcript exports select messages, never notes), so a note cannot reach the
// customer. Scoped to the workspace: another workspace's conversation is a 404.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/model/errors";
import type { Member } from "@/lib/platform/auth/current-member";
import { db, type Tx } from "@/lib/platform/db/client";

export const NOTE_MAX_LENGTH = 4000;

export const noteSchema = z.object({
  conversationId: z.string().trim().min(1).max(64),
  body: z
    .string()
    .trim()
    .min(1, "Write the note first.")
    .max(NOTE_MAX_LENGTH, `A note has at most ${NOTE_MAX_LENGTH} characters.`),
});

export type NoteView = { id: string; body: string; createdAt: Date; author: string };

export async function addNote(tx: Tx, member: Member, input: z.output<typeof noteSchema>) {
  const conversation = await tx.conversation.findFirst({
    where: { id: input.conversationId, workspaceId: member.workspaceId },
    select: { id: true },
  });
  if (!conversation) throw new AppError("NOT_FOUND", { userMessage: "Conversation not found." });
  return tx.conversationNote.create({
    data: {
      workspaceId: member.workspaceId,
      conversationId: conversation.id,
      authorId: member.userId,
      body: input.body,
    },
    select: { id: true, conversationId: true, body: true, createdAt: true },
  });
}

/** A conversation's notes, oldest first, with their authors' names (a removed member reads "a former member"). */
export async function listNotes(workspaceId: string, conversationId: string): Promise<NoteView[]> {
  const notes = await db().conversationNote.findMany({
    where: { workspaceId, conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, body: true, createdAt: true, authorId: true },
  });
  const authorIds = [...new Set(notes.map((n) => n.authorId))];
  const authors = authorIds.length
    ? await db().user.findMany({
        where: { id: { in: authorIds }, memberships: { some: { workspaceId } } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const nameOf = new Map(authors.map((u) => [u.id, u.name || u.email]));
  return notes.map((n) => ({
    id: n.id,
    body: n.body,
    createdAt: n.createdAt,
    author: nameOf.get(n.authorId) ?? "a former member",
  }));
}
