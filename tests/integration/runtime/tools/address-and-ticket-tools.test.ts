// change_address and open_ticket: the parsed address in the seed's shape, a ticket with a reference, replays of a
// repeated key, races on one key, and refusals that change nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { changeAddress } from "@/lib/runtime/tools/change-address";
import { parseAddress } from "@/lib/runtime/tools/parse-address";
import { openTicket } from "@/lib/runtime/tools/open-ticket";
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
