// Email and password sign-in (next-auth's credentials `authorize`), behind the sign-in throttle. Every outcome is
// audited; the password never is.
import "server-only";
import type { User } from "next-auth";
import { z } from "zod";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db } from "@/lib/platform/db/client";
import { verifyPassword } from "@/lib/platform/crypto/password";
import { clientAddress, type RequestHeaders } from "@/lib/platform/http/client-address";
import { throttleKeys } from "./sign-in-backoff";
import { admitSignInAttempt, signInSucceeded, type CountedAttempt } from "./sign-in-throttle";
import { throttledErrorCode } from "./throttle-notice";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

// Compared against when the e-mail is unknown, so timing does not reveal which e-mails exist.
const NO_SUCH_HASH = "$2b$12$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva";

const SIGN_IN_ACTOR = { type: "system" as const, label: "sign-in" };

async function findUser(email: string) {
  return db().user.findUnique({
    where: { email },
    include: { memberships: { select: { workspaceId: true }, take: 1, orderBy: { createdAt: "asc" } } },
  });
}

/** Seconds of the longest lock this attempt's failure started, if it started one. */
function lockStarted(attempt: CountedAttempt, now: Date): number | null {
  const until = Math.max(0, ...attempt.map(({ counted }) => counted.lockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

/** A refused attempt; its message is the code the sign-in page reads. */
class SignInThrottled extends Error {}

/**
 * The credentials provider's `authorize`. A throttled attempt throws: next-auth turns the error's message into the
 * sign-in page's `error` code, which says how long to wait. Any other failure is logged and reaches the page as a
 * plain code, never as the database's words. `now` is injectable so tests can let a lock run out.
 */
export function passwordSignIn(clock: { now: () => Date } = { now: () => new Date() }) {
  return async function authorize(
    raw: Record<string, string> | undefined,
    request?: { headers?: RequestHeaders },
  ): Promise<User | null> {
    try {
      return await attempt(raw, request?.headers ?? {}, clock.now());
    } catch (error) {
      if (error instanceof SignInThrottled) throw error;
      console.error("[sign-in]", error instanceof Error ? error.message : error);
      throw new Error("SignInUnavailable", { cause: error });
    }
  };
}

async function attempt(
  raw: Record<string, string> | undefined,
  headers: RequestHeaders,
  now: Date,
): Promise<User | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const address = clientAddress(headers);
  const admission = await admitSignInAttempt(throttleKeys(email, address), now);

  if (!admission.allowed) {
    // Once per lock: a flood of refused attempts must not flood the audit trail.
    if (admission.firstRefusal) {
      const user = await findUser(email);
      await auditLog({
        workspaceId: user?.memberships[0]?.workspaceId ?? null,
        actor: SIGN_IN_ACTOR,
        action: "session.sign_in_throttled",
        resourceType: "session",
        metadata: { email, throttledBy: admission.kind, address, retryAfterSeconds: admission.retryAfterSeconds },
      });
    }
    throw new SignInThrottled(throttledErrorCode(admission.retryAfterSeconds));
  }

  const user = await findUser(email);
  const ok = await verifyPassword(password, user?.passwordHash || NO_SUCH_HASH);
  const workspaceId = user?.memberships[0]?.workspaceId ?? null;
  if (!user || !ok) {
    const lockedForSeconds = lockStarted(admission.attempt, now);
    await auditLog({
      workspaceId,
      actor: SIGN_IN_ACTOR,
      action: "session.sign_in_failed",
      resourceType: "session",
      metadata: { email, ...(lockedForSeconds ? { lockedForSeconds } : {}) },
    });
    return null;
  }
  await signInSucceeded(admission.attempt);
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await auditLog({
    workspaceId,
    actor: { type: "user", id: user.id, label: user.email },
    action: "session.signed_in",
    resourceType: "session",
    resourceId: user.id,
  });
  return { id: user.id, email: user.email, name: user.name };
}
