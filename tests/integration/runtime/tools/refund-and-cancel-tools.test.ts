// refund_order and cancel_order: partial and full refunds, cancelling with a full refund, replays of a repeated key,
// races on one key, and refusals that change nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { cancelOrder } from "@/lib/runtime/tools/cancel-order";
import { money } from "@/lib/runtime/tools/money";
import { refundOrder } from "@/lib/runtime/tools/refund-order";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";
import {
  base,
  effects,
  expectRefusal,
  inTx,
  key,
  seededOrder,
  snapshot,
  workspaceId,
} from "@/tests/integration/runtime/tools/side-effect-tools-helpers";

describe("refund_order", () => {
  it("refunds part, then the rest, and marks the order refunded", async () => {
    const order = await seededOrder("delivered");
    const total = order.payments[0].amountCents;

    const first = await inTx((tx) =>
      refundOrder(tx, { ...base(key()), orderNumber: order.number, amountCents: 1250, reason: "late" }),
    );
    expect(first).toEqual({
      orderNumber: order.number,
      refunded: "$12.50",
      refundedCents: 1250,
      remaining: money(total - 1250, "USD"),
      status: "delivered",
      replayed: false,
    });
    expect((await snapshot(order.number)).payments).toEqual([
      { id: order.payments[0].id, status: "partially_refunded", refundedCents: 1250 },
    ]);

    const rest = await inTx((tx) => refundOrder(tx, { ...base(key()), orderNumber: order.number, reason: "damaged" }));
    expect(rest).toMatchObject({
      refundedCents: total - 1250,
      remaining: "$0.00",
      status: "refunded",
      replayed: false,
    });
    const after = await snapshot(order.number);
    expect(after.status).toBe("refunded");
    expect(after.payments).toEqual([{ id: order.payments[0].id, status: "refunded", refundedCents: total }]);

    const again = key();
    await expectRefusal(
      inTx((tx) => refundOrder(tx, { ...base(again), orderNumber: order.number, reason: "again" })),
      /already been fully refunded/,
    );
    expect(await snapshot(order.number)).toEqual(after);
    expect(await effects(again)).toBe(0);
  });

  it("replays a repeated key: same result, replayed, nothing changed", async () => {
    const order = await seededOrder("shipped");
    const k = key();
    const call = { ...base(k), orderNumber: order.number, amountCents: 500, reason: "goodwill" };
    const first = await inTx((tx) => refundOrder(tx, call));
    const before = await snapshot(order.number);

    const second = await inTx((tx) => refundOrder(tx, call));
    expect(second).toEqual({ ...first, replayed: true });
    expect(await snapshot(order.number)).toEqual(before);
    expect(before.payments[0].refundedCents).toBe(500);
    expect(await effects(k)).toBe(1);
    const effect = await db().toolEffect.findUniqueOrThrow({ where: { idempotencyKey: k } });
    expect(effect).toMatchObject({
      tool: "refund_order",
      workspaceId,
      input: { orderNumber: order.number, amountCents: 500, reason: "goodwill" },
    });
  });

  it("applies once when two transactions race with one key", async () => {
    const order = await seededOrder("delivered");
    const k = key();
    const call = { ...base(k), orderNumber: order.number, amountCents: 700, reason: "race" };
    const outcomes = await Promise.allSettled([
      inTx((tx) => refundOrder(tx, call)),
      inTx((tx) => refundOrder(tx, call)),
    ]);

    const fulfilled = outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value);
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    expect(fulfilled.filter((r) => !r.replayed)).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(String(o.reason)).toMatch(/unique|P2002/i);
    expect(await effects(k)).toBe(1);
    expect((await snapshot(order.number)).payments[0].refundedCents).toBe(700);
  });

  it("lets only one of two concurrent full refunds with different keys through", async () => {
    const order = await seededOrder("delivered");
    const [a, b] = [key(), key()];
    const outcomes = await Promise.allSettled([
      inTx((tx) => refundOrder(tx, { ...base(a), orderNumber: order.number, reason: "one" })),
      inTx((tx) => refundOrder(tx, { ...base(b), orderNumber: order.number, reason: "two" })),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ToolRefusal);
    expect((await effects(a)) + (await effects(b))).toBe(1);
    expect((await snapshot(order.number)).payments[0].refundedCents).toBe(order.payments[0].amountCents);
  });

  it("refuses unknown, cancelled, disputed and over-large refunds and changes nothing", async () => {
    const delivered = await seededOrder("delivered");
    const cancelled = await seededOrder("cancelled");
    const disputed = await seededOrder("delivered", "disputed");
    const cases: Array<[string, number | null, RegExp]> = [
      ["Z9999", null, /couldn't find an order numbered Z9999/],
      [cancelled.number, null, /was cancelled, so there is nothing to refund/],
      [disputed.number, null, /open payment dispute/],
      [
        delivered.number,
        delivered.payments[0].amountCents + 1,
        new RegExp(`Only \\$[\\d,.]+ of order ${delivered.number} can still be refunded`),
      ],
      [delivered.number, 0, /positive amount/],
    ];
    for (const [orderNumber, amountCents, message] of cases) {
      const before = orderNumber === "Z9999" ? null : await snapshot(orderNumber);
      const k = key();
      await expectRefusal(
        inTx((tx) => refundOrder(tx, { ...base(k), orderNumber, amountCents, reason: "test" })),
        message,
      );
      if (before) expect(await snapshot(orderNumber)).toEqual(before);
      expect(await effects(k)).toBe(0);
    }
  });
});

describe("cancel_order", () => {
  it("cancels a processing order, refunds it in full, and replays a repeated key", async () => {
    const order = await seededOrder("processing");
    const total = order.payments.reduce((sum, p) => sum + p.amountCents, 0);
    const k = key();
    const call = { ...base(k), orderNumber: order.number, reason: "changed my mind" };

    const first = await inTx((tx) => cancelOrder(tx, call));
    expect(first).toEqual({
      orderNumber: order.number,
      status: "cancelled",
      refunded: money(total, "USD"),
      refundedCents: total,
      replayed: false,
    });
    const after = await snapshot(order.number);
    expect(after.status).toBe("cancelled");
    expect(after.payments.every((p) => p.status === "refunded")).toBe(true);
    expect(after.payments.reduce((sum, p) => sum + p.refundedCents, 0)).toBe(total);

    const second = await inTx((tx) => cancelOrder(tx, call));
    expect(second).toEqual({ ...first, replayed: true });
    expect(await snapshot(order.number)).toEqual(after);
    expect(await effects(k)).toBe(1);

    const other = key();
    await expectRefusal(
      inTx((tx) => cancelOrder(tx, { ...base(other), orderNumber: order.number, reason: "again" })),
      /already cancelled/,
    );
    expect(await effects(other)).toBe(0);
  });

  it("applies once when two transactions race with one key", async () => {
    const order = await seededOrder("processing");
    const k = key();
    const call = { ...base(k), orderNumber: order.number, reason: "race" };
    const outcomes = await Promise.allSettled([
      inTx((tx) => cancelOrder(tx, call)),
      inTx((tx) => cancelOrder(tx, call)),
    ]);
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value);
    expect(fulfilled.filter((r) => !r.replayed)).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect(String(o.reason)).toMatch(/unique|P2002/i);
    expect(await effects(k)).toBe(1);
    expect((await snapshot(order.number)).status).toBe("cancelled");
  });

  it("refuses shipped and delivered orders with the reason and changes nothing", async () => {
    const shipped = await seededOrder("shipped");
    const delivered = await seededOrder("delivered");
    for (const [order, message] of [
      [
        shipped,
        `Order ${shipped.number} has already shipped, so it can't be cancelled; you can return it once it arrives.`,
      ],
      [
        delivered,
        `Order ${delivered.number} has already been delivered, so it can't be cancelled; you can return it instead.`,
      ],
    ] as const) {
      const before = await snapshot(order.number);
      const k = key();
      const error = await inTx((tx) =>
        cancelOrder(tx, { ...base(k), orderNumber: order.number, reason: "test" }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolRefusal);
      expect((error as ToolRefusal).message).toBe(message);
      expect(await snapshot(order.number)).toEqual(before);
      expect(await effects(k)).toBe(0);
    }
  });
});
