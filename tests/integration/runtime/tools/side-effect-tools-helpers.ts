// Shared by the side-effect tool tests: the demo workspace, a transaction, idempotency keys, seeded orders no other
// test in the same file has used, a before/after snapshot of an order, the tool_effect rows of a key, and a refusal
// check.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db, type Tx } from "@/lib/platform/db/client";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/client";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";
import { demoWorkspace } from "@/tests/support/factories";

export const workspaceId = (await demoWorkspace()).id;
const used = new Set<string>();

export const inTx = <T>(fn: (tx: Tx) => Promise<T>) => db().$transaction(fn);
export const key = () => `test:${randomUUID()}`;
export const base = (idempotencyKey: string) => ({ workspaceId, conversationId: null, idempotencyKey });

/**
 * A seeded order in `status` whose payments are all in `paymentStatus`, not used by another test in the same file
 * (each test file clones its own database). The seed has only two processing orders, so tests that leave status and
 * payments alone (address changes) may share one (`shared`); the cancel tests consume both.
 */
export async function seededOrder(
  status: OrderStatus,
  paymentStatus: PaymentStatus = "captured",
  { shared = false } = {},
) {
  const orders = await db().order.findMany({
    where: { workspaceId, status, payments: { some: {}, every: { status: paymentStatus } } },
    orderBy: { number: "asc" },
    include: { payments: true },
  });
  const order = orders.find((o) => !used.has(o.number));
  if (!order) throw new Error(`no unused seeded ${status} order with ${paymentStatus} payments`);
  if (!shared) used.add(order.number);
  return order;
}

/** Everything a tool could touch for one order, to compare before/after. */
export async function snapshot(orderNumber: string) {
  const order = await db().order.findUniqueOrThrow({
    where: { workspaceId_number: { workspaceId, number: orderNumber } },
    include: { payments: { orderBy: { id: "asc" } } },
  });
  return {
    status: order.status,
    shippingAddress: order.shippingAddress,
    payments: order.payments.map((p) => ({ id: p.id, status: p.status, refundedCents: p.refundedCents })),
  };
}

export const effects = (idempotencyKey: string) => db().toolEffect.count({ where: { idempotencyKey } });

export async function expectRefusal(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolRefusal);
  expect((error as ToolRefusal).message).toMatch(message);
}
