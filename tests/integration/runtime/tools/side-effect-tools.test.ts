import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Tx } from "@/lib/platform/db/client";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/client";
import { cancelOrder } from "@/lib/runtime/tools/cancel-order";
import { changeAddress, parseAddress } from "@/lib/runtime/tools/change-address";
import { money } from "@/lib/runtime/tools/money";
import { openTicket } from "@/lib/runtime/tools/open-ticket";
import { refundOrder } from "@/lib/runtime/tools/refund-order";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";
import { demoWorkspace } from "@/tests/support/factories";

let workspaceId: string;
const used = new Set<string>();

beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
});

const inTx = <T>(fn: (tx: Tx) => Promise<T>) => db().$transaction(fn);
const key = () => `test:${randomUUID()}`;
const base = (idempotencyKey: string) => ({ workspaceId, conversationId: null, idempotencyKey });

/**
 * A seeded order in `status` whose payments are all in `paymentStatus`, not used by another test in this file. The
 * seed has only two processing orders, so tests that leave status and payments alone (address changes) may share one
 * (`shared`); they run before the cancel tests, which consume both.
 */
async function seededOrder(status: OrderStatus, paymentStatus: PaymentStatus = "captured", { shared = false } = {}) {
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
async function snapshot(orderNumber: string) {
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

const effects = (idempotencyKey: string) => db().toolEffect.count({ where: { idempotencyKey } });

async function expectRefusal(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolRefusal);
  expect((error as ToolRefusal).message).toMatch(message);
}

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

describe("change_address", () => {
  it("stores the parsed address in the seed's shape, keeps the raw line, and replays a repeated key", async () => {
    const order = await seededOrder("processing", "captured", { shared: true });
    const k = key();
    const call = {
      ...base(k),
      orderNumber: order.number,
      address: "  742 Evergreen Terrace, Apt 2,  Springfield, OR 97403 ",
    };

    const first = await inTx((tx) => changeAddress(tx, call));
    expect(first).toEqual({
      orderNumber: order.number,
      address: "742 Evergreen Terrace, Apt 2, Springfield 97403, US",
      replayed: false,
    });
    const after = await snapshot(order.number);
    expect(after.shippingAddress).toEqual({
      line1: "742 Evergreen Terrace, Apt 2",
      city: "Springfield",
      postcode: "97403",
      country: "US",
      raw: "742 Evergreen Terrace, Apt 2, Springfield, OR 97403",
    });

    const second = await inTx((tx) => changeAddress(tx, call));
    expect(second).toEqual({ ...first, replayed: true });
    expect(await snapshot(order.number)).toEqual(after);
    expect(await effects(k)).toBe(1);
  });

  it("applies once when two transactions race with one key", async () => {
    const order = await seededOrder("processing", "captured", { shared: true });
    const k = key();
    const call = { ...base(k), orderNumber: order.number, address: "9 Mill St, Denver 80202" };
    const outcomes = await Promise.allSettled([
      inTx((tx) => changeAddress(tx, call)),
      inTx((tx) => changeAddress(tx, call)),
    ]);
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value);
    expect(fulfilled.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await effects(k)).toBe(1);
    expect((await snapshot(order.number)).shippingAddress).toMatchObject({
      line1: "9 Mill St",
      city: "Denver",
      postcode: "80202",
    });
  });

  it("refuses after shipping and for addresses it can't read, changing nothing", async () => {
    const shipped = await seededOrder("shipped");
    const processing = await seededOrder("processing", "captured", { shared: true });
    const cases: Array<[string, string, RegExp]> = [
      [shipped.number, "1 Main St, Austin 78701", /has already shipped, so its address can't be changed/],
      [processing.number, "somewhere near the park", /couldn't read that address/],
      [processing.number, "12 Oak Lane, 97205", /couldn't read that address/],
    ];
    for (const [orderNumber, address, message] of cases) {
      const before = await snapshot(orderNumber);
      const k = key();
      await expectRefusal(
        inTx((tx) => changeAddress(tx, { ...base(k), orderNumber, address })),
        message,
      );
      expect(await snapshot(orderNumber)).toEqual(before);
      expect(await effects(k)).toBe(0);
    }
  });

  it("parses common one-line address forms", () => {
    expect(parseAddress("12 Oak Lane, Portland 97205", "US")).toMatchObject({
      line1: "12 Oak Lane",
      city: "Portland",
      postcode: "97205",
      country: "US",
    });
    expect(parseAddress("221B Baker Street, London NW1 6XE, UK", "US")).toMatchObject({
      line1: "221B Baker Street",
      city: "London",
      postcode: "NW1 6XE",
      country: "GB",
    });
    expect(parseAddress("Hauptstraße 5, 10115 Berlin, Germany", "US")).toMatchObject({
      line1: "Hauptstraße 5",
      city: "Berlin",
      postcode: "10115",
      country: "DE",
    });
    expect(parseAddress("500 Main St, Boston, ma 02108-1234, USA", "GB")).toMatchObject({
      city: "Boston",
      postcode: "02108-1234",
      country: "US",
    });
    expect(parseAddress("12 Oak Lane Portland", "US")).toBeNull();
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

describe("open_ticket", () => {
  it("opens a ticket with a reference and replays a repeated key without a second ticket", async () => {
    const customer = await db().customer.findFirstOrThrow({ where: { workspaceId } });
    const k = key();
    const call = {
      ...base(k),
      subject: "  Parcel   arrived damaged ",
      body: "The box was crushed.",
      customerId: customer.id,
    };
    const countBefore = await db().supportTicket.count({ where: { workspaceId } });

    const first = await inTx((tx) => openTicket(tx, call));
    expect(first.replayed).toBe(false);
    expect(first.subject).toBe("Parcel arrived damaged");
    expect(first.reference).toBe(`T-${first.ticketId.slice(-6).toUpperCase()}`);
    expect(first.reference).toMatch(/^T-[A-Z0-9]{6}$/);
    const ticket = await db().supportTicket.findUniqueOrThrow({ where: { id: first.ticketId } });
    expect(ticket).toMatchObject({
      workspaceId,
      customerId: customer.id,
      conversationId: null,
      subject: "Parcel arrived damaged",
      body: "The box was crushed.",
      status: "open",
    });

    const second = await inTx((tx) => openTicket(tx, call));
    expect(second).toEqual({ ...first, replayed: true });
    expect(await db().supportTicket.count({ where: { workspaceId } })).toBe(countBefore + 1);
    expect(await effects(k)).toBe(1);
  });

  it("applies once when two transactions race with one key", async () => {
    const k = key();
    const call = { ...base(k), subject: "Race", body: "Two at once" };
    const countBefore = await db().supportTicket.count({ where: { workspaceId } });
    const outcomes = await Promise.allSettled([inTx((tx) => openTicket(tx, call)), inTx((tx) => openTicket(tx, call))]);
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value);
    expect(fulfilled.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await effects(k)).toBe(1);
    expect(await db().supportTicket.count({ where: { workspaceId } })).toBe(countBefore + 1);
  });

  it("refuses a ticket without a subject and creates nothing", async () => {
    const k = key();
    const countBefore = await db().supportTicket.count({ where: { workspaceId } });
    await expectRefusal(
      inTx((tx) => openTicket(tx, { ...base(k), subject: "   ", body: "no subject" })),
      /needs a short subject/,
    );
    expect(await db().supportTicket.count({ where: { workspaceId } })).toBe(countBefore);
    expect(await effects(k)).toBe(0);
  });
});
