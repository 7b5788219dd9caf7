// The mail outbox against a real local SMTP server: queueMail writes the row and its job in the caller's
// transaction; the send_mail task keeps a mail when no SMTP_URL is set, sends it through an allowlisted server
// (right envelope, headers and text), refuses a private host that is not on the allowlist, fails a refused login at
// once without storing the password the server echoed, and retries a server that is down until the last attempt.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { deliverMail, MailRetryError } from "@/lib/platform/mail/deliver-mail";
import { MAIL_MAX_ATTEMPTS, queueMail, SEND_MAIL_TASK } from "@/lib/platform/mail/outbox";
import { startEngineWorker } from "@/lib/interfaces/worker/start-worker";
import { stopInProcessWorker } from "@/tests/support/engine";
import { demoWorkspace } from "@/tests/support/factories";
import { startSmtpTestServer, type SmtpTestServer } from "@/tests/support/smtp-test-server";

const USER = "switchboard@mail.test";
const PASS = "Pa55:w/rd-9f3b1c";
const ENV = ["SMTP_URL", "MAIL_FROM", "SWITCHBOARD_HTTP_TOOL_ALLOWLIST"] as const;

const workspace = await demoWorkspace();
let smtp: SmtpTestServer;

beforeAll(async () => {
  // This file runs each attempt itself; the setup's in-process worker would race it for the jobs.
  await stopInProcessWorker();
  smtp = await startSmtpTestServer({ user: USER, pass: PASS });
});
afterAll(async () => {
  await smtp.close();
});
afterEach(() => {
  for (const name of ENV) delete process.env[name];
  smtp.received.length = 0;
});

function useSmtp(url: string, allowlist: string | null = `127.0.0.1:${new URL(url).port}`) {
  process.env.SMTP_URL = url;
  if (allowlist) process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = allowlist;
}

async function queue(overrides: Partial<{ to: string; subject: string; text: string }> = {}) {
  return db().$transaction((tx) =>
    queueMail(tx, {
      workspaceId: workspace.id,
      to: "customer@example.test",
      subject: "Your verification code",
      text: "Your code is 482913.\nIt expires in 10 minutes.",
      ...overrides,
    }),
  );
}

const mailRow = (id: string) => db().outboundMail.findUniqueOrThrow({ where: { id } });

