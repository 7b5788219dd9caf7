import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { MESSAGE_TOO_LARGE, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/model/limits";
import { isOversizedAction, oversizedActionResponse } from "@/lib/platform/http/oversized-action";

const post = (pathname: string, length?: number) => ({
  method: "POST",
  pathname,
  headers: new Headers(length === undefined ? {} : { "content-length": String(length) }),
});

describe("oversized server action bodies", () => {
  it("the limit is the one next.config.mjs gives Next.js", async () => {
    // next.config.mjs has no type declarations; it is typed with JSDoc as a NextConfig.
    const { default: nextConfig } = (await import("@/next.config.mjs" as string)) as { default: NextConfig };
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe("1mb");
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it("refuses a POST to a page declaring more than the limit; API routes keep their own limits", () => {
    expect(isOversizedAction(post("/chat/acme-retail/retail-support", 5 * 1024 * 1024))).toBe(true);
    expect(isOversizedAction(post("/chat/acme-retail/retail-support", SERVER_ACTION_BODY_LIMIT_BYTES))).toBe(false);
    expect(isOversizedAction(post("/chat/acme-retail/retail-support"))).toBe(false);
    expect(isOversizedAction(post("/api/v1/conversations", 5 * 1024 * 1024))).toBe(false);
    expect(isOversizedAction({ ...post("/flows", 5 * 1024 * 1024), method: "GET" })).toBe(false);
  });

  it("answers 413 in exactly text/plain, which Next.js's client throws as the action's message", async () => {
    const response = oversizedActionResponse({ "X-Content-Type-Options": "nosniff" });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toBe(MESSAGE_TOO_LARGE);
  });
});
