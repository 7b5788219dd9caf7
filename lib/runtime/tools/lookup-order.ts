import "server-only";
import { sqlFor, type Tx } from "@/lib/platform/db/client";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/platform/db/new-id";
import { money, refundableCents } from "./money";
import type { ToolCallRecord } from "./tool-call-log";

export type OrderSummary = {
  number: string;
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  total: string;
  placedOn: string;
  itemCount: number;
  /** "1 item", "3 items": for reply templates. */
  items: string;
  /** One sentence on where the order is, for reply templates. */
  statusLine: string;
  /** What can still be refunded: "$54.00", and the same in dollars for approval thresholds. */
  refundable: string;
  refundableAmount: number;
};

function statusLine(order: {
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  deliveredAt: Date | null;
}) {
  switch (order.status) {
    case "processing":
      return "it is being prepared and has not shipped yet.";
    case "shipped":
      return `it is on its way with ${order.carrier ?? "the carrier"}${order.trackingNumber ? ` (tracking ${order.trackingNumber})` : ""}.`;
    case "delivered":
      return `it was delivered on ${order.deliveredAt?.toISOString().slice(0, 10) ?? "its delivery date"}.`;
    case "cancelled":
      return "it was cancelled.";
    case "refunded":
      return "it was refunded.";
    default:
      return `its status is ${order.status}.`;
  }
}

type OrderRow = {
  number: string;
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  totalCents: number;
  currency: string;
  placedAt: Date;
  deliveredAt: Date | null;
  customerId: string;
  itemCount: number;
  payments: { status: PaymentStatus; amountCents: number; refundedCents: number }[];
};

/** How a customer hears that an order is not theirs, worded exactly as for one that does not exist. */
export function notOnAccount(number: string): string {
  return `I could not find an order ${number} on your account. Could you check the number? It looks like A1234.`;
}

/**
 * `ownerId`: the customer the order must belong to (a verified customer's own records); null for any order.
 * `record`: the agent's call to log (tool-call-log.ts), in the same statement and only when the order is found: a
 * lookup that finds nothing asks the customer again, and a call that only asks does not count.
 */
export async function lookupOrder(
  tx: Tx,
  workspaceId: string,
  number: string,
  ownerId: string | null = null,
  record: ToolCallRecord | null = null,
): Promise<OrderSummary | null> {
  // One statement: order status is on nearly every turn.
  const [order] = await sqlFor(tx)<OrderRow[]>`
    WITH o AS (
      SELECT o.number, o.status::text AS status, o.carrier, o."trackingNumber", o."totalCents", o.currency,
             o."placedAt", o."deliveredAt", o."customerId",
             (SELECT coalesce(sum(i.quantity), 0)::int FROM "OrderItem" i WHERE i."orderId" = o.id) AS "itemCount",
             (SELECT coalesce(json_agg(json_build_object('status', p.status, 'amountCents', p."amountCents",
                                                         'refundedCents', p."refundedCents")), '[]'::json)
              FROM "Payment" p WHERE p."orderId" = o.id) AS payments
      FROM "Order" o
      WHERE o."workspaceId" = ${workspaceId} AND o.number = ${number}
        AND (${ownerId}::text IS NULL OR o."customerId" = ${ownerId})),
    logged AS (
      INSERT INTO "ToolCallLog" (id, "workspaceId", "conversationId", "agentNodeId", tool, "callKey")
      SELECT ${newId()}::text, ${workspaceId}::text, ${record?.conversationId ?? null}::text,
             ${record?.agentNodeId ?? null}::text, ${record?.tool ?? null}::text, ${record?.callKey ?? null}::text
      FROM o WHERE ${record?.callKey ?? null}::text IS NOT NULL
      ON CONFLICT ("callKey") DO NOTHING)
    SELECT * FROM o`;
  if (!order) return null;
  const itemCount = order.itemCount;
  return {
    number: order.number,
    status: order.status,
    carrier: order.carrier,
    trackingNumber: order.trackingNumber,
    total: money(order.totalCents, order.currency),
    placedOn: order.placedAt.toISOString().slice(0, 10),
    itemCount,
    items: `${itemCount} item${itemCount === 1 ? "" : "s"}`,
    statusLine: statusLine(order),
    refundable: money(refundableCents(order.payments), order.currency),
    refundableAmount: refundableCents(order.payments) / 100,
  };
}
