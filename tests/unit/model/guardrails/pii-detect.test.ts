import { describe, expect, it } from "vitest";
import { detectPii } from "@/lib/model/guardrails/detect-pii";
import { redactPiiText } from "@/lib/model/guardrails/redact-pii";

const types = (text: string) => detectPii(text).map((m) => (m.detail ? `${m.type}:${m.detail}` : m.type));

describe("cards", () => {
  it("redacts Luhn-valid numbers written compact, spaced or dashed", () => {
    expect(redactPiiText("card 4111111111111111 please")).toBe("card [card] please");
    expect(redactPiiText("4242 4242 4242 4242")).toBe("[card]");
    expect(redactPiiText("5555-5555-5555-4444")).toBe("[card]");
    expect(redactPiiText("amex 3782 822463 10005")).toBe("amex [card]");
  });

  it("keeps the expiry that follows the card", () => {
    expect(redactPiiText("4111 1111 1111 1111 12 27")).toBe("[card] 12 27");
    expect(redactPiiText("card 4111 1111 1111 1111 exp 12/27")).toBe("card [card] exp 12/27");
  });

  it("reports offsets into the original text", () => {
    const [match] = detectPii("pay 4242-4242-4242-4242 now");
    expect(match).toEqual({ type: "card", start: 4, end: 23, value: "4242-4242-4242-4242" });
  });

  it("leaves numbers that fail Luhn or are not grouped like a card", () => {
    expect(redactPiiText("4111111111111112")).toBe("4111111111111112");
    expect(redactPiiText("0000 0000 0000 0000")).toBe("0000 0000 0000 0000");
    expect(redactPiiText("SKU4111111111111111")).toBe("SKU4111111111111111");
    // Two SSN-shaped strings next to each other happen to pass Luhn as 18 digits; they are not a card.
    expect(types("000-12-3456 666-12-3456")).toEqual([]);
  });
});

describe("IBANs", () => {
  it("redacts valid IBANs with or without spaces, in any case", () => {
    expect(redactPiiText("IBAN GB82 WEST 1234 5698 7654 32 thanks")).toBe("IBAN [iban] thanks");
    expect(redactPiiText("DE89370400440532013000")).toBe("[iban]");
    expect(redactPiiText("iban: fr14 2004 1010 0505 0001 3m02 606.")).toBe("iban: [iban].");
    expect(redactPiiText("NL91ABNA0417164300")).toBe("[iban]");
  });

  it("leaves wrong check digits, wrong lengths and random letters+digits alone", () => {
    expect(redactPiiText("GB82 WEST 1234 5698 7654 33")).toBe("GB82 WEST 1234 5698 7654 33");
    expect(redactPiiText("GB82WEST123456987654")).toBe("GB82WEST123456987654");
    expect(redactPiiText("ref AB12CDEF3456GHIJ78")).toBe("ref AB12CDEF3456GHIJ78");
    expect(redactPiiText("GB82WEST12345698765432XYZ")).toBe("GB82WEST12345698765432XYZ");
  });
});

describe("e-mail addresses", () => {
  it("redacts them, leaving surrounding punctuation", () => {
    expect(redactPiiText("mail John.Doe+shop@example.co.uk.")).toBe("mail [email].");
    expect(redactPiiText("<a@b.io>, c_d@e-f.com")).toBe("<[email]>, [email]");
  });

  it("leaves things that only look a bit like addresses", () => {
    expect(redactPiiText("@channel see you at 5")).toBe("@channel see you at 5");
    expect(redactPiiText("user@localhost")).toBe("user@localhost");
  });
});

describe("phone numbers", () => {
  it.each([
    "+44 20 7946 0958",
    "+1 (555) 123-4567",
    "(555) 123-4567",
    "555.123.4567",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "0044 20 7946 0958",
    "+33612345678",
    "+44 (0)20 7946 0958",
    "+91 98765 43210",
  ])("redacts %s", (phone) => {
    expect(redactPiiText(`call me on ${phone} today`)).toBe("call me on [phone] today");
  });

  it.each([
    "order A1001",
    "order #B20456",
    "it was $120.50",
    "refund 1,299.99 USD",
    "EUR 120 000 000",
    "on 2026-11-21",
    "on 2026-11-21 at 14:30",
    "at 2026-11-21 14:30:00",
    "on 21/11/2026",
    "on 21.11.2026",
    "at 14:30 or 09:15:00",
    "server 192.168.100.200",
    "call 5551234",
    "a long id 1234 5678 9012 3456 7890 1",
    "version 1.2.3",
  ])("leaves %s", (text) => {
    expect(redactPiiText(text)).toBe(text);
  });

  it("finds a phone right after a date", () => {
    expect(redactPiiText("2026-11-21 555 123 4567")).toBe("2026-11-21 [phone]");
  });
});

