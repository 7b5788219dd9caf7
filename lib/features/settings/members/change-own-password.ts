import "server-only";
import { hashPassword, verifyPassword } from "@/lib/platform/crypto/password";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { assertAcceptablePassword } from "@/lib/model/password-policy";

/** A signed-in person changes their own password; the current one is required so a left-open session is not enough. */
export async function changeOwnPassword(
  tx: Tx,
  options: { userId: string; currentPassword: string; newPassword: string },
): Promise<{ email: string }> {
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
  return { email: user.email };
}
