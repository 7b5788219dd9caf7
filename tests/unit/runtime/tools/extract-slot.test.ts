import { describe, expect, it } from "vitest";
import { slotSchema } from "@/lib/model/flow/schema";
import { SLOT_KINDS } from "@/lib/model/flow/slot-kinds";
import { extractAddress, extractSlot, partialAddress } from "@/lib/runtime/tools/extract-slot";
import { extractOrderNumber } from "@/lib/runtime/tools/order-number";

describe("order numbers", () => {
  it("keeps the existing behaviour", () => {
    expect(extractSlot("order_number", "where is a1001?")).toBe("A1001");
    expect(extractSlot("order_number", "order #B20456 please")).toBe("B20456");
    expect(extractSlot("order_number", "call 5551234")).toBeNull();
  });

  it("skips look-alikes inside e-mail addresses", () => {
    expect(extractOrderNumber("write to a1001@example.com about C2002")).toBe("C2002");
    expect(extractOrderNumber("a1001@example.com")).toBeNull();
  });
});

describe("amounts", () => {
  it.each([
    ["refund $120 please", 120],
    ["it was $ 120.50", 120.5],
    ["120.50 dollars", 120.5],
    ["€45", 45],
    ["45€ for shipping", 45],
    ["USD 30", 30],
    ["usd30", 30],
    ["30 EUR", 30],
    ["100 bucks", 100],
    ["£1,299.99", 1299.99],
    ["$1,299", 1299],
    ["€1.299,99", 1299.99],
    ["12,50 €", 12.5],
    ["$2,500,000", 2500000],
    ["50 cents", 0.5],
    ["it cost 1,299.99", 1299.99],
    ["I paid 85", 85],
    ["the total was 64.10 and shipping", 64.1],
    ["120", 120],
    ["1,299.99.", 1299.99],
  ])("reads %j", (text, amount) => {
    expect(extractSlot("amount", text)).toBe(amount);
  });

  it("takes the first amount, never an order number's digits or a date", () => {
    expect(extractSlot("amount", "Order A1001 was $120.50, refund €20")).toBe(120.5);
    expect(extractSlot("amount", "order A1001 please refund")).toBeNull();
    expect(extractSlot("amount", "A1001 dollars")).toBeNull();
    expect(extractSlot("amount", "delivered 2026-11-21")).toBeNull();
    expect(extractSlot("amount", "on 21/11/2026 I paid")).toBeNull();
    expect(extractSlot("amount", "at 14:30 today")).toBeNull();
    expect(extractSlot("amount", "call +44 20 7946 0958")).toBeNull();
    expect(extractSlot("amount", "I ordered 3 items 2 weeks ago")).toBeNull();
    expect(extractSlot("amount", "I paid for 2 items")).toBeNull();
    expect(extractSlot("amount", "20% off")).toBeNull();
  });
});

describe("dates", () => {
  // Saturday 21 November 2026, 14:30 UTC.
  const now = new Date("2026-11-21T14:30:00Z");
  const date = (text: string, options: Parameters<typeof extractSlot>[2] = {}) =>
    extractSlot("date", text, { now, ...options });

  it("reads ISO and numeric dates, preferring day-first when ambiguous", () => {
    expect(date("delivered 2026-11-03 around noon")).toBe("2026-11-03");
    expect(date("delivered 2026/11/03")).toBe("2026-11-03");
    expect(date("on 21/11/2026")).toBe("2026-11-21");
    expect(date("on 11/21/2026")).toBe("2026-11-21");
    expect(date("on 03/04/2026")).toBe("2026-04-03");
    expect(date("on 03/04/2026", { dateOrder: "mdy" })).toBe("2026-03-04");
    expect(date("on 21.11.26")).toBe("2026-11-21");
    expect(date("on 31/02/2026")).toBeNull();
  });

  it("reads named months, with or without a year", () => {
    expect(date("it arrived March 3")).toBe("2027-03-03");
    expect(date("it arrived on the 3rd of March 2026")).toBe("2026-03-03");
    expect(date("Nov 2nd")).toBe("2026-11-02");
    expect(date("3 Sept, 2025")).toBe("2025-09-03");
    expect(date("on December 25th, 2026")).toBe("2026-12-25");
    expect(date("Since June 1 nothing")).toBe("2026-06-01");
  });

  it("resolves relative dates against now in the given time zone", () => {
    expect(date("today")).toBe("2026-11-21");
    expect(date("it came yesterday")).toBe("2026-11-20");
    expect(date("deliver tomorrow")).toBe("2026-11-22");
    expect(date("the day before yesterday")).toBe("2026-11-19");
    expect(date("3 days ago")).toBe("2026-11-18");
    expect(date("a week ago")).toBe("2026-11-14");
    expect(date("in two weeks")).toBe("2026-12-05");
    expect(date("last Tuesday")).toBe("2026-11-17");
    expect(date("last saturday")).toBe("2026-11-14");
    expect(date("next Monday")).toBe("2026-11-23");
    expect(date("today", { timeZone: "Pacific/Kiritimati" })).toBe("2026-11-22");
    expect(date("yesterday", { now: new Date("2026-11-21T02:00:00Z"), timeZone: "America/New_York" })).toBe(
      "2026-11-19",
    );
  });

  it("ignores what is not a date", () => {
    expect(date("order A1001 for $3.50")).toBeNull();
    expect(date("on Tuesday")).toBeNull();
    expect(date("call 555-123-4567")).toBeNull();
    expect(date("at 14:30")).toBeNull();
    expect(date("I may 2 do it")).toBeNull();
  });

  it("takes the first date mentioned", () => {
    expect(date("ordered yesterday, promised for 2026-11-25")).toBe("2026-11-20");
  });
});

