import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/model/canonical-json";
import { checkOutputSchema, compileOutputSchema } from "@/lib/model/guardrails/output-schema";

const schema = {
  type: "object",
  required: ["status", "amount"],
  additionalProperties: false,
  properties: {
    status: { enum: ["refunded", "declined"] },
    amount: { type: "number", minimum: 0 },
    date: { type: "string", format: "date" },
    items: { type: "array", items: { type: "object", required: ["sku"], properties: { sku: { type: "string" } } } },
  },
};

describe("checkOutputSchema", () => {
  it("passes JSON that matches", () => {
    expect(checkOutputSchema('{"status":"refunded","amount":12.5,"date":"2026-11-21"}', schema).outcome).toBe("pass");
  });

  it("blocks text that is not JSON", () => {
    const decision = checkOutputSchema("Sure! Here it is: {", schema);
    expect(decision.outcome).toBe("block");
    expect(decision.findings[0].type).toBe("invalid_json");
  });

  it("lists every error with its instance path", () => {
    const decision = checkOutputSchema(
      '{"status":"maybe","amount":-1,"extra":1,"date":"21/11/2026","items":[{}]}',
      JSON.stringify(schema),
    );
    expect(decision.outcome).toBe("block");
    const details = decision.findings.map((f) => f.detail);
    expect(details).toContain('/ must NOT have additional properties ("extra")');
    expect(details).toContain('/status must be equal to one of the allowed values: ["refunded","declined"]');
    expect(details).toContain("/amount must be >= 0");
    expect(details).toContain('/date must match format "date"');
    expect(details).toContain("/items/0 must have required property 'sku'");
    expect(decision.reason).toMatch(/^Reply does not match the output schema: .+ \(and 4 more\)\.$/);
  });

  it("compiles once per schema, whatever the key order", () => {
    const a = compileOutputSchema({ type: "object", properties: { a: { type: "string" } } });
    const b = compileOutputSchema('{"properties":{"a":{"type":"string"}},"type":"object"}');
    expect(a).toBe(b);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it("supports draft 2020-12 schemas and schemas that share an $id", () => {
    const draft2020 = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "reply",
      type: "array",
      prefixItems: [{ type: "string" }],
    };
    expect(checkOutputSchema('["ok"]', draft2020).outcome).toBe("pass");
    expect(checkOutputSchema("[1]", draft2020).outcome).toBe("block");
    expect(checkOutputSchema('{"a":1}', { $id: "reply", type: "object" }).outcome).toBe("pass");
  });

  it("throws a clear configuration error for an invalid schema", () => {
    expect(() => checkOutputSchema("{}", "{not json")).toThrow(/Output schema is not valid JSON/);
    expect(() => checkOutputSchema("{}", '{"type":"strnig"}')).toThrow(
      /Output schema is not a valid JSON Schema: .*type/,
    );
    expect(() => checkOutputSchema("{}", "[1,2]")).toThrow(/must be a JSON object or boolean/);
  });
});
