import { describe, expect, it } from "vitest";
import { fillPlaceholders, firstName } from "@/lib/features/inbox/placeholders";

const values = { customer: { name: "Ada Lovelace", firstName: "Ada", ref: "C-1001" }, operator: { name: "Olga" } };

describe("fillPlaceholders", () => {
  it("fills the known placeholders, with spaces and any case", () => {
    expect(
      fillPlaceholders(
        "Hi {{customer.first_name}} ({{ customer.ref }}), I'm {{Operator.Name}}. {{customer.name}}",
        values,
      ),
    ).toEqual({
      text: "Hi Ada (C-1001), I'm Olga. Ada Lovelace",
      unfilled: [],
    });
  });

  it("leaves unknown placeholders and ones without a value as typed, and reports them once", () => {
    const anonymous = { customer: null, operator: { name: "Olga" } };
    expect(
      fillPlaceholders("Hi {{customer.name}} {{customer.name}} {{order.total}} {{operator.name}}", anonymous),
    ).toEqual({
      text: "Hi {{customer.name}} {{customer.name}} {{order.total}} Olga",
      unfilled: ["customer.name", "order.total"],
    });
  });

  it("does not interpret the values it inserts", () => {
    const tricky = { customer: { name: "{{operator.name}}", firstName: "$&", ref: "x" }, operator: { name: "Olga" } };
    expect(fillPlaceholders("{{customer.name}} {{customer.first_name}}", tricky).text).toBe("{{operator.name}} $&");
  });

  it("takes the first name from a full name", () => {
    expect(firstName("  Grace  Hopper ")).toBe("Grace");
    expect(firstName("")).toBe("");
  });
});
