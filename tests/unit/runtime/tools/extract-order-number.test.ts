import { describe, expect, it } from "vitest";
import { extractOrderNumber } from "@/lib/runtime/tools/order-number";

describe("order numbers in free text", () => {
  it("finds them in any case, with or without #", () => {
    expect(extractOrderNumber("where is a1001?")).toBe("A1001");
    expect(extractOrderNumber("order #B20456 please")).toBe("B20456");
  });

  it("ignores text without one", () => {
    expect(extractOrderNumber("where is my parcel")).toBeNull();
    expect(extractOrderNumber("call 5551234")).toBeNull();
  });
});
