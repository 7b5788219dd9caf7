// Mail is an outbox: the row and its graphile-worker job are written in the caller's transaction, so a mail leaves
// exactly when what it announces (a verification code) commits. The worker sends it (deliver-mail.ts).
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/model/errors";
import type { Tx } from "@/lib/platform/db/client";

export type OutgoingMail = { workspaceId: string; to: string; subject: string; text: string };

/** The worker task that sends one queued mail (registered in lib/interfaces/worker/start-worker.ts). */
export const SEND_MAIL_TASK = "send_mail";
/** Tries before a mail is failed for good: graphile-worker's backoff spreads five over a minute or two. */
export const MAIL_MAX_ATTEMPTS = 5;

// One recipient only: a comma or a line break in an address on file must not add recipients or headers.
const mailSchema = z.object({
  workspaceId: z.string().min(1),
  to: z.email().max(254),
  subject: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => !/[\r\n]/.test(s), "one line"),
  text: z.string().min(1).max(20_000),
});

/**
 * Queues a mail in the caller's transaction, so it is sent exactly when what it announces (a verification code)
 * commits. Delivery is the worker's job; with no SMTP server configured the mail stays in the dev mailbox.
 */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<{ id: string }> {
  const parsed = mailSchema.safeParse(mail);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].join(", ");
    const message = `Mail not queued: invalid ${fields}.`;
    throw new AppError("BAD_REQUEST", { message, userMessage: message });
  }
  const created = await tx.outboundMail.create({ data: parsed.data, select: { id: true } });
  await tx.$executeRaw`SELECT graphile_worker.add_job(${SEND_MAIL_TASK}, json_build_object('mailId', ${created.id}::text), max_attempts => ${MAIL_MAX_ATTEMPTS})`;
  return created;
}
