// A customer's most recent orders from the workspace's own data: number, date, status, total, items and payments.
// Nothing links out: orders have no page of their own in the console.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { OrderView } from "@/lib/features/customers/customer-sections";
import { PanelNote } from "./context-panel-parts";

const ORDER_TONES: Record<string, BadgeTone> = {
  processing: "indigo",
  shipped: "sky",
  delivered: "green",
  cancelled: "neutral",
  refunded: "amber",
};

const formats = new Map<string, Intl.NumberFormat>();
export function formatMoney(cents: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    formats.set(currency, format);
  }
  return format.format(cents / 100);
}

function paymentLine(p: OrderView["payments"][number], currency: string): string {
  const method = p.method.replace(/_/g, " ");
  const refunded = p.refundedCents > 0 ? `, ${formatMoney(p.refundedCents, currency)} refunded` : "";
  return `${method} ${formatMoney(p.amountCents, currency)} · ${p.status.replace(/_/g, " ")}${refunded}`;
}

export function OrderList({ orders, total }: { orders: OrderView[]; total: number }) {
  if (orders.length === 0) return <PanelNote testId="orders-empty">No orders from this customer.</PanelNote>;
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {orders.map((order) => (
          <li
            key={order.id}
            className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
            data-testid="context-order"
            data-number={order.number}
          >
            <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
              <span className="font-mono font-medium text-slate-900">{order.number}</span>
              <Badge tone={ORDER_TONES[order.status] ?? "neutral"}>{order.status}</Badge>
            </div>
            <div className="mt-0.5 flex flex-wrap justify-between gap-x-3 text-xs text-slate-600">
              <Time value={order.placedAt} />
              <span className="font-medium tabular-nums text-slate-900">
                {formatMoney(order.totalCents, order.currency)}
              </span>
            </div>
            <ul className="mt-1.5 space-y-0.5 text-xs text-slate-700" aria-label={`Items of order ${order.number}`}>
              {order.items.map((item) => (
                <li key={item.id} className="flex justify-between gap-2">
                  <span className="min-w-0 break-words">
                    {item.quantity} × {item.name}
                  </span>
                  <span className="tabular-nums">
                    {formatMoney(item.unitPriceCents * item.quantity, order.currency)}
                  </span>
                </li>
              ))}
              {order.itemCount > order.items.length ? (
                <li className="text-slate-600">and {order.itemCount - order.items.length} more</li>
              ) : null}
            </ul>
            {order.payments.length ? (
              <p className="mt-1 text-xs text-slate-600">
                {order.payments.map((p) => paymentLine(p, order.currency)).join("; ")}
                {order.carrier ? ` · ships with ${order.carrier}` : ""}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {total > orders.length ? (
        <p className="text-xs text-slate-600">
          The {orders.length} most recent of {total} orders.
        </p>
      ) : null}
    </div>
  );
}
