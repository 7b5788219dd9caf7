import { beforeEach, describe, expect, it, vi } from "vitest";
import { addressKey, enforceRate, RateLimitedError, resetRateLimits, takeRate } from "@/lib/platform/http/rate-limiter";

const T0 = 1_700_000_000_000;
const tenPerTenMinutes = { name: "test.starts", limit: 10, windowMs: 600_000 };

beforeEach(() => resetRateLimits());

describe("takeRate", () => {
  it("lets `limit` through at once, refuses the next with the wait until one is free again", () => {
    for (let i = 0; i < 10; i++) {
      const decision = takeRate(tenPerTenMinutes, "203.0.113.7", T0 + i);
      expect(decision).toMatchObject({ allowed: true, remaining: 9 - i });
    }
    const refused = takeRate(tenPerTenMinutes, "203.0.113.7", T0 + 10);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
    // A refusal uses nothing up: one is free again a minute after the first.
    expect(takeRate(tenPerTenMinutes, "203.0.113.7", T0 + 59_000).allowed).toBe(false);
    expect(takeRate(tenPerTenMinutes, "203.0.113.7", T0 + 60_001).allowed).toBe(true);
    expect(takeRate(tenPerTenMinutes, "203.0.113.7", T0 + 60_002).allowed).toBe(false);
  });

  it("keeps keys and rules apart", () => {
    for (let i = 0; i < 10; i++) takeRate(tenPerTenMinutes, "a", T0);
    expect(takeRate(tenPerTenMinutes, "a", T0).allowed).toBe(false);
    expect(takeRate(tenPerTenMinutes, "b", T0).allowed).toBe(true);
    expect(takeRate({ ...tenPerTenMinutes, name: "test.other" }, "a", T0).allowed).toBe(true);
  });

  it("is off at limit 0", () => {
    for (let i = 0; i < 1000; i++)
      expect(takeRate({ name: "test.off", limit: 0, windowMs: 1000 }, "a", T0).allowed).toBe(true);
  });

  it("reports the state the X-RateLimit headers show", () => {
    const state = takeRate({ name: "test.key", limit: 2, windowMs: 60_000 }, "k", T0);
    expect(state).toMatchObject({ limit: 2, remaining: 1 });
    expect(state.resetAt.getTime()).toBe(T0 + 30_000);
  });
});

describe("enforceRate", () => {
  it("throws a 429 AppError with the seconds to wait, and logs only the first refusal of a run", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const rule = { name: "test.enforce", limit: 1, windowMs: 60_000 };
    const describe = (retry: number) => ({ message: "over", userMessage: `wait ${retry} s` });
    enforceRate(rule, "k", describe, T0);
    let thrown: unknown;
    try {
      enforceRate(rule, "k", describe, T0 + 1000);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RateLimitedError);
    expect(thrown).toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      retryAfterSeconds: 59,
      userMessage: "wait 59 s",
    });
    expect(() => enforceRate(rule, "k", describe, T0 + 2000)).toThrow(RateLimitedError);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

describe("addressKey", () => {
  it("counts an IPv6 /64 as one client, IPv4 addresses each on their own", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("unknown")).toBe("unknown");
  });
});
