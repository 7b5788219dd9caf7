// Knowledge factors: an order number together with the e-mail address or the postcode on that order. The answer is
// the same whether the order does not exist or the second factor is wrong, so nothing is learned from a failure.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { samePostcode } from "@/lib/runtime/tools/parse-address";

export type KnowledgeClaim = { orderNumber: string; email: string | null; postcode: string | null };

/** The order's customer when the factors match, with who the claim named (null when no such order). */
export async function checkKnowledge(
  tx: Tx,
  workspaceId: string,
  claim: KnowledgeClaim,
): Promise<{ ok: boolean; customerId: string | null }> {
  const order = await tx.order.findUnique({
    where: { workspaceId_number: { workspaceId, number: claim.orderNumber } },
    select: { customerId: true, shippingAddress: true, customer: { select: { email: true } } },
  });
  if (!order) return { ok: false, customerId: null };
  const postcode = (order.shippingAddress as { postcode?: unknown } | null)?.postcode;
  const ok =
    (claim.email != null && claim.email.toLowerCase() === order.customer.email.toLowerCase()) ||
    (claim.postcode != null && typeof postcode === "string" && samePostcode(claim.postcode, postcode));
  return { ok, customerId: order.customerId };
}
