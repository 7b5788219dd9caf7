// Money as the tools show it and what a payment can still give back. No database, so any tool can import it.
import type { PaymentStatus } from "@/lib/generated/prisma/client";

const formats = new Map<string, Intl.NumberFormat>();

/** Cents as money for reply templates: money(1250, "USD") is "$12.50". */
export function money(cents: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    // Building a formatter costs more than a turn's other template work: one per currency per process.
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    formats.set(currency, format);
  }
  return format.format(cents / 100);
}

/** Payments money can still go back to: captured, possibly already partly refunded. Disputed ones belong to the bank. */
export const REFUNDABLE: readonly PaymentStatus[] = ["captured", "partially_refunded"];

export function refundableCents(
  payments: { status: PaymentStatus; amountCents: number; refundedCents: number }[],
): number {
  return payments
    .filter((p) => REFUNDABLE.includes(p.status))
    .reduce((sum, p) => sum + Math.max(0, p.amountCents - p.refundedCents), 0);
}
