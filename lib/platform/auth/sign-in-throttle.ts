// The sign-in throttle's rows: one per account and per client address (sign-in-backoff.ts has the policy and the
// arithmetic). An attempt is counted as a failure before its password is checked, under a row lock, so a burst of
// parallel guesses cannot all pass the check before the first is counted; a good password then takes it back.
import "server-only";
import { db, type Tx } from "@/lib/platform/db/client";
import {
  afterFailure,
  refundFailure,
  retryAfterMs,
  THROTTLE_POLICIES,
  type ThrottleKind,
  type ThrottleState,
} from "./sign-in-backoff";

export type ThrottleKey = { kind: ThrottleKind; key: string };

/** What counting an admitted attempt wrote, so a success can take it back. */
export type CountedAttempt = { key: ThrottleKey; before: ThrottleState | null; counted: ThrottleState }[];

export type Admission =
  | { allowed: true; attempt: CountedAttempt }
  | { allowed: false; kind: ThrottleKind; retryAfterSeconds: number; firstRefusal: boolean };

/** Rows this long without a failure or lock are forgotten (every lock is far shorter). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

const stateOf = (row: ThrottleState): ThrottleState => ({
  failures: row.failures,
  lastFailureAt: row.lastFailureAt,
  lockedUntil: row.lockedUntil,
});

const byKey = (a: ThrottleKey, b: ThrottleKey) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key);

async function lockRow(tx: Tx, key: ThrottleKey) {
  await tx.$queryRaw`SELECT 1 FROM "SignInThrottle" WHERE "kind" = ${key.kind} AND "key" = ${key.key} FOR UPDATE`;
  return tx.signInThrottle.findUnique({ where: { kind_key: key } });
}

/**
 * Admits one sign-in attempt and counts it, or refuses it while any of its keys is locked (refused attempts are not
 * counted: a lock is not lengthened by knocking on it). `firstRefusal` is true once per lock, for the audit trail.
 */
export async function admitSignInAttempt(keys: ThrottleKey[], now: Date): Promise<Admission> {
  // Rows are locked in one order, so two attempts sharing an account and an address cannot deadlock.
  const ordered = [...keys].sort(byKey);
  const created = await db().signInThrottle.createMany({
    data: ordered.map((key) => ({ ...key, failures: 0, lastFailureAt: now })),
    skipDuplicates: true,
  });
  const admission = await db().$transaction(async (tx): Promise<Admission> => {
    const rows = [];
    for (const key of ordered) {
      const row = await lockRow(tx, key);
      if (row) rows.push({ key, row, waitMs: retryAfterMs(row, now) });
    }
    const locked = rows.filter((r) => r.waitMs > 0).sort((a, b) => b.waitMs - a.waitMs)[0];
    if (locked) {
      const lockedUntil = locked.row.lockedUntil!;
      const firstRefusal = locked.row.auditedLockUntil?.getTime() !== lockedUntil.getTime();
      if (firstRefusal) {
        await tx.signInThrottle.update({
          where: { kind_key: locked.key },
          data: { auditedLockUntil: lockedUntil },
        });
      }
      return {
        allowed: false,
        kind: locked.key.kind,
        retryAfterSeconds: Math.ceil(locked.waitMs / 1000),
        firstRefusal,
      };
    }
    const attempt: CountedAttempt = [];
    for (const { key, row } of rows) {
      const before = row.failures > 0 ? stateOf(row) : null;
      const counted = afterFailure(before, THROTTLE_POLICIES[key.kind], now);
      await tx.signInThrottle.update({ where: { kind_key: key }, data: counted });
      attempt.push({ key, before, counted });
    }
    return { allowed: true, attempt };
  });
  // Each new row is a moment to forget old ones, so a spray of made-up e-mails does not pile up.
  if (created.count > 0) {
    await db().signInThrottle.deleteMany({
      where: {
        lastFailureAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) },
        OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
      },
    });
  }
  return admission;
}

/** The password was right: the account starts afresh, and the address gets its counted attempt back. */
export async function signInSucceeded(attempt: CountedAttempt): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const { key, before, counted } of [...attempt].sort((a, b) => byKey(a.key, b.key))) {
      if (key.kind === "account") {
        await tx.signInThrottle.deleteMany({ where: key });
        continue;
      }
      const row = await lockRow(tx, key);
      if (!row) continue;
      const refunded = refundFailure(stateOf(row), counted, before);
      if (refunded.failures === 0) await tx.signInThrottle.delete({ where: { kind_key: key } });
      else await tx.signInThrottle.update({ where: { kind_key: key }, data: refunded });
    }
  });
}
