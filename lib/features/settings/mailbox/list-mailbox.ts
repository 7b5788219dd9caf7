// Settings → Mailbox: the workspace's outgoing mail, newest first, and where mail goes. The text of a mail holds live
// verification codes, so this loader checks for admins itself (the page does too): a second caller cannot forget.
import "server-only";
import { AppError } from "@/lib/model/errors";
import { can } from "@/lib/model/permissions";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { mailDeliveryMode, type MailDeliveryMode } from "@/lib/platform/mail/delivery-mode";

export const MAILBOX_LIMIT = 100;

export type MailboxItem = {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: string;
  error: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
};

export type Mailbox = { mails: MailboxItem[]; total: number; delivery: MailDeliveryMode };

export async function loadMailbox(member: Pick<Member, "role" | "workspaceId" | "email">): Promise<Mailbox> {
  if (!can(member.role, "settings.manage"))
    throw new AppError("FORBIDDEN", { message: `${member.email} (${member.role}) may not read the mailbox` });
  const where = { workspaceId: member.workspaceId };
  const [mails, total] = await Promise.all([
    db().outboundMail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAILBOX_LIMIT,
      select: {
        id: true,
        to: true,
        subject: true,
        text: true,
        status: true,
        error: true,
        attempts: true,
        createdAt: true,
        sentAt: true,
      },
    }),
    db().outboundMail.count({ where }),
  ]);
  return { mails, total, delivery: mailDeliveryMode() };
}