describe("national ids", () => {
  it("redacts valid US SSNs and excludes the ranges never issued", () => {
    expect(types("ssn 123-45-6789")).toEqual(["national_id:us_ssn"]);
    expect(types("ssn 123 45 6789")).toEqual(["national_id:us_ssn"]);
    for (const invalid of ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000"]) {
      expect(redactPiiText(invalid)).toBe(invalid);
    }
  });

  it("treats nine bare digits as an SSN only when labelled", () => {
    expect(redactPiiText("my SSN is 123456789")).toBe("my SSN is [national_id]");
    expect(types("social security number: 078051120")).toEqual(["national_id:us_ssn"]);
  });

  it("redacts UK National Insurance numbers with allowed prefixes", () => {
    expect(redactPiiText("NI AB123456C")).toBe("NI [national_id]");
    expect(redactPiiText("NI AB 12 34 56 C")).toBe("NI [national_id]");
    expect(redactPiiText("ni ab123456c")).toBe("ni [national_id]");
    for (const invalid of ["QQ123456C", "DA123456A", "AO123456A", "BG123456A", "GB123456A", "ZZ123456A", "AB123456E"]) {
      expect(redactPiiText(invalid)).toBe(invalid);
    }
    expect(redactPiiText("we were at 12 34 56 a")).toBe("we were at 12 34 56 a");
  });

  it("checks the Spanish DNI/NIE letter", () => {
    expect(types("DNI 12345678Z")).toEqual(["national_id:es_dni"]);
    expect(types("NIE X1234567L")).toEqual(["national_id:es_nie"]);
    expect(types("NIE Y-1234567-X")).toEqual(["national_id:es_nie"]);
    expect(redactPiiText("12345678A")).toBe("12345678A");
    expect(redactPiiText("X1234567A")).toBe("X1234567A");
  });

  it("checks the Aadhaar Verhoeff digit", () => {
    expect(types("aadhaar 2345 6789 0124")).toEqual(["national_id:in_aadhaar"]);
    expect(types("aadhaar 234567890124")).toEqual(["national_id:in_aadhaar"]);
    // Wrong check digit: no id, though twelve digits still read as a phone number.
    expect(types("aadhaar 2345 6789 0123")).toEqual(["phone"]);
  });
});

describe("overlaps and filters", () => {
  it("gives each character to one finding, preferring the more specific type", () => {
    expect(types("4111 1111 1111 1111")).toEqual(["card"]);
    expect(types("ssn 123-45-6789")).toEqual(["national_id:us_ssn"]);
    expect(types("john4111111111111111@example.com")).toEqual(["email"]);
  });

  it("reports only the requested types, without mislabelling the others", () => {
    expect(detectPii("GB82 WEST 1234 5698 7654 32", { types: ["phone"] })).toEqual([]);
    expect(redactPiiText("a@b.com 4111111111111111", { types: ["card"] })).toBe("a@b.com [card]");
  });

  it("leaves ordinary support messages untouched", () => {
    const text =
      "Hi, order A1001 (3 items, $120.50) arrived on 2026-11-21 at 14:30 but 2 were broken. Total 1,299.99 EUR.";
    expect(detectPii(text)).toEqual([]);
  });
});

describe("texts no detector can match", () => {
  it("still finds the shortest formats: a NINO has six digits, an e-mail none", () => {
    expect(types("my NI number is AB123456C")).toEqual(["national_id:uk_nino"]);
    expect(types("write to me at a@b.co")).toEqual(["email"]);
  });

  it("finds nothing with fewer than six digits and no @, however long the text", () => {
    expect(detectPii("Where is my order A1002? And 12345, and ５５５５５５５５ in full-width.")).toEqual([]);
    expect(detectPii(`order A1002 ${"lorem ipsum ".repeat(5000)}`)).toEqual([]);
  });
});
