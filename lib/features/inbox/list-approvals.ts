// Tool calls the engine holds for a person (an `Approval` row per suspended call): the pending ones, oldest first,
// and the last few decided ones for context. Only real customer traffic, as in the rest of the Inbox.
import "server-only";
import { db } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NOT_TEST_CONVERSATION } from "@/lib/model/flow/channels";
import type { Role } from "@/lib/model/permissions";

export const PENDING_SHOWN = 200;
export const DECIDED_SHOWN = 10;
const MESSAGE_CHARS = 200;

export type ApprovalRow = {
  id: string;
  status: "pending" | "approved" | "rejected";
  tool: string;
  field: string;
  amount: number | null;
  threshold: number;
  /** ISO 4217, from the order the call is about when there is one; USD otherwise. */
  currency: string;
  approverRole: Role;
  reason: string;
  createdAt: Date;
  /** Only the fields a person needs to decide; the rest of the call's input stays on the server. */
  input: { orderNumber: string | null; amount: number | null };
  conversation: { id: string; flowName: string; channel: string; customerRef: string | null };
  lastCustomerMessage: { text: string; createdAt: Date } | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
};

const select = {
  id: true,
  status: true,
  tool: true,
  field: true,
  amount: true,
  threshold: true,
  approverRole: true,
  reason: true,
  input: true,
  createdAt: true,
  decidedAt: true,
  decidedById: true,
  note: true,
  conversation: {
    select: {
      id: true,
      channel: true,
      state: true,
      flow: { select: { name: true } },
      customer: { select: { ref: true } },
      messages: {
        where: { role: "customer" },
        orderBy: { seq: "desc" },
        take: 1,
        select: { text: true, createdAt: true },
      },
    },
  },
} satisfies Prisma.ApprovalSelect;

type Selected = Prisma.ApprovalGetPayload<{ select: typeof select }>;

type JsonRecord = { [key: string]: Prisma.JsonValue | undefined };

function asRecord(value: Prisma.JsonValue | undefined): JsonRecord {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonRecord) : {};
}

const asOrderNumber = (value: Prisma.JsonValue | undefined) =>
  typeof value === "string" && value.trim() ? value.trim().slice(0, 40) : null;

/**
 * orderNumber and amount from the held call's input. A flow's own tool node calls a built-in with no arguments (it
 * reads the slots), so for a pending call the order comes from the conversation's state, which is exactly as it was
 * when the run suspended. Decided calls don't use the state: the conversation may have moved on to another order.
 */
function safeInput(input: Prisma.JsonValue, conversationState: Prisma.JsonValue | null): ApprovalRow["input"] {
  const record = asRecord(input);
  const state = asRecord(conversationState ?? undefined);
  const orderNumber =
    asOrderNumber(record.orderNumber) ??
    asOrderNumber(state.orderNumber) ??
    asOrderNumber(asRecord(state.slots).order_number);
  const amount = typeof record.amount === "number" && Number.isFinite(record.amount) ? record.amount : null;
  return { orderNumber, amount };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MESSAGE_CHARS ? `${flat.slice(0, MESSAGE_CHARS - 1)}…` : flat;
}

async function toRows(workspaceId: string, approvals: Selected[]): Promise<ApprovalRow[]> {
  const inputs = approvals.map((a) => safeInput(a.input, a.status === "pending" ? a.conversation.state : null));
  const orderNumbers = [...new Set(inputs.map((i) => i.orderNumber).filter((n): n is string => !!n))];
  const deciderIds = [...new Set(approvals.map((a) => a.decidedById).filter((id): id is string => !!id))];
  const [orders, deciders] = await Promise.all([
    orderNumbers.length
      ? db().order.findMany({
          where: { workspaceId, number: { in: orderNumbers } },
          select: { number: true, currency: true },
        })
      : Promise.resolve([]),
    // decidedById has no relation (a removed member's decisions stay); members of this workspace only.
    deciderIds.length
      ? db().user.findMany({
          where: { id: { in: deciderIds }, memberships: { some: { workspaceId } } },
          select: { id: true, name: true, email: true },
        })
      : Promise.resolve([]),
  ]);
  const currencyOf = new Map(orders.map((o) => [o.number, o.currency]));
  const deciderOf = new Map(deciders.map((u) => [u.id, u.name || u.email]));

  return approvals.map((a, index) => {
    const input = inputs[index];
    const message = a.conversation.messages[0];
    return {
      id: a.id,
      status: a.status,
      tool: a.tool,
      field: a.field,
      amount: a.amount,
      threshold: a.threshold,
      currency: (input.orderNumber && currencyOf.get(input.orderNumber)) || "USD",
      approverRole: a.approverRole,
      reason: a.reason,
      createdAt: a.createdAt,
      input,
      conversation: {
        id: a.conversation.id,
        flowName: a.conversation.flow.name,
        channel: a.conversation.channel,
        customerRef: a.conversation.customer?.ref ?? null,
      },
      lastCustomerMessage: message ? { text: clip(message.text), createdAt: message.createdAt } : null,
      decidedAt: a.decidedAt,
      decidedBy: a.decidedById ? (deciderOf.get(a.decidedById) ?? "a former member") : null,
      note: a.note,
    };
  });
}

/** Tool calls waiting for a person, oldest first (the customer who has waited longest is at the top). */
export async function listPendingApprovals(workspaceId: string): Promise<ApprovalRow[]> {
  const rows = await db().approval.findMany({
    where: { workspaceId, status: "pending", conversation: NOT_TEST_CONVERSATION },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: PENDING_SHOWN,
    select,
  });
  return toRows(workspaceId, rows);
}

/** The last decisions, newest first, for context next to the pending ones. */
export async function listRecentlyDecidedApprovals(workspaceId: string, take = DECIDED_SHOWN): Promise<ApprovalRow[]> {
  const rows = await db().approval.findMany({
    where: { workspaceId, status: { in: ["approved", "rejected"] }, conversation: NOT_TEST_CONVERSATION },
    orderBy: [{ decidedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take,
    select,
  });
  return toRows(workspaceId, rows);
}
