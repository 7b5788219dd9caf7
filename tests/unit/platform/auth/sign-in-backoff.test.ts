import { describe, expect, it } from "vitest";
import {
  afterFailure,
  lockDurationMs,
  refundFailure,
  retryAfterMs,
  THROTTLE_POLICIES,
  throttleKeys,
  type ThrottleState,
} from "@/lib/platform/auth/sign-in-backoff";

const account = THROTTLE_POLICIES.account;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

/** `count` failures one second apart from `start`, each applied as the throttle would. */
function failures(count: number, start = 0, state: ThrottleState | null = null): ThrottleState | null {
  let current = state;
  for (let i = 0; i < count; i++) current = afterFailure(current, account, at(start + i));
  return current;
}

describe("sign-in backoff", () => {
  it("locks after the limit for 30 s, doubling per further failure up to 15 minutes", () => {
    expect([1, 4].map((n) => lockDurationMs(n, account))).toEqual([0, 0]);
    expect([5, 6, 7, 8].map((n) => lockDurationMs(n, account) / 1000)).toEqual([30, 60, 120, 240]);
    expect(lockDurationMs(10, account)).toBe(15 * 60_000);
    expect(lockDurationMs(500, account)).toBe(15 * 60_000);
    expect(lockDurationMs(19, THROTTLE_POLICIES.address)).toBe(0);
    expect(lockDurationMs(20, THROTTLE_POLICIES.address)).toBe(30_000);
  });

  it("counts failures into a lock that says how long to wait", () => {
    const four = failures(4)!;
    expect(four).toMatchObject({ failures: 4, lockedUntil: null });
    expect(retryAfterMs(four, at(4))).toBe(0);
    const five = afterFailure(four, account, at(10));
    expect(five).toEqual({ failures: 5, lastFailureAt: at(10), lockedUntil: at(40) });
    expect(retryAfterMs(five, at(25))).toBe(15_000);
    expect(retryAfterMs(five, at(40))).toBe(0);
    // The next failure, once the lock has run out, locks for twice as long.
    expect(afterFailure(five, account, at(41))).toMatchObject({ failures: 6, lockedUntil: at(101) });
  });

  it("forgets failures after 15 quiet minutes, counted from the end of the last lock", () => {
    const five = failures(5)!; // locked until 34 s
    expect(afterFailure(five, account, at(34 + 15 * 60)).failures).toBe(6);
    expect(afterFailure(five, account, at(35 + 15 * 60))).toMatchObject({ failures: 1, lockedUntil: null });
    expect(afterFailure(null, account, at(0))).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it("takes back a counted attempt that succeeded, undoing only the lock it set", () => {
    const before = failures(4)!;
    const counted = afterFailure(before, account, at(10)); // the fifth: locks
    expect(refundFailure(counted, counted, before)).toEqual(before);
    // Another attempt locked the row since: that lock stays.
    const later = afterFailure(counted, account, at(50));
    expect(refundFailure(later, counted, before)).toEqual({
      failures: 5,
      lastFailureAt: later.lastFailureAt,
      lockedUntil: later.lockedUntil,
    });
    const first = afterFailure(null, account, at(0));
    expect(refundFailure(first, first, null)).toMatchObject({ failures: 0, lockedUntil: null });
  });

  it("counts an attempt under the e-mail and the address, an IPv6 client per /64", () => {
    expect(throttleKeys(" Ann@Example.TEST ", "203.0.113.7")).toEqual([
      { kind: "account", key: "ann@example.test" },
      { kind: "address", key: "203.0.113.7" },
    ]);
    expect(throttleKeys("a@b.test", null)).toEqual([{ kind: "account", key: "a@b.test" }]);
    const v6 = (address: string) => throttleKeys("a@b.test", address)[1].key;
    expect(v6("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(v6("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(v6("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(v6("::1")).toBe("0:0:0:0::/64");
    expect(v6("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
  });
});
