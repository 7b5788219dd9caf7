import { describe, expect, it } from "vitest";
import { parseSmtpUrl, redactSmtpSecrets, smtpUrlProblem } from "@/lib/model/mail/smtp-url";

describe("SMTP_URL", () => {
  it("reads smtp:// and smtps:// with their default ports and percent-encoded credentials", () => {
    expect(parseSmtpUrl("smtp://apikey:p%40ss%3Aw%2Frd@Smtp.Example.com:2525")).toEqual({
      secure: false,
      host: "smtp.example.com",
      port: 2525,
      user: "apikey",
      pass: "p@ss:w/rd",
    });
    expect(parseSmtpUrl("smtp://relay.example.com")).toMatchObject({
      port: 587,
      secure: false,
      user: null,
      pass: null,
    });
    expect(parseSmtpUrl("smtps://u:p@mail.example.com")).toMatchObject({ port: 465, secure: true });
    expect(parseSmtpUrl("smtp://[::1]:1025")).toMatchObject({ host: "::1", port: 1025 });
  });

  it("names what is wrong without repeating the value", () => {
    const cases: [string, RegExp][] = [
      ["https://u:hunter2@mail.example.com", /scheme must be smtp/],
      ["smtp://u:hunter2@mail.example.com:99999", /expected smtp:\/\//],
      ["smtp://u:hunter2@mail.example.com/inbox", /no path, query or fragment/],
      ["smtp://u:hunter2@mail.example.com?tls=off", /no path, query or fragment/],
      ["smtp://:hunter2@mail.example.com", /password needs a user name/],
      ["smtp://u:%E0%A4%A@mail.example.com", /password is not valid percent-encoding/],
      ["not a url hunter2", /expected smtp:\/\//],
    ];
    for (const [raw, message] of cases) {
      const problem = smtpUrlProblem(raw);
      expect(problem, raw).toMatch(message);
      expect(problem).not.toContain("hunter2");
    }
    expect(smtpUrlProblem("smtp://mail.example.com")).toBeNull();
  });

  it("redacts the password in every form a server could echo it, and any credentials in a URL", () => {
    const smtp = parseSmtpUrl("smtp://me%40acme.test:s%3Acret!@mail.example.com");
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const message = [
      "535 bad s:cret!",
      "echo s%3Acret!",
      `AUTH LOGIN ${b64("s:cret!")}`,
      `AUTH PLAIN ${b64("\u0000me@acme.test\u0000s:cret!")}`,
      "see smtp://other:pw@host",
    ].join("\r\n");
    const out = redactSmtpSecrets(message, smtp);
    expect(out).not.toMatch(/s:cret|s%3Acret|other:pw/);
    expect(out).not.toContain(b64("s:cret!"));
    expect(out).not.toContain(b64("\u0000me@acme.test\u0000s:cret!"));
    expect(out).toContain("535 bad ***");
    expect(out).toContain("smtp://***@host");
    expect(out).not.toMatch(/[\r\n]/);
  });

  it("shortens what it keeps", () => {
    const out = redactSmtpSecrets("x".repeat(1000), null);
    expect(out).toHaveLength(300);
    expect(out.endsWith("…")).toBe(true);
  });
});
