// Publish gates: a suite whose run against this draft failed blocks Publish; an admin overrides with a reason, the
// version goes live, and the override is in the audit trail with the suite's figures. The suite and its run are
// written straight into the e2e database (as its superuser), so this tests the gate, not the suite runner.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { E2E_ORIGIN } from "../../playwright.config";
import { expect, test } from "./fixtures";

// The e2e server's embedded Postgres, as its superuser (playwright.config.ts: the data dir; the lock has the port).
function superuserUrl(): string {
  const dataDir = path.join(os.tmpdir(), `switchboard-e2e-${new URL(E2E_ORIGIN).port}`);
  const { user, password } = JSON.parse(readFileSync(path.join(dataDir, "postgres-credentials.json"), "utf8")) as { user: string; password: string };
  const { databaseUrl } = JSON.parse(readFileSync(path.join(dataDir, "switchboard.lock"), "utf8")) as { databaseUrl: string };
  const url = new URL(databaseUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}

test("a failing suite blocks publishing; an admin overrides it with a reason and the override is audited", async ({ adminPage: page }) => {
  const token = randomBytes(3).toString("hex");
  const suiteName = `Refund answers ${token}`;
  const reason = `Hotfix ${token}: the suite is being updated`;

  // A new flow: its starter draft is valid and nothing is live yet, so only the gate can stop it.
  await page.goto("/flows");
  await page.getByTestId("new-flow").click();
  await page.getByTestId("new-flow-name").fill(`Gated ${token}`);
  await page.getByTestId("new-flow-slug").fill(`gated-${token}`);
  await page.getByTestId("new-flow-create").click();
  await expect(page).toHaveURL(/\/flows\/[^/]+\/edit/);
  await expect(page.locator('[data-testid="flow-canvas"][data-ready="true"]')).toBeVisible();
  const flowId = page.url().split("/flows/")[1].split("/")[0];

  const db = new pg.Client({ connectionString: superuserUrl() });
  await db.connect();
  try {
    const { rows } = await db.query<{ workspaceId: string; draftRevision: number }>(`SELECT "workspaceId", "draftRevision" FROM "Flow" WHERE id = $1`, [flowId]);
    const flow = rows[0];
    const suiteId = `e2e-suite-${token}`;
    await db.query(
      `INSERT INTO "EvalSuite" (id, "workspaceId", "flowId", name, "passThreshold", "gatesPublish", "updatedAt") VALUES ($1, $2, $3, $4, 0.9, true, now())`,
      [suiteId, flow.workspaceId, flowId, suiteName],
    );
    for (const n of [1, 2]) {
      await db.query(`INSERT INTO "EvalCase" (id, "suiteId", name, turns, expectations, "updatedAt") VALUES ($1, $2, $3, '["refund please"]', '{}', now())`, [
        `e2e-case-${token}-${n}`,
        suiteId,
        `case ${n}`,
      ]);
    }
    // One of two cases passed on exactly this draft revision: 50% against a 90% threshold.
    await db.query(
      `INSERT INTO "EvalRun" (id, "workspaceId", "suiteId", "flowId", "flowVersionId", target, "draftRevision", status, total, passed, "startedAt", "finishedAt")
       VALUES ($1, $2, $3, $4, 'e2e-test-version', 'draft', $5, 'done', 2, 1, now(), now())`,
      [`e2e-run-${token}`, flow.workspaceId, suiteId, flowId, flow.draftRevision],
    );

    // Publish shows the gate before anything happens: blocked, with the figures and a link to the suite.
    await page.getByTestId("publish-button").click();
    const dialog = page.getByTestId("publish-dialog");
    await expect(dialog.getByTestId("publish-gates")).toHaveAttribute("data-state", "blocked");
    const row = dialog.getByTestId("publish-gate-suite").filter({ hasText: suiteName });
    await expect(row).toHaveAttribute("data-blocked", "true");
    await expect(row).toContainText("50% of cases passed · threshold 90%");
    await expect(row).toContainText("pass rate 50% is below the threshold of 90%");
    await expect(row.getByRole("link", { name: suiteName, exact: true })).toHaveAttribute("href", `/evals/${suiteId}`);
    await dialog.getByTestId("publish-note").fill("First version, shipped past a failing suite");
    await expect(dialog.getByTestId("publish-confirm")).toBeDisabled();

    // The override needs a reason; then it publishes.
    await expect(dialog.getByTestId("publish-override-confirm")).toBeDisabled();
    await dialog.getByLabel(/reason to override/i).fill(reason);
    await dialog.getByTestId("publish-override-confirm").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("published-version")).toContainText("v1");

    // The audit trail has the override, with the reason and the suite's figures.
    await page.goto("/audit?action=flow.publish_gate_overridden");
    const entry = page.locator('[data-testid="audit-row"][data-action="flow.publish_gate_overridden"]').filter({ hasText: flowId });
    await expect(entry).toHaveCount(1);
    await entry.getByRole("button", { name: /details/i }).click();
    await expect(page.getByText(reason).first()).toBeVisible();
    const audited = await db.query(`SELECT after FROM "AuditLog" WHERE action = 'flow.publish_gate_overridden' AND "resourceId" = $1`, [flowId]);
    expect(audited.rows).toHaveLength(1);
    expect(audited.rows[0].after).toMatchObject({
      reason,
      number: 1,
      suites: [{ suiteId, name: suiteName, passRate: 0.5, threshold: 0.9, blocked: true }],
    });
  } finally {
    await db.end();
  }
});
