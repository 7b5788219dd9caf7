// One-time codes: six digits from a CSPRNG, stored only as a hash bound to the conversation, valid for minutes,
// a few tries each, and consumed on use.
import "server-only";
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { Tx } from "@/lib/platform/db/client";
import { queueMail } from "@/lib/platform/mail/outbox";

export const CODE_PATTERN = /(?<![\d-])\d{3}[ -]?\d{3}(?![\d-])/;
/** Codes e-mailed in one conversation before no more are sent (each one is a mail to a real person). */
export const MAX_CODES_PER_CONVERSATION = 3;

const hashCode = (conversationId: string, code: string) =>
  createHash("sha256").update(`${conversationId}:${code}`).digest("hex");

/** The code in a message ("123456", "123 456", "my code is 123-456"), digits only. */
export function extractCode(text: string): string | null {
  const match = CODE_PATTERN.exec(text);
  return match ? match[0].replace(/\D/g, "") : null;
}

export async function codesSent(tx: Tx, conversationId: string): Promise<number> {
  return tx.verificationCode.count({ where: { conversationId } });
}

/** Creates a code for the customer and queues the mail carrying it, in the caller's transaction. */
export async function sendCode(
  tx: Tx,
  target: { workspaceId: string; conversationId: string; customerId: string; email: string; ttlMinutes: number },
): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const workspace = await tx.workspace.findUniqueOrThrow({
    where: { id: target.workspaceId },
    select: { name: true },
  });
  await tx.verificationCode.create({
    data: {
      workspaceId: target.workspaceId,
      conversationId: target.conversationId,
      customerId: target.customerId,
      codeHash: hashCode(target.conversationId, code),
      expiresAt: new Date(Date.now() + target.ttlMinutes * 60_000),
    },
  });
  await queueMail(tx, {
    workspaceId: target.workspaceId,
    to: target.email,
    subject: `Your ${workspace.name} verification code`,
    text:
      `Your verification code is ${code}. It expires in ${target.ttlMinutes} minutes.\n\n` +
      "Type it in the chat to confirm it's you. If you did not ask for a code, you can ignore this e-mail; " +
      "nobody can use your account without it.",
  });
}

export type CodeCheck =
  { ok: true; customerId: string } | { ok: false; reason: "no_code" | "expired" | "wrong"; customerId: string | null };

/** Checks a typed code against the conversation's latest one; every check counts as an attempt on that code. */
export async function checkCode(tx: Tx, conversationId: string, typed: string, now = new Date()): Promise<CodeCheck> {
  const latest = await tx.verificationCode.findFirst({
    where: { conversationId, consumedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!latest) return { ok: false, reason: "no_code", customerId: null };
  await tx.verificationCode.update({ where: { id: latest.id }, data: { attempts: { increment: 1 } } });
  if (latest.expiresAt <= now) return { ok: false, reason: "expired", customerId: latest.customerId };
  const expected = Buffer.from(latest.codeHash, "hex");
  const actual = Buffer.from(hashCode(conversationId, typed), "hex");
  if (!timingSafeEqual(expected, actual)) return { ok: false, reason: "wrong", customerId: latest.customerId };
  await tx.verificationCode.update({ where: { id: latest.id }, data: { consumedAt: now } });
  return { ok: true, customerId: latest.customerId };
}

/** "j***@example.com": enough for the customer to recognise the address, not enough to learn one. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  return domain ? `${local.slice(0, 1)}***@${domain}` : "***";
}