describe("contact details", () => {
  it("reads e-mail addresses, lower-cased", () => {
    expect(extractSlot("email", "I am Jane.Doe@Example.com")).toBe("jane.doe@example.com");
    expect(extractSlot("email", "no address here @home")).toBeNull();
  });

  it("prefers the customer's own address", () => {
    expect(extractSlot("customer_email", "support@shop.com told me to write. My new email is Ann@x.io")).toBe(
      "ann@x.io",
    );
    expect(extractSlot("customer_email", "please use ann@x.io, not old@x.io")).toBe("ann@x.io");
    expect(extractSlot("customer_email", "not old@x.io but ann@x.io")).toBe("ann@x.io");
    expect(extractSlot("customer_email", "ann@x.io")).toBe("ann@x.io");
    expect(extractSlot("customer_email", "I got a mail from noreply@shop.com")).toBeNull();
  });

  it("reads phone numbers but not dates or amounts", () => {
    expect(extractSlot("phone", "call me on +44 20 7946 0958.")).toBe("+44 20 7946 0958");
    expect(extractSlot("phone", "my number is (555) 123-4567")).toBe("(555) 123-4567");
    expect(extractSlot("phone", "on 2026-11-21 14:30 I paid $1,299.99")).toBeNull();
    expect(extractSlot("phone", "ssn 123-45-6789")).toBeNull();
  });

  it("reads the last four digits of a card", () => {
    expect(extractSlot("card_last4", "the card ending in 4242")).toBe("4242");
    expect(extractSlot("card_last4", "visa ends with: 1881")).toBe("1881");
    expect(extractSlot("card_last4", "last four digits are 0005")).toBe("0005");
    expect(extractSlot("card_last4", "charged to **** **** **** 4444")).toBe("4444");
    expect(extractSlot("card_last4", "xxxx-1111")).toBe("1111");
    expect(extractSlot("card_last4", "my card 4111 1111 1111 1111")).toBe("1111");
    expect(extractSlot("card_last4", "the Visa 4242 was charged")).toBe("4242");
    expect(extractSlot("card_last4", "order A1001 for $4242")).toBeNull();
    expect(extractSlot("card_last4", "card 4111 1111 1111 1112")).toBeNull();
  });

  it("reads valid IBANs only", () => {
    expect(extractSlot("iban", "refund to gb82 west 1234 5698 7654 32 please")).toBe("GB82WEST12345698765432");
    expect(extractSlot("iban", "GB82 WEST 1234 5698 7654 33")).toBeNull();
  });
});

describe("text and kinds", () => {
  it("returns trimmed text or null", () => {
    expect(extractSlot("text", "  hello ")).toBe("hello");
    expect(extractSlot("text", "   ")).toBeNull();
  });

  it("reads every slot kind the flow schema accepts, and finds nothing in a message without values", () => {
    expect(slotSchema.shape.kind.options).toEqual([...SLOT_KINDS]);
    for (const kind of SLOT_KINDS) expect(extractSlot(kind, kind === "text" ? "" : "hello there")).toBeNull();
  });
});

describe("addresses", () => {
  it("finds a full address after an order number, from its house number on", () => {
    expect(extractSlot("address", "change order A1050 to 5 Main St, Springfield 62701.")).toBe(
      "5 Main St, Springfield 62701",
    );
    expect(extractAddress("send it to 221B Baker Street, London NW1 6XE, UK")).toBe(
      "221B Baker Street, London NW1 6XE, UK",
    );
  });

  it("never takes an address without a city and postcode, but keeps a street to complete", () => {
    expect(extractAddress("change order A1050 to 5 Main St, Springfield")).toBeNull();
    expect(partialAddress("change order A1050 to 5 Main St, Springfield")).toBe("5 Main St, Springfield");
    expect(partialAddress("deliver it to 44 High Street instead")).toBe("44 High Street instead");
  });

  it("does not read counts or order numbers as streets", () => {
    expect(partialAddress("I ordered 2 items from A1050")).toBeNull();
    expect(extractAddress("order A1050 please")).toBeNull();
  });
});

describe("card digits as an answer", () => {
  it("reads a bare four-digit answer and 'the one ending 9335'", () => {
    expect(extractSlot("card_last4", "9335")).toBe("9335");
    expect(extractSlot("card_last4", "the one ending 9335")).toBe("9335");
    expect(extractSlot("card_last4", "it's 9335.")).toBe("9335");
    expect(extractSlot("card_last4", "I have 2 cards")).toBeNull();
  });
});
