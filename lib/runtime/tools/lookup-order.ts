import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { money, refundableCents } from "./money";

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

/** How a customer hears that an order is not theirs, worded exactly as for one that does not exist. */
export function notOnAccount(number: string): string {
  return `I could not find an order ${number} on your account. Could you check the number? It looks like A1234.`;
}

/** `ownerId`: the customer the order must belong to (a verified customer's own records); null for any order. */
export async function lookupOrder(
  tx: Tx,
  workspaceId: string,
  number: string,
  ownerId: string | null = null,
): Promise<OrderSummary | null> {
  const order = await tx.order.findUnique({
    where: { workspaceId_number: { workspaceId, number } },
    include: { items: true, payments: true },
  });
  if (!order || (ownerId && order.customerId !== ownerId)) return null;
  const itemCount = order.items.reduce((sum, item) => sum + item.quantity, 0);
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
