import { describe, expect, it } from "vitest";
import { redactPii, redactPiiText } from "@/lib/model/guardrails/redact-pii";
import { luhnValid } from "@/lib/model/guardrails/checksums";
import { TRUNCATED_MARKER } from "@/lib/model/guardrails/redact-pii";

describe("redactPiiText", () => {
  it("is idempotent, including where removing one finding exposes another", () => {
    const samples = [
      "a@b.com+15551234567",
      "card 4111 1111 1111 1111, iban GB82 WEST 1234 5698 7654 32, ssn 123-45-6789, call +44 20 7946 0958",
      "[card] [phone] [email] [iban] [national_id]",
      "x@y.co4111111111111111",
    ];
    for (const sample of samples) {
      const once = redactPiiText(sample);
      expect(redactPiiText(once)).toBe(once);
    }
    expect(redactPiiText("a@b.com+15551234567")).toBe("[email][phone]");
  });

  it("is idempotent on random mixtures of digits, separators and letters", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = "0123456789012345678901234567890123456789 - . + ( ) @ab.comGBXZ/:";
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 80 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      const once = redactPiiText(text);
      expect(redactPiiText(once), text).toBe(once);
    }
  });

  it("stays fast on hostile inputs (no catastrophic backtracking)", () => {
    const hostile = [
      "a".repeat(200_000),
      "1".repeat(200_000),
      "1 ".repeat(100_000),
      "1-".repeat(100_000),
      "a.".repeat(100_000) + "@",
      "+1 ".repeat(70_000),
      "(1) ".repeat(50_000),
      "x@a.".repeat(50_000),
      "GB82".repeat(50_000),
      "1234 5678 ".repeat(20_000),
    ];
    for (const text of hostile) {
      const started = performance.now();
      redactPiiText(text);
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(2_000);
    }
  });

  it("never passes text beyond the scan cap through unscanned", () => {
    const text = "a".repeat(100) + " 4111111111111111";
    const redacted = redactPiiText(text, { maxScanChars: 100 });
    expect(redacted).toBe("a".repeat(100) + TRUNCATED_MARKER);
    expect(redactPiiText(redacted, { maxScanChars: 100 })).toBe(redacted);
  });
});

describe("redactPii", () => {
  it("redacts strings deep inside JSON-like values and keeps keys and other values", () => {
    const value = {
      "a@b.com": "owner",
      customer: { email: "jane@example.com", phones: ["+44 20 7946 0958", 42], vip: true, note: null },
      at: new Date(0),
    };
    expect(redactPii(value)).toEqual({
      "a@b.com": "owner",
      customer: { email: "[email]", phones: ["[phone]", 42], vip: true, note: null },
      at: new Date(0),
    });
  });

  it("does not mutate its input and survives cycles", () => {
    const value: Record<string, unknown> = { card: "4111111111111111" };
    value.self = value;
    const redacted = redactPii(value) as Record<string, unknown>;
    expect(value.card).toBe("4111111111111111");
    expect(redacted).toEqual({ card: "[card]", self: "[circular]" });
  });
});

describe("luhnValid", () => {
  it("accepts valid card numbers only", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("79927398713")).toBe(false); // valid Luhn but too short for a card
    expect(luhnValid("4111-1111")).toBe(false);
  });
});

describe("redactPii with a memo", () => {
  it("records each text's redaction and answers a text it has seen from the memo, without scanning it again", () => {
    const memo = new Map<string, string>();
    const text = "my card is 4111 1111 1111 1111";
    expect(redactPii({ a: text, b: [text] }, { memo })).toEqual({ a: "my card is [card]", b: ["my card is [card]"] });
    expect(memo.get(text)).toBe("my card is [card]");
    // What the memo says is what comes back: it is only ever filled by redaction itself.
    memo.set("seen before", "[as redacted before]");
    expect(redactPii({ text: "seen before" }, { memo })).toEqual({ text: "[as redacted before]" });
  });
});
