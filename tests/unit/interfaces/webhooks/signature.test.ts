import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignatureHeader, signPayload, verifySignature } from "@/lib/interfaces/webhooks/signature";

const secret = "whsec_test_0123456789abcdef";
const body = JSON.stringify({ id: "evt_1", type: "flow.published", data: { flow: "retail" } });

describe("webhook signatures", () => {
  it("signs t.<body> with HMAC-SHA256 in the documented header format", () => {
    const header = signPayload(secret, body, 1_700_000_000);
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies its own signatures, and nothing altered", () => {
    const now = 1_700_000_000;
    const header = signPayload(secret, body, now);
    expect(verifySignature(secret, header, body, 300, now)).toBe(true);
    expect(verifySignature(secret, header, Buffer.from(body), 300, now + 10)).toBe(true);
    expect(verifySignature(secret, header, body.replace("retail", "banking"), 300, now)).toBe(false);
    expect(verifySignature("whsec_other", header, body, 300, now)).toBe(false);
    expect(verifySignature(secret, header.replace("t=1700000000", "t=1700000001"), body, 300, now)).toBe(false);
    expect(verifySignature(secret, null, body)).toBe(false);
    expect(verifySignature(secret, "", body)).toBe(false);
    expect(verifySignature(secret, "v1=abc", body)).toBe(false);
    expect(verifySignature("", header, body, 300, now)).toBe(false);
  });

  it("refuses signatures older or newer than the tolerance", () => {
    const header = signPayload(secret, body, 1_000);
    expect(verifySignature(secret, header, body, 300, 1_300)).toBe(true);
    expect(verifySignature(secret, header, body, 300, 1_301)).toBe(false);
    expect(verifySignature(secret, header, body, 300, 699)).toBe(false);
    expect(verifySignature(secret, header, body, 600, 1_600)).toBe(true);
  });

  it("accepts any of several v1 values and any of several secrets (rotation)", () => {
    const now = 2_000_000_000;
    const oldHeader = signPayload("whsec_old", body, now);
    const newHeader = signPayload("whsec_new", body, now);
    const both = `${newHeader},v1=${oldHeader.split("v1=")[1]}`;
    expect(verifySignature("whsec_old", both, body, 300, now)).toBe(true);
    expect(verifySignature("whsec_new", both, body, 300, now)).toBe(true);
    expect(verifySignature(["whsec_gone", "whsec_old"], oldHeader, body, 300, now)).toBe(true);
    expect(verifySignature(["whsec_gone"], both, body, 300, now)).toBe(false);
  });

  it("parses headers strictly", () => {
    expect(parseSignatureHeader("t=12,v1=" + "a".repeat(64))).toEqual({ timestamp: 12, signatures: ["a".repeat(64)] });
    expect(parseSignatureHeader("t=12, v0=zz, v1=" + "B".repeat(64))).toEqual({
      timestamp: 12,
      signatures: ["b".repeat(64)],
    });
    expect(parseSignatureHeader("t=12,t=13,v1=" + "a".repeat(64))).toBeNull();
    expect(parseSignatureHeader("t=-1,v1=" + "a".repeat(64))).toBeNull();
    expect(parseSignatureHeader("t=12,v1=short")).toBeNull();
    expect(() => signPayload(secret, body, 1.5)).toThrow();
  });
});
