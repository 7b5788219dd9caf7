import { describe, expect, it } from "vitest";
import { throttledErrorCode, throttledMessage, waitText } from "@/lib/platform/auth/throttle-notice";

describe("throttled sign-in notice", () => {
  it("carries the wait in the error code and says it in words", () => {
    expect(throttledErrorCode(29.2)).toBe("TooManyAttempts.30");
    expect(throttledMessage(throttledErrorCode(30))).toBe("Too many attempts. Try again in 30 seconds.");
    expect(throttledMessage(throttledErrorCode(61))).toBe("Too many attempts. Try again in 2 minutes.");
    expect(throttledMessage(throttledErrorCode(900))).toBe("Too many attempts. Try again in 15 minutes.");
    expect([1, 59, 60, 120].map(waitText)).toEqual(["1 second", "59 seconds", "1 minute", "2 minutes"]);
  });

  it("is null for every other code", () => {
    for (const code of [undefined, null, "", "CredentialsSignin", "TooManyAttempts.", "TooManyAttempts.9999999"]) {
      expect(throttledMessage(code)).toBeNull();
    }
  });
});
