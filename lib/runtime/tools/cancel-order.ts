import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { applyOnce } from "@/lib/runtime/tools/ledger";
import { money, refundableCents } from "@/lib/runtime/tools/money";
import { refundPayments } from "@/lib/runtime/tools/refund-order";
import { loadOrderForUpdate, lockIdempotencyKey } from "@/lib/runtime/tools/tool-locks";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";

export type CancelOrderCall = {
  /** The verified customer the order must belong to; null when the caller may act on any order. */
  ownerId?: string | null;
  workspaceId: string;
  conversationId: string | null;
  idempotencyKey: string;
  orderNumber: string;
  reason: string;
};

export type CancelOrderResult = {
  orderNumber: string;
  status: "cancelled";
  /** What went back to the customer's payment methods: "$189.00". */
  refunded: string;
  refundedCents: number;
};

function whyNot(number: string, status: string): string {
  switch (status) {
    case "shipped":
      return `Order ${number} has already shipped, so it can't be cancelled; you can return it once it arrives.`;
    case "delivered":
      return `Order ${number} has already been delivered, so it can't be cancelled; you can return it instead.`;
    case "cancelled":
      return `Order ${number} is already cancelled.`;
    case "refunded":
      return `Order ${number} has already been refunded, so there is nothing to cancel.`;
    default:
      return `Order ${number} can't be cancelled any more.`;
  }
}

/** Cancels an order that has not shipped yet and refunds its captured payments in full. */
export async function cancelOrder(tx: Tx, call: CancelOrderCall): Promise<CancelOrderResult & { replayed: boolean }> {
  const { workspaceId, conversationId, idempotencyKey, orderNumber, reason } = call;
  await lockIdempotencyKey(tx, idempotencyKey);
  const { result, replayed } = await applyOnce(
    tx,
    { idempotencyKey, workspaceId, conversationId, tool: "cancel_order", input: { orderNumber, reason } },
    async (): Promise<CancelOrderResult> => {
      const order = await loadOrderForUpdate(tx, workspaceId, orderNumber, call.ownerId ?? null);
      if (!order) throw new ToolRefusal("cancel_order", `I couldn't find an order numbered ${orderNumber}.`);
      if (order.status !== "processing") throw new ToolRefusal("cancel_order", whyNot(order.number, order.status));
      const refundedCents = await refundPayments(tx, order.payments, refundableCents(order.payments));
      await tx.order.update({ where: { id: order.id }, data: { status: "cancelled" } });
      return {
        orderNumber: order.number,
        status: "cancelled",
        refunded: money(refundedCents, order.currency),
        refundedCents,
      };
    },
  );
  return { ...result, replayed };
}
