import { describe, expect, it } from "vitest";
import {
  assertAcceptablePassword,
  checkPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from "@/lib/model/password-policy";

const owner = { email: "ana.smith@example.test", name: "Ana Smith" };

describe("the password policy", () => {
  it("accepts a long, unusual passphrase or a random string", () => {
    expect(checkPassword("violet-otter-compass-42", owner)).toMatchObject({ ok: true });
    expect(checkPassword("kX9mQ2vL8nR4pT", owner)).toMatchObject({ ok: true });
    // The password `npm start` generates for the first admin (16 base64url characters) passes too.
    expect(checkPassword("q3Zr8_Vw-Lp0sXbN", owner)).toMatchObject({ ok: true });
  });

  it("refuses passwords shorter than 12 characters or longer than 200", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkPassword("kX9mQ2vL8nR", owner)).toEqual({ ok: false, message: "Use at least 12 characters." });
    expect(checkPassword("kX9mQ2vL8nR4", owner)).toMatchObject({ ok: true });
    const long = "violet-otter-compass-42 ".repeat(10);
    expect(checkPassword(long.slice(0, MAX_PASSWORD_LENGTH), owner)).toMatchObject({ ok: true });
    expect(checkPassword(`${long.slice(0, MAX_PASSWORD_LENGTH)}x`, owner)).toEqual({
      ok: false,
      message: "Use at most 200 characters.",
    });
  });

  it("refuses common and guessable passwords with zxcvbn's reason and advice", () => {
    for (const weak of [
      "password1234",
      "Password123!",
      "qwertyuiopasdf",
      "aaaaaaaaaaaaaa",
      "iloveyou2024",
      "123456789012",
    ]) {
      const verdict = checkPassword(weak, owner);
      expect(verdict.ok, weak).toBe(false);
    }
    const verdict = checkPassword("password1234", owner);
    expect(verdict).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^This password is too easy to guess\. This is similar to a commonly used password\./,
      ),
    });
    expect(checkPassword("aaaaaaaaaaaaaa", owner)).toMatchObject({ message: expect.stringContaining("Repeated") });
  });

  it("refuses the person's name, their e-mail's local part and the product's name, however written", () => {
    const refusal = {
      ok: false,
      message: "Do not use your name, your e-mail address or “Switchboard” in your password.",
    };
    expect(checkPassword("Ana.Smith-violet-otter", owner)).toEqual(refusal);
    expect(checkPassword("otter-SMITH-compass-42", owner)).toEqual(refusal);
    expect(checkPassword("anasmith-compass-42", owner)).toEqual(refusal);
    expect(checkPassword("Switch-Board-otter-42", owner)).toEqual(refusal);
    expect(checkPassword("switchboard-e2e-password", {})).toEqual(refusal);
    // Short name pieces ("Ana") alone do not refuse otherwise unrelated words ("banana").
    expect(checkPassword("banana-otter-compass-42", owner)).toMatchObject({ ok: true });
  });

  it("throws a validation error on the named field on the server", () => {
    expect(() => assertAcceptablePassword("password1234", owner, "newPassword")).toThrow(
      expect.objectContaining({ code: "VALIDATION", fieldErrors: { newPassword: [expect.any(String)] } }),
    );
    expect(() => assertAcceptablePassword("violet-otter-compass-42", owner)).not.toThrow();
  });
});
