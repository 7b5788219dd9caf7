import { describe, expect, it } from "vitest";
import { renderTemplate, templateVariables } from "@/lib/model/flow/template";

describe("reply templates", () => {
  it("fills nested variables and lists the ones it uses", () => {
    const template = "Order {{ order.number }} is {{order.status}}.";
    expect(templateVariables(template)).toEqual(["order.number", "order.status"]);
    expect(renderTemplate(template, { order: { number: "A1001", status: "shipped" } })).toEqual({
      text: "Order A1001 is shipped.",
      missing: [],
    });
  });

  it("reports unknown variables instead of inventing values", () => {
    expect(renderTemplate("Hi {{customer.name}}", {}).missing).toEqual(["customer.name"]);
  });

  it("keeps zero and false, which are real values", () => {
    expect(renderTemplate("{{a}} {{b}}", { a: 0, b: false }).text).toBe("0 false");
  });
});
