import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { NOT_TEST_CONVERSATION } from "@/lib/flow/channels";
import type { ConversationStatus } from "./filters";

export const LIVE_PAGE_SIZE = 100;

export type ConversationRow = {
  id: string;
  startedAt: Date;
  updatedAt: Date;
  channel: string;
  status: ConversationStatus;
  flow: { slug: string; name: string };
  versionNumber: number;
  messageCount: number;
  lastMessage: { role: string; text: string; createdAt: Date } | null;
  /** What the customer last said; shown first because it is what an operator scans for. */
  lastCustomerMessage: { text: string; createdAt: Date } | null;
};

export async function listConversations(options: {
  workspaceId: string;
  status?: ConversationStatus;
  flowSlug?: string;
  limit?: number;
}): Promise<{ rows: ConversationRow[]; total: number }> {
  const where: Prisma.ConversationWhereInput = {
    workspaceId: options.workspaceId,
    ...NOT_TEST_CONVERSATION,
    ...(options.status ? { status: options.status } : {}),
    ...(options.flowSlug ? { flow: { slug: options.flowSlug } } : {}),
  };
  const [rows, total] = await Promise.all([
    db().conversation.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: options.limit ?? LIVE_PAGE_SIZE,
      select: {
        id: true,
        startedAt: true,
        updatedAt: true,
        channel: true,
        status: true,
        flow: { select: { slug: true, name: true } },
        flowVersion: { select: { number: true } },
        _count: { select: { messages: true } },
        messages: { orderBy: { seq: "desc" }, take: 1, select: { role: true, text: true, createdAt: true } },
      },
    }),
    db().conversation.count({ where }),
  ]);
  const ids = rows.map((row) => row.id);
  // The latest customer message per conversation, in one query.
  const lastCustomer = ids.length
    ? await db().$queryRaw<{ conversationId: string; text: string; createdAt: Date }[]>`
        SELECT DISTINCT ON ("conversationId") "conversationId", text, "createdAt"
        FROM "Message" WHERE "conversationId" IN (${Prisma.join(ids)}) AND role = 'customer'
        ORDER BY "conversationId", seq DESC`
    : [];
  const customerBy = new Map(lastCustomer.map((m) => [m.conversationId, { text: m.text, createdAt: new Date(m.createdAt) }]));
  return {
    total,
    rows: rows.map((row) => {
      const last = row.messages[0];
      return {
        id: row.id,
        startedAt: row.startedAt,
        // "Last activity" is the later of the last message and the row's own update (status changes).
        updatedAt: last && last.createdAt > row.updatedAt ? last.createdAt : row.updatedAt,
        channel: row.channel,
        status: row.status,
        flow: row.flow,
        versionNumber: row.flowVersion.number ?? 0,
        messageCount: row._count.messages,
        lastMessage: last ?? null,
        lastCustomerMessage: customerBy.get(row.id) ?? null,
      };
    }),
  };
}
