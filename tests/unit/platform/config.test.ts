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
});
