// The production review queue: a random sample of real conversations that ended (or went to a person) in the last
// days, each annotated once — right route? resolved? guardrail correct? The answers feed the routing-accuracy and
// reviewed-resolution KPIs (lib/features/dashboard/queries.ts).
import "server-only";
import { z } from "zod";
import type { Member } from "@/lib/platform/auth/current-member";
import { db, type Tx } from "@/lib/platform/db/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/model/errors";

export const SAMPLE_WINDOW_DAYS = 7;
export const MAX_SAMPLE = 100;

export const sampleSchema = z.object({
  count: z.coerce.number().int().min(1, "Sample at least 1.").max(MAX_SAMPLE, `At most ${MAX_SAMPLE} at a time.`),
  flowId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});
export const answerSchema = z.object({
  itemId: z.string().trim().min(1).max(64),
  routeCorrect: z.boolean(),
  resolved: z.boolean(),
  guardrailCorrect: z.boolean(),
  note: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || null),
});
export const skipSchema = z.object({ itemId: z.string().trim().min(1).max(64) });

/**
 * Samples up to `count` conversations into the queue, at random: production traffic only (never the designer's test
 * channel or evaluation runs), ended or escalated, last active within SAMPLE_WINDOW_DAYS, never sampled before.
 */
export async function sampleConversations(
  input: { workspaceId: string; count: number; flowId?: string },
  tx: Tx = db(),
): Promise<{ ids: string[]; conversationIds: string[] }> {
  const count = Math.max(0, Math.min(MAX_SAMPLE, Math.floor(input.count)));
  if (count === 0) return { ids: [], conversationIds: [] };
  const flowFilter = input.flowId ? Prisma.sql`AND c."flowId" = ${input.flowId}` : Prisma.empty;
  // ON CONFLICT: two people pressing "Sample" at once must not sample a conversation twice (conversationId is unique).
  const rows = await tx.$queryRaw<{ id: string; conversationId: string }[]>`
    INSERT INTO "ReviewItem" (id, "workspaceId", "conversationId", "flowId", "flowVersionId", channel, status, "sampledAt")
    SELECT 'ri_' || replace(gen_random_uuid()::text, '-', ''), c."workspaceId", c.id, c."flowId", c."flowVersionId", c.channel, 'pending', now()
    FROM "Conversation" c
    WHERE c."workspaceId" = ${input.workspaceId}
      AND c.channel <> ${TEST_CHANNEL}
      AND c."evalRunId" IS NULL
      AND (c.status IN ('escalated', 'resolved', 'abandoned', 'failed') OR c."endedAt" IS NOT NULL)
      AND COALESCE(c."endedAt", c."updatedAt") >= ${new Date(Date.now() - SAMPLE_WINDOW_DAYS * 86_400_000)}
      AND NOT EXISTS (SELECT 1 FROM "ReviewItem" r WHERE r."conversationId" = c.id)
      ${flowFilter}
    ORDER BY random()
    LIMIT ${count}
    ON CONFLICT ("conversationId") DO NOTHING
    RETURNING id, "conversationId"`;
  return { ids: rows.map((r) => r.id), conversationIds: rows.map((r) => r.conversationId) };
}

type ItemRow = {
  id: string;
  status: string;
  routeCorrect: boolean | null;
  resolved: boolean | null;
  guardrailCorrect: boolean | null;
  note: string | null;
  conversationId: string;
};
const snapshot = (row: ItemRow) => ({
  status: row.status,
  routeCorrect: row.routeCorrect,
  resolved: row.resolved,
  guardrailCorrect: row.guardrailCorrect,
  note: row.note,
});

async function findItem(tx: Tx, member: Member, itemId: string) {
  const item = await tx.reviewItem.findFirst({ where: { id: itemId, workspaceId: member.workspaceId } });
  if (!item) throw new AppError("NOT_FOUND", { userMessage: "That review item could not be found." });
  return item;
}

/** Records the three answers (answering again replaces them: a reviewer may correct themselves). */
export async function answerReviewItem(tx: Tx, member: Member, input: z.output<typeof answerSchema>) {
  const before = await findItem(tx, member, input.itemId);
  const item = await tx.reviewItem.update({
    where: { id: before.id },
    data: {
      status: "done",
      routeCorrect: input.routeCorrect,
      resolved: input.resolved,
      guardrailCorrect: input.guardrailCorrect,
      note: input.note,
      reviewerId: member.userId,
      reviewedAt: new Date(),
    },
  });
  return { item, before: snapshot(before), after: snapshot(item) };
}

export async function skipReviewItem(tx: Tx, member: Member, input: z.output<typeof skipSchema>) {
  const before = await findItem(tx, member, input.itemId);
  if (before.status !== "pending")
    throw new AppError("CONFLICT", { userMessage: "This item was already answered or skipped." });
  const item = await tx.reviewItem.update({
    where: { id: before.id },
    data: { status: "skipped", reviewerId: member.userId, reviewedAt: new Date() },
  });
  return { item, before: snapshot(before), after: snapshot(item) };
}

// ---- reading the queue ----

export type ReviewQueueItem = {
  id: string;
  conversationId: string;
  flowName: string;
  channel: string;
  status: "pending" | "done" | "skipped";
  conversationStatus: string;
  routeCorrect: boolean | null;
  resolved: boolean | null;
  guardrailCorrect: boolean | null;
  note: string | null;
  sampledAt: Date;
  reviewedAt: Date | null;
};

export type ReviewQueue = {
  counts: { pending: number; done: number; skipped: number };
  /** Pending first (oldest sample first), then the latest answered or skipped. */
  items: ReviewQueueItem[];
  flows: { id: string; name: string }[];
};

export async function loadReviewQueue(workspaceId: string, limit = 50): Promise<ReviewQueue> {
  const [grouped, pending, reviewed, flows] = await Promise.all([
    db().reviewItem.groupBy({ by: ["status"], where: { workspaceId }, _count: { _all: true } }),
    db().reviewItem.findMany({
      where: { workspaceId, status: "pending" },
      orderBy: [{ sampledAt: "asc" }, { id: "asc" }],
      take: limit,
    }),
    db().reviewItem.findMany({
      where: { workspaceId, status: { not: "pending" } },
      orderBy: [{ reviewedAt: "desc" }, { id: "asc" }],
      take: 20,
    }),
    db().flow.findMany({ where: { workspaceId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const rows = [...pending, ...reviewed];
  const conversations = await db().conversation.findMany({
    where: { workspaceId, id: { in: rows.map((r) => r.conversationId) } },
    select: { id: true, status: true },
  });
  const statusOf = new Map(conversations.map((c) => [c.id, c.status as string]));
  const flowName = new Map(flows.map((f) => [f.id, f.name]));
  const counts = { pending: 0, done: 0, skipped: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  return {
    counts,
    flows,
    items: rows.map((r) => ({
      id: r.id,
      conversationId: r.conversationId,
      flowName: flowName.get(r.flowId) ?? "(deleted flow)",
      channel: r.channel,
      status: r.status,
      conversationStatus: statusOf.get(r.conversationId) ?? "deleted",
      routeCorrect: r.routeCorrect,
      resolved: r.resolved,
      guardrailCorrect: r.guardrailCorrect,
      note: r.note,
      sampledAt: r.sampledAt,
      reviewedAt: r.reviewedAt,
    })),
  };
}
