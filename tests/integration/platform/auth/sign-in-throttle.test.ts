// Password sign-in behind the throttle: per account and per client address, counted in Postgres, with backoff. The
// clock is injected so a lock can run out without waiting; the last test goes through next-auth's real handler.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";

const { passwordSignIn } = await import("@/lib/platform/auth/password-sign-in");
const { throttledMessage } = await import("@/lib/platform/auth/throttle-notice");
const { db } = await import("@/lib/platform/db/client");
const { seedWorkspace } = await import("@/tests/support/factories");
const { SESSION_COOKIE, signInWithPassword, TEST_APP } = await import("@/tests/support/next-auth-handler");

const PASSWORD = "correct-horse-battery";
let clock = new Date(Date.UTC(2026, 5, 1, 9));
const tick = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
const authorize = passwordSignIn({ now: () => clock });

const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
const someAddress = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const nobody = () => `nobody-${randomBytes(4).toString("hex")}@example.test`;

async function fail(times: number, email: string | (() => string), address: string | (() => string)) {
  for (let i = 0; i < times; i++) {
    const who = typeof email === "string" ? email : email();
    expect(
      await authorize(
        { email: who, password: "wrong password" },
        from(typeof address === "string" ? address : address()),
      ),
    ).toBeNull();
  }
}

const audit = (action: string, email: string) =>
  db().auditLog.findMany({ where: { action, metadata: { path: ["email"], equals: email } }, orderBy: { id: "asc" } });

describe("sign-in throttling", () => {
  it("refuses even the right password after five wrong ones, says how long, and lets it in once the lock is over", async () => {
    const { workspace, user } = await seedWorkspace({ role: "operator" });
    const address = someAddress();
    await fail(5, user.email, address);
    await expect(authorize({ email: user.email, password: PASSWORD }, from(address))).rejects.toThrow(
      /^TooManyAttempts\.30$/,
    );
    tick(10);
    await expect(authorize({ email: user.email, password: PASSWORD }, from(someAddress()))).rejects.toThrow(
      /^TooManyAttempts\.20$/,
    );

    // One entry per lock, however often it is knocked on; the failure that started it says for how long.
    const throttled = await audit("session.sign_in_throttled", user.email);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({
      workspaceId: workspace.id,
      metadata: { email: user.email, throttledBy: "account", address, retryAfterSeconds: 30 },
    });
    expect(JSON.stringify(throttled[0].metadata)).not.toContain(PASSWORD);
    const failed = await audit("session.sign_in_failed", user.email);
    expect(failed.map((entry) => (entry.metadata as { lockedForSeconds?: number }).lockedForSeconds)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      30,
    ]);

    tick(21);
    expect(await authorize({ email: user.email, password: PASSWORD }, from(address))).toMatchObject({ id: user.id });
    // The success cleared the account's count: four more failures do not lock it.
    await fail(4, user.email, address);
    expect(await authorize({ email: user.email, password: PASSWORD }, from(address))).toMatchObject({ id: user.id });
  });

  it("doubles the lock with each failure after it", async () => {
    const { user } = await seedWorkspace({ role: "designer" });
    await fail(5, user.email, someAddress);
    tick(31);
    await fail(1, user.email, someAddress);
    await expect(authorize({ email: user.email, password: PASSWORD }, from(someAddress()))).rejects.toThrow(
      /^TooManyAttempts\.60$/,
    );
    tick(61);
    expect(await authorize({ email: user.email, password: PASSWORD }, from(someAddress()))).toMatchObject({
      id: user.id,
    });
  });

  it("counts an e-mail no account has exactly like one that exists", async () => {
    const email = nobody();
    await fail(5, email, someAddress);
    await expect(authorize({ email, password: PASSWORD }, from(someAddress()))).rejects.toThrow(
      /^TooManyAttempts\.30$/,
    );
    const [entry] = await audit("session.sign_in_throttled", email);
    expect(entry).toMatchObject({ workspaceId: null, metadata: { throttledBy: "account" } });
  });

  it("stops one address trying many accounts, without locking those people out elsewhere", async () => {
    const { user } = await seedWorkspace({ role: "operator" });
    const address = someAddress();
    await fail(20, nobody, address);
    await expect(authorize({ email: user.email, password: PASSWORD }, from(address))).rejects.toThrow(
      /^TooManyAttempts\.30$/,
    );
    const [entry] = await audit("session.sign_in_throttled", user.email);
    expect(entry.metadata).toMatchObject({ throttledBy: "address", address });
    expect(await authorize({ email: user.email, password: PASSWORD }, from(someAddress()))).toMatchObject({
      id: user.id,
    });
  });

  it("does not count a successful sign-in against its address", async () => {
    const { user } = await seedWorkspace({ role: "operator" });
    const address = someAddress();
    await fail(19, nobody, address);
    expect(await authorize({ email: user.email, password: PASSWORD }, from(address))).toMatchObject({ id: user.id });
    // Still one failure to go before the address is locked: this one is checked (and fails), the next is refused.
    await fail(1, nobody, address);
    await expect(authorize({ email: user.email, password: PASSWORD }, from(address))).rejects.toThrow(
      /^TooManyAttempts\./,
    );
  });

  it("counts parallel guesses before checking them: a burst gets five tries, not all of them", async () => {
    const { user } = await seedWorkspace({ role: "operator" });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        authorize({ email: user.email, password: "wrong password" }, from(someAddress())),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(3);
    expect(await audit("session.sign_in_failed", user.email)).toHaveLength(5);
  });
});

describe("a throttled sign-in through next-auth's handler", () => {
  let options: AuthOptions;
  beforeAll(async () => {
    process.env.NEXTAUTH_URL = TEST_APP;
    const { authOptions } = await import("@/lib/platform/auth/auth-options");
    options = { ...authOptions, secret: process.env.NEXTAUTH_SECRET };
  });

  it("sends the browser to the sign-in page with a code that says how long to wait, and issues no session", async () => {
    const { user } = await seedWorkspace({ role: "operator" });
    const headers = { "x-forwarded-for": someAddress() };
    for (let i = 0; i < 5; i++) {
      const refused = await signInWithPassword(options, new Map(), { email: user.email, password: "wrong" }, headers);
      expect(refused.redirect).toContain("error=CredentialsSignin");
    }
    const jar = new Map<string, string>();
    const throttled = await signInWithPassword(options, jar, { email: user.email, password: PASSWORD }, headers);
    expect(throttled.status).toBe(302);
    const code = new URL(throttled.redirect!).searchParams.get("error");
    expect(throttledMessage(code)).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
    expect(jar.has(SESSION_COOKIE)).toBe(false);
  });
});
