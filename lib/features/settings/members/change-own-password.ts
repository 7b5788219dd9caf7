import "server-only";
import { hashPassword, verifyPassword } from "@/lib/platform/crypto/password";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { endSessions, type SessionsEnded } from "@/lib/platform/auth/session-version";
import { assertAcceptablePassword } from "@/lib/model/password-policy";

/**
 * A signed-in person changes their own password; the current one is required so a left-open session is not enough.
 * Every session ends, this one too: the browser that changed it signs in again with the new password (the form does
 * that itself), and a session someone else holds is over.
 */
export async function changeOwnPassword(
  tx: Tx,
  options: { userId: string; currentPassword: string; newPassword: string },
): Promise<{ email: string; sessionsEnded: SessionsEnded | null }> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: options.userId },
    select: { email: true, name: true, passwordHash: true },
  });
  if (!(await verifyPassword(options.currentPassword, user.passwordHash))) {
    throw new AppError("VALIDATION", {
      userMessage: "Your current password is not right.",
      fieldErrors: { currentPassword: ["This is not your current password."] },
    });
  }
  assertAcceptablePassword(options.newPassword, user, "newPassword");
  await tx.user.update({
    where: { id: options.userId },
    data: { passwordHash: await hashPassword(options.newPassword) },
  });
  return { email: user.email, sessionsEnded: await endSessions(tx, options.userId, "password_changed") };
}
