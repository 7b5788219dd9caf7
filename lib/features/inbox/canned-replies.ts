// The workspace's canned replies: short texts an operator inserts into a reply. Titles are unique per workspace
// (the picker matches on them); every change is made in the caller's transaction so its audit entry commits with it.
import "server-only";
import type { Member } from "@/lib/platform/auth/current-member";
import { db, type Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CannedReplyInput } from "./canned-reply-schema";

export type CannedReplyRow = { id: string; title: string; body: string; updatedAt: Date };

export const CANNED_REPLIES_SHOWN = 500;

export async function listCannedReplies(workspaceId: string): Promise<CannedReplyRow[]> {
  return db().cannedReply.findMany({
    where: { workspaceId },
    orderBy: { title: "asc" },
    take: CANNED_REPLIES_SHOWN,
    select: { id: true, title: true, body: true, updatedAt: true },
  });
}

const duplicateTitle = (title: string) =>
  new AppError("VALIDATION", {
    userMessage: `A canned reply called "${title}" already exists.`,
    fieldErrors: { title: ["This title is already used."] },
  });

/** A clash found before writing gives a clear message; the unique index still decides under concurrency. */
async function assertTitleFree(tx: Tx, workspaceId: string, title: string, exceptId?: string) {
  const clash = await tx.cannedReply.findFirst({
    where: { workspaceId, title, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw duplicateTitle(title);
}

function mapUnique(error: unknown, title: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicateTitle(title);
  throw error;
}

async function ownReply(tx: Tx, member: Member, id: string) {
  const reply = await tx.cannedReply.findFirst({
    where: { id, workspaceId: member.workspaceId },
    select: { id: true, title: true, body: true },
  });
  if (!reply) throw new AppError("NOT_FOUND", { userMessage: "Canned reply not found." });
  return reply;
}

export async function createCannedReply(tx: Tx, member: Member, input: CannedReplyInput) {
  await assertTitleFree(tx, member.workspaceId, input.title);
  return tx.cannedReply
    .create({
      data: { workspaceId: member.workspaceId, title: input.title, body: input.body, createdById: member.userId },
      select: { id: true, title: true, body: true },
    })
    .catch((error) => mapUnique(error, input.title));
}

export async function updateCannedReply(tx: Tx, member: Member, input: CannedReplyInput & { id: string }) {
  const before = await ownReply(tx, member, input.id);
  await assertTitleFree(tx, member.workspaceId, input.title, before.id);
  const after = await tx.cannedReply
    .update({
      where: { id: before.id },
      data: { title: input.title, body: input.body },
      select: { id: true, title: true, body: true },
    })
    .catch((error) => mapUnique(error, input.title));
  return { before, after };
}

export async function deleteCannedReply(tx: Tx, member: Member, input: { id: string }) {
  const before = await ownReply(tx, member, input.id);
  await tx.cannedReply.delete({ where: { id: before.id } });
  return { before };
}
