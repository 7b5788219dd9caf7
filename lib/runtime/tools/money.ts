// Money as the tools show it and what a payment can still give back. No database, so any tool can import it.
import type { PaymentStatus } from "@/lib/generated/prisma/client";

/** Cents as money for reply templates: money(1250, "USD") is "$12.50". */
export const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);

/** Payments money can still go back to: captured, possibly already partly refunded. Disputed ones belong to the bank. */
export const REFUNDABLE: readonly PaymentStatus[] = ["captured", "partially_refunded"];

export function refundableCents(
  payments: { status: PaymentStatus; amountCents: number; refundedCents: number }[],
): number {
  return payments
    .filter((p) => REFUNDABLE.includes(p.status))
    .reduce((sum, p) => sum + Math.max(0, p.amountCents - p.refundedCents), 0);
}
