// Settings → Mailbox: an admin reads the own workspace's outgoing mail (never another workspace's), newest first and
// at most MAILBOX_LIMIT with the true total; designers, operators and auditors are refused by the loader and
// sent to the forbidden page by the page; the banner names the SMTP host only, or says that mail is kept here.
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { memberOf, seedUser, seedWorkspace } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { db } = await import("@/lib/platform/db/client");
const { loadMailbox, MAILBOX_LIMIT } = await import("@/lib/features/settings/mailbox/list-mailbox");
const { default: MailboxPage } = await import("@/app/(console)/settings/mailbox/page");

afterEach(() => {
  delete process.env.SMTP_URL;
  signInAs(null);
});

async function workspaceWithMail(subjects: string[]) {
  const { workspace, user } = await seedWorkspace({ role: "admin" });
  const start = Date.parse("2026-12-01T10:00:00Z");
  await db().outboundMail.createMany({
    data: subjects.map((subject, i) => ({
      workspaceId: workspace.id,
      to: `customer${i}@example.test`,
      subject,
      text: `Your code is ${100000 + i}.`,
      status: "kept",
      createdAt: new Date(start + i * 1000),
    })),
  });
  return { workspace, admin: memberOf(user, workspace, "admin") };
}

async function memberWithRole(workspace: { id: string; slug: string; name: string }, role: Role) {
  return memberOf(await seedUser({ workspaceId: workspace.id, role }), workspace, role);
}

describe("the dev mailbox", () => {
  it("shows an admin the own workspace's mail only, newest first", async () => {
    const a = await workspaceWithMail(["A first", "A second"]);
    const b = await workspaceWithMail(["B only"]);

    const mailboxA = await loadMailbox(a.admin);
    expect(mailboxA.mails.map((m) => m.subject)).toEqual(["A second", "A first"]);
    expect(mailboxA.total).toBe(2);
    expect(mailboxA.mails[0]).toMatchObject({ to: "customer1@example.test", text: "Your code is 100001." });

    const mailboxB = await loadMailbox(b.admin);
    expect(mailboxB.mails.map((m) => m.subject)).toEqual(["B only"]);
  });

  it("lists at most the newest MAILBOX_LIMIT and says how many there are", async () => {
    const { admin } = await workspaceWithMail(Array.from({ length: MAILBOX_LIMIT + 1 }, (_, i) => `Mail ${i}`));
    const mailbox = await loadMailbox(admin);
    expect(mailbox.mails).toHaveLength(MAILBOX_LIMIT);
    expect(mailbox.total).toBe(MAILBOX_LIMIT + 1);
    expect(mailbox.mails[0].subject).toBe(`Mail ${MAILBOX_LIMIT}`);

    signInAs(admin);
    const html = renderToStaticMarkup(await MailboxPage());
    expect(html).toContain(`Showing the newest ${MAILBOX_LIMIT} of ${MAILBOX_LIMIT + 1} mails`);
  });

  it("refuses designers, operators and auditors, in the loader and on the page", async () => {
    const { workspace } = await workspaceWithMail(["Secret code"]);
    for (const role of ["designer", "operator", "auditor"] as const) {
      const member = await memberWithRole(workspace, role);
      await expect(loadMailbox(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
      signInAs(member);
      await expect(MailboxPage()).rejects.toMatchObject({
        digest: expect.stringContaining("/forbidden?need=settings.manage"),
      });
    }
  });

  it("says mail is kept here when no SMTP server is configured, and names only the host when one is", async () => {
    const { admin } = await workspaceWithMail(["Your verification code"]);
    signInAs(admin);

    expect((await loadMailbox(admin)).delivery).toEqual({ smtp: false });
    let html = renderToStaticMarkup(await MailboxPage());
    expect(html).toContain("No SMTP server is configured:");
    expect(html).toContain("mail is kept here and not delivered");
    expect(html).toContain("Codes shown here are live");
    expect(html).toContain("Your verification code");

    process.env.SMTP_URL = "smtps://mailer:hunter2-secret@smtp.example.com:465";
    expect((await loadMailbox(admin)).delivery).toEqual({ smtp: true, host: "smtp.example.com" });
    html = renderToStaticMarkup(await MailboxPage());
    expect(html).toContain("Mail is delivered through");
    expect(html).toContain("smtp.example.com");
    expect(html).not.toContain("hunter2-secret");
    expect(html).not.toContain("mailer");
  });

  it("has an honest empty state", async () => {
    const { workspace, user } = await seedWorkspace({ role: "admin" });
    signInAs(memberOf(user, workspace, "admin"));
    const html = renderToStaticMarkup(await MailboxPage());
    expect(html).toContain("No mail yet");
    expect(html).not.toContain("<table");
  });
});
