// First start: make sure someone can sign in. Uses ADMIN_EMAIL / ADMIN_PASSWORD, or generates a password that is
// printed once (and never stored in clear anywhere).
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { auditLog } from "@/lib/platform/audit/audit-log";
import type { Db } from "@/lib/platform/db/client";
import { hashPassword } from "@/lib/platform/crypto/password";
import { processEnv } from "@/lib/platform/config";
import { checkPassword } from "@/lib/model/password-policy";

const adminEnv = z.object({
  ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .email("ADMIN_EMAIL must be an email address")
    .default("admin@switchboard.local"),
  ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").max(200).optional(),
});

export async function ensureAdmin(
  client: Db,
  workspaceId: string,
  env: Record<string, string | undefined> = processEnv(),
): Promise<{ email: string; generatedPassword: string | null; passwordWarning: string | null } | null> {
  if ((await client.user.count()) > 0) return null;
  const parsed = adminEnv.safeParse({
    ADMIN_EMAIL: env.ADMIN_EMAIL || undefined,
    ADMIN_PASSWORD: env.ADMIN_PASSWORD || undefined,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join("; "));
  const email = parsed.data.ADMIN_EMAIL;
  const generatedPassword = parsed.data.ADMIN_PASSWORD ? null : randomBytes(12).toString("base64url");
  const password = parsed.data.ADMIN_PASSWORD ?? generatedPassword!;
  const passwordHash = await hashPassword(password);
  await client.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name: "Administrator", passwordHash } });
    await tx.membership.create({ data: { workspaceId, userId: user.id, role: "admin" } });
    await auditLog(
      {
        workspaceId,
        actor: { type: "system", label: "first start" },
        action: "member.added",
        resourceType: "membership",
        resourceId: user.id,
        after: { email, role: "admin" },
      },
      tx,
    );
  });
  // ADMIN_PASSWORD is the operator's to choose, so a weak one is not refused, only pointed out (the seed prints it).
  const verdict = parsed.data.ADMIN_PASSWORD ? checkPassword(password, { email, name: "Administrator" }) : null;
  return { email, generatedPassword, passwordWarning: verdict && !verdict.ok ? verdict.message : null };
}
