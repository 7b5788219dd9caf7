import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readConfig, VARIABLE_NAMES } from "@/lib/platform/config";

describe("configuration", () => {
  it("documents every variable it reads in the README", () => {
    const readme = readFileSync("README.md", "utf8");
    const missing = VARIABLE_NAMES.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it("fills defaults and types numbers", () => {
    const config = readConfig({});
    expect(config.ENGINE_CONCURRENCY).toBe(8);
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(readConfig({ ENGINE_CONCURRENCY: " 3 ", OPENAI_MAX_RETRIES: "" }).ENGINE_CONCURRENCY).toBe(3);
    expect(readConfig({ OPENAI_MAX_RETRIES: "" }).OPENAI_MAX_RETRIES).toBeUndefined();
  });

  it("refuses a malformed value, naming every variable that is wrong", () => {
    expect(() => readConfig({ ENGINE_CONCURRENCY: "eight", DATABASE_POOL_SIZE: "-1" })).toThrow(
      /DATABASE_POOL_SIZE="-1".*ENGINE_CONCURRENCY="eight"/,
    );
  });

  it("checks SMTP_URL without ever quoting it, and defaults MAIL_FROM", () => {
    expect(readConfig({}).MAIL_FROM).toBe("Switchboard <no-reply@localhost>");
    expect(readConfig({ SMTP_URL: "smtps://u:p@mail.example.com" }).SMTP_URL).toBe("smtps://u:p@mail.example.com");
    let message = "";
    try {
      readConfig({ SMTP_URL: "https://user:hunter2@mail.example.com" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SMTP_URL=\(hidden\): the scheme must be smtp:\/\/ or smtps:\/\//);
    expect(message).not.toContain("hunter2");
    expect(() => readConfig({ MAIL_FROM: "a@b.test\r\nBcc: c@d.test" })).toThrow(/MAIL_FROM=.*one line/);
  });
});
