// Saved Inbox views: a member's named set of queue filters, private unless shared with the workspace. The query is
// stored normalised (parsed and rewritten by inbox-filters.ts), so a view can only hold filters the queue knows.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/model/errors";
import type { Member } from "@/lib/platform/auth/current-member";
import { db, type Tx } from "@/lib/platform/db/client";
import { inboxQuery, parseInboxFilters } from "@/lib/features/inbox/inbox-filters";

export const VIEWS_PER_MEMBER = 30;

export const saveViewSchema = z.object({
  name: z.string().trim().min(1, "Name the view.").max(60, "A view's name has at most 60 characters."),
  query: z.string().max(2000),
  shared: z.boolean().default(false),
});

export const deleteViewSchema = z.object({ id: z.string().trim().min(1).max(64) });

export type SavedView = { id: string; name: string; query: string; shared: boolean; mine: boolean };

/** The filters of a query string as the queue reads them, or "" when it holds none. */
export function normaliseViewQuery(query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const record: Record<string, string> = {};
  for (const [key, value] of params) record[key] ??= value;
  return inboxQuery(parseInboxFilters(record));
}

export async function saveView(tx: Tx, member: Member, input: z.output<typeof saveViewSchema>) {
  const query = normaliseViewQuery(input.query);
  if (!query) {
    throw new AppError("VALIDATION", {
      userMessage: "Pick at least one filter before saving a view.",
      fieldErrors: { query: ["No filters to save."] },
    });
  }
  const mine = await tx.inboxView.findMany({
    where: { workspaceId: member.workspaceId, ownerId: member.userId },
    select: { name: true },
  });
  if (mine.some((v) => v.name.toLowerCase() === input.name.toLowerCase())) {
    throw new AppError("CONFLICT", {
      userMessage: `You already have a view called “${input.name}”.`,
      fieldErrors: { name: ["Already used."] },
    });
  }
  if (mine.length >= VIEWS_PER_MEMBER) {
    throw new AppError("CONFLICT", { userMessage: `You can keep ${VIEWS_PER_MEMBER} views; delete one first.` });
  }
  return tx.inboxView.create({
    data: { workspaceId: member.workspaceId, ownerId: member.userId, name: input.name, query, shared: input.shared },
    select: { id: true, name: true, query: true, shared: true },
  });
}

/** Only the owner deletes a view; a colleague's shared view is theirs to remove. */
export async function deleteView(tx: Tx, member: Member, input: z.output<typeof deleteViewSchema>) {
  const view = await tx.inboxView.findFirst({
    where: { id: input.id, workspaceId: member.workspaceId },
    select: { id: true, name: true, query: true, shared: true, ownerId: true },
  });
  if (!view || (view.ownerId !== member.userId && !view.shared)) {
    throw new AppError("NOT_FOUND", { userMessage: "View not found." });
  }
  if (view.ownerId !== member.userId) {
    throw new AppError("FORBIDDEN", { userMessage: "Only the member who saved this view can delete it." });
  }
  await tx.inboxView.delete({ where: { id: view.id } });
  return { id: view.id, name: view.name, query: view.query, shared: view.shared };
}

/** The viewer's own views, then the ones colleagues shared, each by name. */
export async function listViews(workspaceId: string, viewerId: string): Promise<SavedView[]> {
  const views = await db().inboxView.findMany({
    where: { workspaceId, OR: [{ ownerId: viewerId }, { shared: true }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, query: true, shared: true, ownerId: true },
  });
  return views
    .map((v) => ({ id: v.id, name: v.name, query: v.query, shared: v.shared, mine: v.ownerId === viewerId }))
    .sort((a, b) => Number(b.mine) - Number(a.mine));
}
