// The sign-in throttle's arithmetic, pure so it is unit-tested without a database. The rows it works on are kept by
// sign-in-throttle.ts; the policy is the README's (Sign-in and sessions).

export type ThrottleKind = "account" | "address";

export type ThrottlePolicy = {
  /** Failures in a row before the first lock. */
  maxFailures: number;
  /** A quiet spell this long (no failure, no lock) forgets the failures. */
  windowMs: number;
  /** The first lock; each further failure doubles it… */
  baseLockMs: number;
  /** …up to this. */
  maxLockMs: number;
};

const MINUTE = 60_000;

export const THROTTLE_POLICIES: Record<ThrottleKind, ThrottlePolicy> = {
  // Five guesses at one person's password, then a lock even for the right one.
  account: { maxFailures: 5, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE },
  // An office behind one address mistypes more often; a spray of one password over many accounts still stops.
  address: { maxFailures: 20, windowMs: 15 * MINUTE, baseLockMs: 30_000, maxLockMs: 15 * MINUTE },
};

export type ThrottleState = { failures: number; lastFailureAt: Date; lockedUntil: Date | null };

/** Milliseconds until the next attempt may be tried (0: now). */
export function retryAfterMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/** The lock the `failures`-th failure in a row earns: none before the limit, then doubling per failure, capped. */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.maxFailures) return 0;
  const doublings = Math.min(failures - policy.maxFailures, 30);
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** doublings);
}

/** True when the failures are old enough to be forgotten: a quiet window since the last failure or lock. */
function forgotten(state: ThrottleState, policy: ThrottlePolicy, now: Date): boolean {
  const quietSince = Math.max(state.lastFailureAt.getTime(), state.lockedUntil?.getTime() ?? 0);
  return now.getTime() - quietSince > policy.windowMs;
}

/** The state after one more failure. */
export function afterFailure(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState {
  const failures = state && state.failures > 0 && !forgotten(state, policy, now) ? state.failures + 1 : 1;
  const lockMs = lockDurationMs(failures, policy);
  return { failures, lastFailureAt: now, lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null };
}

/**
 * Takes back one failure counted for an attempt that then succeeded. Attempts are counted before the password is
 * checked (so parallel guesses cannot all slip in before the first is counted); a good password at an address must
 * not count against the others there. `counted` is what counting wrote and `before` what was there: a lock that
 * counting set and nothing changed since is undone, any other is kept.
 */
export function refundFailure(
  current: ThrottleState,
  counted: ThrottleState,
  before: ThrottleState | null,
): ThrottleState {
  const ours = (current.lockedUntil?.getTime() ?? null) === (counted.lockedUntil?.getTime() ?? null);
  const unchanged = current.lastFailureAt.getTime() === counted.lastFailureAt.getTime();
  return {
    failures: Math.max(0, current.failures - 1),
    lastFailureAt: unchanged && before ? before.lastFailureAt : current.lastFailureAt,
    lockedUntil: ours ? (before?.lockedUntil ?? null) : current.lockedUntil,
  };
}

/** The first four groups of an IPv6 address, written out: a /64 is what one household or server usually gets. */
function ipv6Prefix64(address: string): string {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, null];
  const groupsOf = (part: string | null) =>
    part ? part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])) : [];
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const groups = tail === null ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group || "0", 16).toString(16))
    .join(":")}::/64`;
}

/**
 * What one attempt is counted under: the normalised e-mail whether or not such an account exists (so the answers
 * never tell which do), and the client's address when it is known; IPv6 per /64, since one client holds a whole
 * /64 and could otherwise take a fresh address for every guess.
 */
export function throttleKeys(email: string, address: string | null): { kind: ThrottleKind; key: string }[] {
  const keys: { kind: ThrottleKind; key: string }[] = [{ kind: "account", key: email.trim().toLowerCase() }];
  if (address) keys.push({ kind: "address", key: address.includes(":") ? ipv6Prefix64(address) : address });
  return keys;
}
