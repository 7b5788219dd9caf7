// The worker's side of the mail outbox: sends one queued mail through SMTP_URL, or keeps it for the dev mailbox when
// no SMTP server is configured (never dropped). The SMTP host goes through the SSRF guard like every outbound
// connection, and the connection is pinned to the address the guard vetted. Run by SEND_MAIL_TASK
// (lib/interfaces/worker/start-worker.ts); graphile-worker retries a thrown attempt with backoff up to
// MAIL_MAX_ATTEMPTS. At-least-once: a crash between the server's 250 and the status update sends it again.
import "server-only";
import net from "node:net";
import nodemailer from "nodemailer";
import { parseSmtpUrl, redactSmtpSecrets, type SmtpSettings } from "@/lib/model/mail/smtp-url";
import { config } from "@/lib/platform/config";
import { db } from "@/lib/platform/db/client";
import { allowlistFromEnv } from "@/lib/platform/net/host-allowlist";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { assertPublicUrl } from "@/lib/platform/net/ssrf-guard";

/** Connecting, the greeting and each later exchange: a dead server fails the attempt instead of holding the job. */
const SMTP_TIMEOUT_MS = 15_000;

export type MailOutcome = "sent" | "kept" | "failed" | "retrying" | "skipped";

/** Thrown to make graphile-worker try again later; its message is already free of credentials. */
export class MailRetryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailRetryError";
  }
}

/** The host as the SSRF guard and the allowlist see it: an http URL with the SMTP port made explicit. */
function guardUrl(smtp: SmtpSettings): string {
  const host = net.isIPv6(smtp.host) ? `[${smtp.host}]` : smtp.host;
  return `http://${host}:${smtp.port}/`;
}

async function sendThroughSmtp(smtp: SmtpSettings, mail: { to: string; subject: string; text: string }) {
  const vetted = await assertPublicUrl(guardUrl(smtp), {
    allowHosts: allowlistFromEnv(),
    signal: AbortSignal.timeout(SMTP_TIMEOUT_MS),
  });
  const transport = nodemailer.createTransport({
    host: vetted.addresses[0].address, // pinned: no second DNS answer between the check and the connection
    port: smtp.port,
    secure: smtp.secure,
    // Verification codes do not cross the internet in clear: STARTTLS is required unless the host is a dev server
    // on the allowlist (a local mail catcher usually offers no TLS).
    requireTLS: !smtp.secure && !vetted.allowlisted,
    servername: net.isIP(smtp.host) ? undefined : smtp.host, // the certificate is checked against the name
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? "" } : undefined,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    logger: false,
  });
  try {
    await transport.sendMail({ from: config().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
}

/** Failures that another attempt will not fix: a refused target, a rejected login or recipient (SMTP 5xx). */
function isPermanent(error: unknown): boolean {
  if (error instanceof SsrfBlockedError) return true;
  if (error instanceof HttpToolError) return !error.retriable;
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  if (code === "EAUTH") return true;
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
}

function describe(error: unknown, smtp: SmtpSettings): string {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof SsrfBlockedError)
    message = `${message}. A local SMTP server must be on SWITCHBOARD_HTTP_TOOL_ALLOWLIST (${smtp.host}:${smtp.port}).`;
  return redactSmtpSecrets(message, smtp);
}

/**
 * One attempt at a mail (the job's body). `attempt` counts from 1; the last one fails the mail for good instead of
 * throwing. Safe to call for a mail that is already settled: it does nothing.
 */
export async function deliverMail(
  mailId: string,
  { attempt, maxAttempts }: { attempt: number; maxAttempts: number } = { attempt: 1, maxAttempts: 1 },
): Promise<MailOutcome> {
  const mail = await db().outboundMail.findUnique({
    where: { id: mailId },
    select: { id: true, to: true, subject: true, text: true, status: true },
  });
  if (!mail || mail.status !== "queued") return "skipped";
  const settle = (data: { status: string; error?: string | null; attempts?: number; sentAt?: Date }) =>
    db().outboundMail.updateMany({ where: { id: mail.id, status: "queued" }, data });

  const smtpUrl = config().SMTP_URL;
  if (!smtpUrl) {
    await settle({ status: "kept" });
    return "kept";
  }
  const smtp = parseSmtpUrl(smtpUrl);
  try {
    await sendThroughSmtp(smtp, mail);
  } catch (error) {
    const message = describe(error, smtp);
    const final = isPermanent(error) || attempt >= maxAttempts;
    await settle({ status: final ? "failed" : "queued", error: message, attempts: attempt });
    if (final) return "failed";
    throw new MailRetryError(message);
  }
  await settle({ status: "sent", error: null, attempts: attempt, sentAt: new Date() });
  return "sent";
}
