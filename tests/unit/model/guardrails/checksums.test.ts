import { describe, expect, it } from "vitest";
import {
  ibanChecksumValid,
  ninoPrefixValid,
  spanishIdValid,
  ssnValid,
  verhoeffValid,
} from "@/lib/model/guardrails/checksums";
import { ibanValid } from "@/lib/model/guardrails/iban";

describe("check digits", () => {
  it("validates IBANs with mod-97 and the country length", () => {
    expect(ibanChecksumValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanChecksumValid("GB82WEST12345698765433")).toBe(false);
    expect(ibanValid("gb82 west 1234 5698 7654 32")).toBe(true);
    expect(ibanValid("GB82WEST1234569876543")).toBe(false);
    expect(ibanValid("XX82WEST12345698765432")).toBe(false);
  });

  it("validates Verhoeff check digits", () => {
    expect(verhoeffValid("2363")).toBe(true);
    expect(verhoeffValid("2364")).toBe(false);
    expect(verhoeffValid("234567890124")).toBe(true);
  });

  it("validates Spanish DNI and NIE letters", () => {
    expect(spanishIdValid("12345678Z")).toBe(true);
    expect(spanishIdValid("12345678z")).toBe(true);
    expect(spanishIdValid("X1234567L")).toBe(true);
    expect(spanishIdValid("Z1234567R")).toBe(true);
    expect(spanishIdValid("12345678A")).toBe(false);
  });

  it("knows the SSN and NINO rules", () => {
    expect(ssnValid("123", "45", "6789")).toBe(true);
    expect(ssnValid("666", "45", "6789")).toBe(false);
    expect(ninoPrefixValid("AB")).toBe(true);
    expect(ninoPrefixValid("TN")).toBe(false);
    expect(ninoPrefixValid("AO")).toBe(false);
  });
});
