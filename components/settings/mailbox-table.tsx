"use client";
// The dev mailbox: outgoing mail newest first (recipient, subject, status, when); each row opens to the text as it
// was sent, and to the error of a mail that failed.
import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

export type MailboxRow = {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: string;
  error: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
};

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "sky" },
  sent: { label: "Sent", tone: "green" },
  failed: { label: "Failed", tone: "red" },
  kept: { label: "Kept here", tone: "amber" },
};

export function MailboxTable({ mails }: { mails: MailboxRow[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Table caption="Outgoing mail, newest first">
      <THead>
        <Th srOnly>Text</Th>
        <Th>To</Th>
        <Th>Subject</Th>
        <Th>Status</Th>
        <Th>Created</Th>
      </THead>
      <TBody>
        {mails.map((mail) => {
          const expanded = open === mail.id;
          const panelId = `mail-${mail.id}`;
          const status = STATUS[mail.status] ?? { label: mail.status, tone: "neutral" as const };
          return (
            <Fragment key={mail.id}>
              <tr data-testid="mailbox-row" data-status={mail.status}>
                <Td className="w-8">
                  <button
                    type="button"
                    className={buttonClass("ghost", "sm", "px-1.5")}
                    aria-expanded={expanded}
                    aria-controls={panelId}
                    onClick={() => setOpen(expanded ? null : mail.id)}
                    data-testid="mailbox-toggle"
                  >
                    {expanded ? (
                      <ChevronDown aria-hidden className="size-4" />
                    ) : (
                      <ChevronRight aria-hidden className="size-4" />
                    )}
                    <span className="sr-only">
                      {expanded ? "Hide" : "Show"} the text of “{mail.subject}” to {mail.to}
                    </span>
                  </button>
                </Td>
                <Td className="break-all font-mono text-xs">{mail.to}</Td>
                <Td className="text-slate-900">{mail.subject}</Td>
                <Td>
                  <Badge tone={status.tone} dot>
                    {status.label}
                  </Badge>
                  {mail.status === "failed" && mail.error ? (
                    <div className="mt-1 max-w-64 truncate text-xs text-rose-700" title={mail.error}>
                      {mail.error}
                    </div>
                  ) : null}
                </Td>
                <Td className="whitespace-nowrap text-xs">
                  <Time value={mail.createdAt} />
                </Td>
              </tr>
              {expanded ? (
                <tr id={panelId} className="bg-slate-50/60">
                  <td colSpan={5} className="px-4 py-3">
                    <p className="mb-1 text-xs text-slate-500">
                      {mail.sentAt ? (
                        <>
                          Sent <Time value={mail.sentAt} />
                        </>
                      ) : mail.status === "kept" ? (
                        "Not delivered: no SMTP server was configured when it was processed."
                      ) : mail.status === "queued" ? (
                        "Waiting for the worker to send it."
                      ) : (
                        "Not delivered."
                      )}
                      {mail.attempts > 0 ? ` · ${mail.attempts} attempt${mail.attempts === 1 ? "" : "s"}` : null}
                    </p>
                    {mail.error ? <p className="mb-2 text-xs text-rose-700">{mail.error}</p> : null}
                    <pre
                      className="max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-white p-3 font-mono text-xs leading-relaxed text-slate-800"
                      aria-label={`Text of “${mail.subject}”`}
                      data-testid="mailbox-text"
                    >
                      {mail.text}
                    </pre>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}
