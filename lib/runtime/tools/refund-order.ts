import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { applyOnce } from "@/lib/runtime/tools/ledger";
import { money, REFUNDABLE, refundableCents } from "@/lib/runtime/tools/money";
import { loadOrderForUpdate, lockIdempotencyKey, type LockedOrder } from "@/lib/runtime/tools/tool-locks";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";

export type RefundOrderCall = {
  /** The verified customer the order must belong to; null when the caller may act on any order. */
  ownerId?: string | null;
  workspaceId: string;
  conversationId: string | null;
  idempotencyKey: string;
  orderNumber: string;
  /** Defaults to everything still refundable. */
  amountCents?: number | null;
  reason: string;
};

export type RefundOrderResult = {
  orderNumber: string;
  /** "$12.50" */
  refunded: string;
  refundedCents: number;
  /** What is still refundable afterwards: "$0.00" once fully refunded. */
  remaining: string;
  status: string;
};

type Payment = LockedOrder["payments"][number];

/**
 * Refunds `amountCents` across the refundable payments, oldest first, updating each payment's refundedCents and
 * status. The caller holds the order's row lock and has checked the amount against refundableCents().
 */
export async function refundPayments(tx: Tx, payments: Payment[], amountCents: number): Promise<number> {
  let left = amountCents;
  for (const payment of payments) {
    if (left === 0) break;
    if (!REFUNDABLE.includes(payment.status)) continue;
    const share = Math.min(left, payment.amountCents - payment.refundedCents);
    if (share <= 0) continue;
    const refundedCents = payment.refundedCents + share;
    await tx.payment.update({
      where: { id: payment.id },
      data: { refundedCents, status: refundedCents >= payment.amountCents ? "refunded" : "partially_refunded" },
    });
    left -= share;
  }
  return amountCents - left;
}

export async function refundOrder(tx: Tx, call: RefundOrderCall): Promise<RefundOrderResult & { replayed: boolean }> {
  const { workspaceId, conversationId, idempotencyKey, orderNumber, reason } = call;
  const amountCents = call.amountCents ?? null;
  await lockIdempotencyKey(tx, idempotencyKey);
  const { result, replayed } = await applyOnce(
    tx,
    { idempotencyKey, workspaceId, conversationId, tool: "refund_order", input: { orderNumber, amountCents, reason } },
    async (): Promise<RefundOrderResult> => {
      const order = await loadOrderForUpdate(tx, workspaceId, orderNumber, call.ownerId ?? null);
      if (!order) throw new ToolRefusal("refund_order", `I couldn't find an order numbered ${orderNumber}.`);
      if (order.status === "cancelled") {
        throw new ToolRefusal("refund_order", `Order ${order.number} was cancelled, so there is nothing to refund.`);
      }
      const refundable = refundableCents(order.payments);
      if (refundable === 0) {
        const disputed = order.payments.some((p) => p.status === "disputed");
        throw new ToolRefusal(
          "refund_order",
          disputed
            ? `Order ${order.number} has an open payment dispute, so it can't be refunded here; the dispute will settle it.`
            : `Order ${order.number} has already been fully refunded.`,
        );
      }
      if (amountCents !== null && (!Number.isInteger(amountCents) || amountCents <= 0)) {
        throw new ToolRefusal("refund_order", "A refund has to be for a positive amount.");
      }
      const amount = amountCents ?? refundable;
      if (amount > refundable) {
        throw new ToolRefusal(
          "refund_order",
          `Only ${money(refundable, order.currency)} of order ${order.number} can still be refunded, so ${money(amount, order.currency)} can't be.`,
        );
      }
      const refundedCents = await refundPayments(tx, order.payments, amount);
      const remainingCents = refundable - refundedCents;
      const status = remainingCents === 0 ? "refunded" : order.status;
      if (status !== order.status) await tx.order.update({ where: { id: order.id }, data: { status } });
      return {
        orderNumber: order.number,
        refunded: money(refundedCents, order.currency),
        refundedCents,
        remaining: money(remainingCents, order.currency),
        status,
      };
    },
  );
  return { ...result, replayed };
}
