import "server-only";
import type { Tx } from "@/lib/platform/db/client";

export type OutgoingMail = { workspaceId: string; to: string; subject: string; text: string };

/**
 * Queues a mail in the caller's transaction, so it is sent exactly when what it announces (a verification code)
 * commits. Delivery is the worker's job; with no SMTP server configured the mail stays in the dev mailbox.
 */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<{ id: string }> {
  return tx.outboundMail.create({ data: mail, select: { id: true } });
}
