import { describe, expect, it } from "vitest";
import { checkExactWording } from "@/lib/model/guardrails/exact-wording";
import { checkRequiredDisclosures } from "@/lib/model/guardrails/required-disclosures";

describe("checkRequiredDisclosures", () => {
  const disclosure = "This call may be recorded for quality purposes.";

  it("passes when each disclosure appears verbatim, whitespace aside", () => {
    const reply = "Hello!\nThis call may be\n  recorded for quality\u00A0purposes. How can I help?";
    expect(checkRequiredDisclosures(reply, [disclosure]).outcome).toBe("pass");
    expect(checkRequiredDisclosures("anything", []).outcome).toBe("pass");
  });

  it("blocks and names each missing disclosure", () => {
    const decision = checkRequiredDisclosures("this call may be recorded for quality purposes.", [
      disclosure,
      "Terms apply.",
    ]);
    expect(decision.outcome).toBe("block");
    expect(decision.reason).toBe(`Missing required disclosure: "${disclosure}" and 1 more.`);
    expect(decision.findings.map((f) => f.detail)).toEqual([disclosure, "Terms apply."]);
  });
});

describe("checkExactWording", () => {
  const template = "Your refund of {{amount}} for order {{order.number}} has been issued.";
  const variables = { amount: "$120.50", order: { number: "A1001" } };

  it("passes the filled template, ignoring outer whitespace and line endings", () => {
    expect(
      checkExactWording("  Your refund of $120.50 for order A1001 has been issued.\r\n", template, variables).outcome,
    ).toBe("pass");
  });

  it("escalates a mismatch, naming the first difference", () => {
    const decision = checkExactWording("Your refund of $12.50 for order A1001 has been issued.", template, variables);
    expect(decision.outcome).toBe("escalate");
    expect(decision.reason).toBe(
      'Reply differs from the approved wording at character 18: expected "und of $120.50 for order A1001 has been …", got "und of $12.50 for order A1001 has been i…".',
    );
    expect(decision.findings[0]).toMatchObject({ type: "wording_mismatch", span: [18, 19] });
  });

  it("reports a reply that stops early or runs on", () => {
    expect(checkExactWording("Your refund of $120.50", template, variables).reason).toContain("got end of text");
    const longer = checkExactWording(
      "Your refund of $120.50 for order A1001 has been issued. Anything else?",
      template,
      variables,
    );
    expect(longer.reason).toContain("expected end of text");
  });

  it("escalates when a variable has no value", () => {
    const decision = checkExactWording("Your refund of  for order A1001 has been issued.", template, {
      order: { number: "A1001" },
    });
    expect(decision.outcome).toBe("escalate");
    expect(decision.reason).toContain("{{amount}}");
    expect(decision.findings).toEqual([{ type: "missing_variable", detail: "amount" }]);
  });

  it("can compare with whitespace collapsed", () => {
    const reply = "Your refund of $120.50 for order A1001\nhas been   issued.";
    expect(checkExactWording(reply, template, variables).outcome).toBe("escalate");
    expect(checkExactWording(reply, template, variables, { normalizeWhitespace: true }).outcome).toBe("pass");
  });
});
