// Audit trail: entries from a real chat (written by the engine as the app's restricted database role), a row
// tampered with directly in the database, Verify pointing at exactly that entry, and the exports' contents.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { e2eSuperuserUrl, expect, test } from "./fixtures";

test("tampering with an audit row is caught by Verify, which points at that entry; exports carry the chain", async ({
  adminPage: page,
  browser,
}) => {
  const token = randomBytes(3).toString("hex");
  const customer = await browser.newPage();
  await customer.goto("/chat/acme-retail/retail-support");
  await customer.getByTestId("chat-input").fill(`Where is my order A1002? (${token})`);
  await customer.getByTestId("chat-input").press("Enter");
  await expect(
    customer.locator('[data-testid="chat-message"][data-role="agent"]').filter({ hasText: "A1002" }),
  ).toBeVisible();
  await customer.close();

  // The engine's entries are in the list; search reaches into their details.
  await page.goto("/audit?action=routing.");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  const db = new pg.Client({ connectionString: e2eSuperuserUrl() });
  await db.connect();
  try {
    // The app's own role cannot change an entry; the superuser has to switch the append-only triggers off.
    const { rows } = await db.query<{ id: string; after: string }>(
      `SELECT id::text, after::text FROM "AuditLog" WHERE action = 'routing.decided' ORDER BY id DESC LIMIT 1`,
    );
    const target = rows[0];
    await expect(db.query(`UPDATE "AuditLog" SET "actorLabel" = 'x' WHERE id = $1`, [target.id])).rejects.toThrow(
      /append-only/,
    );
    await db.query("SET session_replication_role = replica");
    await db.query(`UPDATE "AuditLog" SET after = jsonb_set(after, '{tampered}', 'true') WHERE id = $1`, [target.id]);

    try {
      await page.goto("/audit");
      await page.getByTestId("audit-verify").click();
      const result = page.getByTestId("audit-verify-result").locator("[data-intact]");
      await expect(result).toHaveAttribute("data-intact", "false", { timeout: 30_000 });
      await expect(result).toHaveAttribute("data-entry-id", target.id);
      await expect(result).toHaveAttribute("data-kind", "content");
      await expect(result).toContainText(`Content changed at entry #${target.id}`);

      await page.getByTestId("audit-break-link").click();
      await expect(page).toHaveURL(new RegExp(`before=${BigInt(target.id) + BigInt(1)}#entry-${target.id}$`));
      const row = page.locator(`#entry-${target.id}`);
      await expect(row).toBeVisible();
      await expect(row).toHaveAttribute("data-action", "routing.decided");
      await expect(page.getByTestId("audit-row").first()).toHaveAttribute("data-entry-id", target.id);

      // The verification itself is on the record, with what it found.
      const verified = await db.query(
        `SELECT after FROM "AuditLog" WHERE action = 'audit.verified' ORDER BY id DESC LIMIT 1`,
      );
      expect(verified.rows[0].after).toMatchObject({ intact: false, kind: "content", entryId: target.id });
    } finally {
      await db.query(`UPDATE "AuditLog" SET after = $2::jsonb WHERE id = $1`, [target.id, target.after]);
      await db.query("SET session_replication_role = DEFAULT");
    }

    await page.goto("/audit");
    await page.getByTestId("audit-verify").click();
    await expect(page.getByTestId("audit-verify-result").locator("[data-intact]")).toHaveAttribute(
      "data-intact",
      "true",
      { timeout: 30_000 },
    );
    await expect(page.getByTestId("audit-verify-result")).toContainText(
      /Chain intact: [\d,]+ entries of this workspace checked/,
    );

    // Exports of the filtered list: JSON and CSV, each row with its hashes.
    await page.goto("/audit?action=audit.verified");
    const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export-json").click()]);
    const exported = JSON.parse(readFileSync(await json.path(), "utf8")) as Array<{
      id: string;
      action: string;
      prevHash: string;
      hash: string;
      after: { intact: boolean };
    }>;
    expect(exported.length).toBeGreaterThanOrEqual(2);
    expect(
      exported.every(
        (e) => e.action === "audit.verified" && /^[0-9a-f]{64}$/.test(e.hash) && /^[0-9a-f]{64}$/.test(e.prevHash),
      ),
    ).toBe(true);
    expect(exported[0].after.intact).toBe(true);
    expect(exported[1].after.intact).toBe(false);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export-csv").click()]);
    expect(csv.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const lines = readFileSync(await csv.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "id,at,actorType,actorId,actorLabel,action,resourceType,resourceId,before,after,metadata,prevHash,hash",
    );
    expect(lines.length).toBe(exported.length + 1);
    expect(lines[1].startsWith(`${exported[0].id},`)).toBe(true);

    // Recorded when each download's stream has ended.
    await expect
      .poll(async () =>
        (
          await db.query(`SELECT after FROM "AuditLog" WHERE action = 'audit.exported' ORDER BY id DESC LIMIT 2`)
        ).rows.map((r) => r.after),
      )
      .toEqual([
        { format: "csv", filter: { action: "audit.verified" }, rowCount: exported.length, complete: true },
        { format: "json", filter: { action: "audit.verified" }, rowCount: exported.length, complete: true },
      ]);
  } finally {
    await db.end();
  }
});
