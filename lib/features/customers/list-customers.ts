import "server-only";
import { db } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskEmail } from "./mask-email";

export const CUSTOMERS_PAGE_SIZE = 25;

export type CustomerRow = {
  id: string;
  ref: string;
  name: string;
  /** Masked, e.g. j***@example.com: the full address is never sent to the list. */
  email: string;
  tier: string;
  conversationCount: number;
  /** Unexpired facts in the customer's long-term memory. */
  factCount: number;
};

/** Customers of a workspace by ref, searched (case-insensitive, substring) by ref, name or e-mail; offset pages. */
export async function listCustomers(options: {
  workspaceId: string;
  query?: string;
  page?: number;
  pageSize?: number;
  now?: Date;
}): Promise<{ rows: CustomerRow[]; total: number; page: number; pageCount: number; pageSize: number }> {
  const pageSize = options.pageSize ?? CUSTOMERS_PAGE_SIZE;
  const query = options.query?.trim().slice(0, 100);
  const where: Prisma.CustomerWhereInput = {
    workspaceId: options.workspaceId,
    ...(query
      ? {
          OR: [
            { ref: { contains: query, mode: "insensitive" } },
            { name: { contains: query, mode: "insensitive" } },
            { email: { contains: query, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const total = await db().customer.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
  const now = options.now ?? new Date();
  const rows = await db().customer.findMany({
    where,
    orderBy: [{ ref: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      ref: true,
      name: true,
      email: true,
      tier: true,
      _count: { select: { conversations: true, memories: { where: { kind: "fact", expiresAt: { gt: now } } } } },
    },
  });
  return {
    rows: rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      name: r.name,
      email: maskEmail(r.email),
      tier: r.tier,
      conversationCount: r._count.conversations,
      factCount: r._count.memories,
    })),
    total,
    page,
    pageCount,
    pageSize,
  };
}