describe("the mail outbox", () => {
  it("writes the mail and its send_mail job in the caller's transaction, and neither when it rolls back", async () => {
    const { id } = await queue();
    const jobs = await db().$queryRaw<{ payload: { mailId: string }; max_attempts: number }[]>`
      SELECT j.payload, j.max_attempts FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = ${SEND_MAIL_TASK}`;
    expect(jobs.filter((job) => job.payload.mailId === id)).toEqual([
      { payload: { mailId: id }, max_attempts: MAIL_MAX_ATTEMPTS },
    ]);
    expect((await mailRow(id)).status).toBe("queued");

    const before = await db().outboundMail.count();
    await expect(
      db().$transaction(async (tx) => {
        await queueMail(tx, { workspaceId: workspace.id, to: "x@example.test", subject: "S", text: "T" });
        throw new Error("the verification step failed");
      }),
    ).rejects.toThrow("the verification step failed");
    expect(await db().outboundMail.count()).toBe(before);
  });

  it("refuses a second recipient or a header smuggled into the subject, and writes nothing", async () => {
    const before = await db().outboundMail.count();
    await expect(queue({ to: "customer@example.test, thief@example.test" })).rejects.toThrow(/invalid to/);
    await expect(queue({ subject: "Code\r\nBcc: thief@example.test" })).rejects.toThrow(/invalid subject/);
    expect(await db().outboundMail.count()).toBe(before);
  });

  it("keeps the mail for the dev mailbox when no SMTP_URL is set", async () => {
    const { id } = await queue();
    expect(await deliverMail(id)).toBe("kept");
    expect(await mailRow(id)).toMatchObject({ status: "kept", error: null, sentAt: null });
    // Settled: a second run (a retried job) does nothing.
    expect(await deliverMail(id)).toBe("skipped");
  });

  it("sends through an allowlisted SMTP server with the right envelope, subject and text", async () => {
    useSmtp(smtp.url(USER, PASS));
    process.env.MAIL_FROM = "Acme Support <support@acme.test>";
    const { id } = await queue();

    expect(await deliverMail(id, { attempt: 1, maxAttempts: MAIL_MAX_ATTEMPTS })).toBe("sent");
    expect(smtp.received).toHaveLength(1);
    const [got] = smtp.received;
    expect(got.from).toBe("support@acme.test");
    expect(got.to).toEqual(["customer@example.test"]);
    expect(got.headers).toMatchObject({
      from: "Acme Support <support@acme.test>",
      to: "customer@example.test",
      subject: "Your verification code",
    });
    expect(got.text).toBe("Your code is 482913.\nIt expires in 10 minutes.");
    const row = await mailRow(id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, error: null });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("refuses a private SMTP host that is not on the allowlist, at once and saying how to allow it", async () => {
    useSmtp(smtp.url(USER, PASS), null);
    const { id } = await queue();
    expect(await deliverMail(id, { attempt: 1, maxAttempts: MAIL_MAX_ATTEMPTS })).toBe("failed");
    const row = await mailRow(id);
    expect(row.status).toBe("failed");
    expect(row.error).toContain("loopback");
    expect(row.error).toContain(`SWITCHBOARD_HTTP_TOOL_ALLOWLIST (127.0.0.1:${smtp.port})`);
    expect(smtp.received).toHaveLength(0);
  });

  it("fails a refused login at once, and the stored error carries no password even when the server echoes it", async () => {
    const refusing = await startSmtpTestServer({ user: USER, pass: PASS, refuseLogins: true });
    try {
      useSmtp(refusing.url(USER, PASS));
      const { id } = await queue();
      expect(await deliverMail(id, { attempt: 1, maxAttempts: MAIL_MAX_ATTEMPTS })).toBe("failed");
      const row = await mailRow(id);
      expect(row).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
      expect(row.error).toMatch(/535/);
      expect(row.error).toContain(USER); // the echo is there, its password is not
      expect(row.error).not.toContain(PASS);
      expect(row.error).not.toContain(encodeURIComponent(PASS));
      expect(row.error).not.toContain(Buffer.from(PASS).toString("base64"));
      expect(row.error!.length).toBeLessThanOrEqual(300);
    } finally {
      await refusing.close();
    }
  });

  it("retries a server that does not answer, then fails the mail on the last attempt", async () => {
    const down = await startSmtpTestServer({ user: USER, pass: PASS });
    await down.close();
    useSmtp(down.url(USER, PASS));
    const { id } = await queue();

    const first = deliverMail(id, { attempt: 1, maxAttempts: 3 });
    await expect(first).rejects.toBeInstanceOf(MailRetryError);
    await expect(first).rejects.not.toThrow(PASS);
    let row = await mailRow(id);
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.error).toMatch(/ECONNREFUSED/);

    expect(await deliverMail(id, { attempt: 3, maxAttempts: 3 })).toBe("failed");
    row = await mailRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.error).not.toContain(PASS);
  });

  it("is sent by the worker's send_mail task once the transaction commits", async () => {
    useSmtp(smtp.url(USER, PASS));
    const worker = await startEngineWorker({ concurrency: 1 });
    try {
      const { id } = await queue({ subject: "Sent by the worker" });
      let row = await mailRow(id);
      for (let i = 0; i < 300 && row.status === "queued"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await mailRow(id);
      }
      expect(row.status).toBe("sent");
      expect(smtp.received.map((mail) => mail.headers.subject)).toContain("Sent by the worker");
    } finally {
      await worker.stop();
    }
  });
});
