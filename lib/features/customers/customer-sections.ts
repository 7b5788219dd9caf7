// What the console shows about one known customer, wherever it shows it (the inbox's context panel, the customer
// page): profile, recent orders, previous conversations and unexpired memory. One bounded query per section, every
// one scoped to the workspace: a customer or order of another workspace is never read, whatever id is passed.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { maskEmail } from "./mask-email";
import { maskPhone } from "./mask-phone";

export const CONTEXT_ORDERS_LIMIT = 5;
export const CONTEXT_ORDER_ITEMS_LIMIT = 10;
export const CONTEXT_CONVERSATIONS_LIMIT = 10;
export const CONTEXT_MEMORY_LIMIT = 50;
/** The most any caller may ask for in one section (the customer page asks for more than the panel). */
const PAGE_LIMIT_MAX = 50;

export type CustomerProfile = {
  id: string;
  ref: string;
  name: string;
  /** Masked like everywhere in the console (mask-email.ts, mask-phone.ts). */
  email: string;
  phone: string | null;
  tier: string;
  createdAt: Date;
};

export type OrderView = {
  id: string;
  number: string;
  status: string;
  placedAt: Date;
  totalCents: number;
  currency: string;
  carrier: string | null;
  items: { id: string; name: string; sku: string; quantity: number; unitPriceCents: number }[];
  itemCount: number;
  payments: { id: string; method: string; status: string; amountCents: number; refundedCents: number }[];
};

export type PreviousConversation = {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  channel: string;
  status: string;
  flowName: string;
  messageCount: number;
  /** Whether a person was called in at some point. */
  escalated: boolean;
};

export type MemoryView = {
  facts: { key: string; value: string; updatedAt: Date; expiresAt: Date; conversationId: string | null }[];
  summaries: { conversationId: string; summary: string; updatedAt: Date }[];
};

export type CustomerSections = {
  profile: CustomerProfile;
  orders: { rows: OrderView[]; total: number };
  conversations: { rows: PreviousConversation[]; total: number };
  memory: MemoryView;
  retentionDays: number;
};

const conversationSelect = {
  id: true,
  startedAt: true,
  endedAt: true,
  channel: true,
  status: true,
  flow: { select: { name: true } },
  _count: { select: { messages: true, escalations: true } },
} as const;

type ConversationRow = {
  id: string;
  startedAt: Date;
  endedAt: Date | null;
  channel: string;
  status: string;
  flow: { name: string };
  _count: { messages: number; escalations: number };
};

export function toPreviousConversation(c: ConversationRow): PreviousConversation {
  return {
    id: c.id,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    channel: c.channel,
    status: c.status,
    flowName: c.flow.name,
    messageCount: c._count.messages,
    escalated: c._count.escalations > 0,
  };
}

/** Conversations other than `excludeId`, newest first: the shape both a customer's and a browser's history use. */
export async function listPreviousConversations(options: {
  workspaceId: string;
  where: { customerId: string } | { chatTokenHash: string };
  excludeId?: string;
  limit?: number;
}): Promise<{ rows: PreviousConversation[]; total: number }> {
  const where = {
    workspaceId: options.workspaceId,
    ...options.where,
    ...(options.excludeId ? { id: { not: options.excludeId } } : {}),
  };
  const [rows, total] = await Promise.all([
    db().conversation.findMany({
      where,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: Math.min(options.limit ?? CONTEXT_CONVERSATIONS_LIMIT, PAGE_LIMIT_MAX),
      select: conversationSelect,
    }),
    db().conversation.count({ where }),
  ]);
  return { rows: rows.map(toPreviousConversation), total };
}

async function listOrders(workspaceId: string, customerId: string, limit: number): Promise<OrderView[]> {
  const orders = await db().order.findMany({
    where: { workspaceId, customerId },
    orderBy: [{ placedAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, PAGE_LIMIT_MAX),
    select: {
      id: true,
      number: true,
      status: true,
      placedAt: true,
      totalCents: true,
      currency: true,
      carrier: true,
      items: {
        orderBy: { id: "asc" },
        take: CONTEXT_ORDER_ITEMS_LIMIT,
        select: { id: true, quantity: true, unitPriceCents: true, product: { select: { name: true, sku: true } } },
      },
      payments: {
        orderBy: { capturedAt: "asc" },
        select: { id: true, method: true, status: true, amountCents: true, refundedCents: true },
      },
      _count: { select: { items: true } },
    },
  });
  return orders.map(({ items, _count, ...order }) => ({
    ...order,
    items: items.map((i) => ({
      id: i.id,
      name: i.product.name,
      sku: i.product.sku,
      quantity: i.quantity,
      unitPriceCents: i.unitPriceCents,
    })),
    itemCount: _count.items,
  }));
}

async function loadMemory(workspaceId: string, customerId: string, now: Date): Promise<MemoryView> {
  const rows = await db().customerMemory.findMany({
    where: { workspaceId, customerId, expiresAt: { gt: now } },
    orderBy: [{ updatedAt: "desc" }, { key: "asc" }],
    take: CONTEXT_MEMORY_LIMIT,
    select: { kind: true, key: true, value: true, updatedAt: true, expiresAt: true, conversationId: true },
  });
  return {
    facts: rows
      .filter((m) => m.kind === "fact")
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ key, value, updatedAt, expiresAt, conversationId }) => ({
        key,
        value,
        updatedAt,
        expiresAt,
        conversationId,
      })),
    summaries: rows
      .filter((m) => m.kind === "summary")
      .map((m) => ({ conversationId: m.conversationId ?? m.key, summary: m.value, updatedAt: m.updatedAt })),
  };
}

/**
 * A customer of the workspace with every section; null when the id is not one of its customers. Callers check that
 * the viewer may see customer data (`customer.read`) first: orders and memory are personal data.
 */
export async function loadCustomerSections(options: {
  workspaceId: string;
  customerId: string;
  /** The conversation being handled, left out of "previous conversations". */
  excludeConversationId?: string;
  limits?: { orders?: number; conversations?: number };
  now?: Date;
}): Promise<CustomerSections | null> {
  const { workspaceId, customerId } = options;
  const customer = await db().customer.findFirst({
    where: { id: customerId, workspaceId },
    select: {
      id: true,
      ref: true,
      name: true,
      email: true,
      phone: true,
      tier: true,
      createdAt: true,
      workspace: { select: { memoryRetentionDays: true } },
      _count: { select: { orders: { where: { workspaceId } } } },
    },
  });
  if (!customer) return null;
  const [orders, conversations, memory] = await Promise.all([
    listOrders(workspaceId, customer.id, options.limits?.orders ?? CONTEXT_ORDERS_LIMIT),
    listPreviousConversations({
      workspaceId,
      where: { customerId: customer.id },
      excludeId: options.excludeConversationId,
      limit: options.limits?.conversations,
    }),
    loadMemory(workspaceId, customer.id, options.now ?? new Date()),
  ]);
  return {
    profile: {
      id: customer.id,
      ref: customer.ref,
      name: customer.name,
      email: maskEmail(customer.email),
      phone: maskPhone(customer.phone),
      tier: customer.tier,
      createdAt: customer.createdAt,
    },
    orders: { rows: orders, total: customer._count.orders },
    conversations,
    memory,
    retentionDays: customer.workspace.memoryRetentionDays,
  };
}
