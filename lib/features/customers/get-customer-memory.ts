import "server-only";
import { db } from "@/lib/platform/db/client";
import { maskEmail } from "./mask-email";

export const CUSTOMER_CONVERSATIONS_LIMIT = 50;

export type CustomerDetail = {
  customer: { id: string; ref: string; name: string; email: string; tier: string; createdAt: Date };
  facts: { key: string; value: string; updatedAt: Date; expiresAt: Date; conversationId: string | null }[];
  summaries: { conversationId: string; summary: string; updatedAt: Date; expiresAt: Date }[];
  conversations: {
    id: string;
    startedAt: Date;
    updatedAt: Date;
    status: string;
    channel: string;
    flowName: string;
    messageCount: number;
  }[];
  conversationTotal: number;
  retentionDays: number;
};

/** A customer of the workspace with their unexpired memory and recent conversations; null if not in it. */
export async function getCustomerMemory(options: {
  workspaceId: string;
  customerId: string;
  now?: Date;
}): Promise<CustomerDetail | null> {
  const now = options.now ?? new Date();
  const customer = await db().customer.findFirst({
    where: { id: options.customerId, workspaceId: options.workspaceId },
    select: {
      id: true,
      ref: true,
      name: true,
      email: true,
      tier: true,
      createdAt: true,
      workspace: { select: { memoryRetentionDays: true } },
    },
  });
  if (!customer) return null;
  const [memories, conversations, conversationTotal] = await Promise.all([
    db().customerMemory.findMany({
      where: { workspaceId: options.workspaceId, customerId: customer.id, expiresAt: { gt: now } },
      orderBy: [{ kind: "asc" }, { updatedAt: "desc" }, { key: "asc" }],
      select: { kind: true, key: true, value: true, updatedAt: true, expiresAt: true, conversationId: true },
    }),
    db().conversation.findMany({
      where: { workspaceId: options.workspaceId, customerId: customer.id },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: CUSTOMER_CONVERSATIONS_LIMIT,
      select: {
        id: true,
        startedAt: true,
        updatedAt: true,
        status: true,
        channel: true,
        flow: { select: { name: true } },
        _count: { select: { messages: true } },
      },
    }),
    db().conversation.count({ where: { workspaceId: options.workspaceId, customerId: customer.id } }),
  ]);
  const { workspace, ...rest } = customer;
  return {
    customer: { ...rest, email: maskEmail(rest.email) },
    facts: memories
      .filter((m) => m.kind === "fact")
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((m) => ({
        key: m.key,
        value: m.value,
        updatedAt: m.updatedAt,
        expiresAt: m.expiresAt,
        conversationId: m.conversationId,
      })),
    summaries: memories
      .filter((m) => m.kind === "summary")
      .map((m) => ({
        conversationId: m.conversationId ?? m.key,
        summary: m.value,
        updatedAt: m.updatedAt,
        expiresAt: m.expiresAt,
      })),
    conversations: conversations.map((c) => ({
      id: c.id,
      startedAt: c.startedAt,
      updatedAt: c.updatedAt,
      status: c.status,
      channel: c.channel,
      flowName: c.flow.name,
      messageCount: c._count.messages,
    })),
    conversationTotal,
    retentionDays: workspace.memoryRetentionDays,
  };
}

export async function getMemoryRetentionDays(workspaceId: string): Promise<number> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: { memoryRetentionDays: true },
  });
  return workspace?.memoryRetentionDays ?? 365;
}
