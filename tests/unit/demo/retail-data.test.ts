import { describe, expect, it } from "vitest";
import { retailDemoData } from "@/prisma/demo/retail-data";

describe("the retail demo data", () => {
  it("is identical on every run", () => {
    expect(JSON.stringify(retailDemoData())).toBe(JSON.stringify(retailDemoData()));
  });

  it("has the fixture orders the demo and tests rely on", () => {
    const { orders, customers } = retailDemoData();
    const byNumber = new Map(orders.map((o) => [o.number, o]));
    expect(byNumber.get("A1001")).toMatchObject({ status: "shipped", customerRef: "C-1001" });
    expect(byNumber.get("A1002")?.status).toBe("delivered");
    expect(byNumber.get("A1003")?.status).toBe("processing");
    expect(byNumber.get("A1005")?.payment.status).toBe("disputed");
    expect(new Set(customers.map((c) => c.email)).size).toBe(customers.length);
    for (const order of orders) {
      expect(order.carrier === null).toBe(order.trackingNumber === null);
      if (order.payment.method !== "card") expect(order.payment.cardLast4).toBeNull();
    }
  });
});
