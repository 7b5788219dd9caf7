// Where mail goes, as the console may say it: the SMTP host (never the user, password or port), or nowhere but the
// dev mailbox.
import "server-only";
import { parseSmtpUrl } from "@/lib/model/mail/smtp-url";
import { config } from "@/lib/platform/config";

export type MailDeliveryMode = { smtp: true; host: string } | { smtp: false };

export function mailDeliveryMode(): MailDeliveryMode {
  const smtpUrl = config().SMTP_URL;
  return smtpUrl ? { smtp: true, host: parseSmtpUrl(smtpUrl).host } : { smtp: false };
}
