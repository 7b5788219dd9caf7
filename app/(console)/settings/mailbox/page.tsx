import type { Metadata } from "next";
import Link from "next/link";
import { Mail } from "lucide-react";
import { MailboxTable } from "@/components/settings/mailbox-table";
import { linkClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";
import { loadMailbox, MAILBOX_LIMIT } from "@/lib/features/settings/mailbox/list-mailbox";

export const metadata: Metadata = { title: "Mailbox" };

export default async function MailboxPage() {
  const member = await requirePageMember("settings.manage", "/settings/mailbox");
  const { mails, total, delivery } = await loadMailbox(member);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/settings" className={linkClass}>
            Settings
          </Link>
        }
        title="Mailbox"
        description="Every mail Switchboard sends for this workspace (one-time verification codes to a customer's e-mail on file) goes through an outbox. Only admins see this page."
      />
      <div className="space-y-4">
        <p
          role="note"
          data-testid="mailbox-delivery"
          className={
            delivery.smtp
              ? "rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700"
              : "rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          }
        >
          {delivery.smtp ? (
            <>
              Mail is delivered through <strong className="font-mono">{delivery.host}</strong>.
            </>
          ) : (
            <>
              <strong>No SMTP server is configured:</strong> mail is kept here and not delivered. Set{" "}
              <code className="font-mono">SMTP_URL</code> to deliver it.
            </>
          )}{" "}
          Codes shown here are live: anyone who reads one can verify as that customer until it expires.
        </p>

        <section aria-labelledby="mailbox-heading" className="space-y-2">
          <h2 id="mailbox-heading" className="text-sm font-semibold text-slate-900">
            Mail · {total}
          </h2>
          {mails.length === 0 ? (
            <EmptyState icon={Mail} title="No mail yet">
              Mail appears here when a flow sends a customer a verification code.
            </EmptyState>
          ) : (
            <>
              <MailboxTable
                mails={mails.map((mail) => ({
                  ...mail,
                  createdAt: mail.createdAt.toISOString(),
                  sentAt: mail.sentAt?.toISOString() ?? null,
                }))}
              />
              {total > mails.length ? (
                <p className="text-xs text-slate-500" data-testid="mailbox-limit">
                  Showing the newest {MAILBOX_LIMIT} of {total} mails; older ones are kept but not listed here.
                </p>
              ) : null}
            </>
          )}
        </section>
      </div>
    </>
  );
}
