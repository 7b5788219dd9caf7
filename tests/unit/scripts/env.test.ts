import { describe, expect, it } from "vitest";
import { readEnv } from "@/scripts/lib/env";

describe("start-up environment", () => {
  it("defaults the port and the web heap and treats empty values as unset", () => {
    expect(readEnv({ PORT: "", DATABASE_URL: "" })).toEqual({ PORT: 3000, WEB_HEAP_MB: 256 });
    expect(readEnv({ WEB_HEAP_MB: "0" }).WEB_HEAP_MB).toBe(0);
    expect(() => readEnv({ WEB_HEAP_MB: "lots" })).toThrow(/WEB_HEAP_MB/);
  });

  it("explains every malformed variable at once", () => {
    expect(() => readEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", ADMIN_PASSWORD: "short" })).toThrow(
      /PORT[\s\S]*DATABASE_URL must look like postgresql:[\s\S]*ADMIN_PASSWORD must be at least 10/,
    );
  });
});
