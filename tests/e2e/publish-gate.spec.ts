// Publish gates, the way a designer meets them: a new flow gets a suite with a case it cannot pass, the suite is run
// against the draft for real (the engine runs the case on the test channel), and Publish is then blocked; an admin
// overrides with a reason, the version goes live, and the override is in the audit trail.
import { randomBytes } from "node:crypto";
import { createFlow, expect, test } from "./fixtures";

test("a failing suite blocks publishing; an admin overrides it with a reason and the override is audited", async ({
  adminPage: page,
}) => {
  test.setTimeout(180_000);
  const token = randomBytes(3).toString("hex");
  const suiteName = `Greeting checks ${token}`;
  const reason = `Hotfix ${token}: the suite is being updated`;

  // A new flow: its starter draft is valid and nothing is live yet, so only the gate can stop it.
  const flowId = await createFlow(page, `Gated ${token}`, `gated-${token}`);

  // A gating suite (90% by default) with one case the starter flow cannot pass.
  await page.goto("/evals");
  await page.getByTestId("suite-flow").selectOption({ value: flowId });
  await page.getByTestId("suite-name").fill(suiteName);
  await expect(page.getByTestId("suite-gates")).toBeChecked();
  await page.getByTestId("suite-save").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(suiteName);
  const suiteUrl = new URL(page.url()).pathname;
  await page.getByTestId("add-case").click();
  const caseDialog = page.getByTestId("case-dialog");
  await caseDialog.getByTestId("case-name").fill("Quotes the secret word");
  await caseDialog.getByTestId("case-turns").fill("hello");
  await caseDialog.getByLabel("A reply contains", { exact: true }).fill(`no reply says ${token}`);
  await caseDialog.getByTestId("case-save").click();
  await expect(page.getByTestId("case-row").filter({ hasText: "Quotes the secret word" })).toBeVisible();

  // Run it against the draft: it finishes, and the case fails on its check.
  await page.getByTestId("run-target").selectOption({ value: "draft" });
  await page.getByTestId("run-suite").click();
  await expect(page).toHaveURL(/\/evals\/runs\//);
  await expect(page.getByTestId("run-status").first()).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await expect(page.getByTestId("run-case").filter({ hasText: "Quotes the secret word" })).toHaveAttribute(
    "data-passed",
    "false",
  );
  await expect(page.getByTestId("pass-rate").first()).toContainText("0%");

  // Publish shows the gate before anything happens: blocked, with the figures and a link to the suite.
  await page.goto(`/flows/${flowId}/edit`);
  await expect(page.locator('[data-testid="flow-canvas"][data-ready="true"]')).toBeVisible();
  await page.getByTestId("publish-button").click();
  const dialog = page.getByTestId("publish-dialog");
  await expect(dialog.getByTestId("publish-gates")).toHaveAttribute("data-state", "blocked");
  const row = dialog.getByTestId("publish-gate-suite").filter({ hasText: suiteName });
  await expect(row).toHaveAttribute("data-blocked", "true");
  await expect(row).toContainText("0% of cases passed · threshold 90%");
  await expect(row.getByRole("link", { name: suiteName, exact: true })).toHaveAttribute("href", suiteUrl);
  await dialog.getByTestId("publish-note").fill("First version, shipped past a failing suite");
  await expect(dialog.getByTestId("publish-confirm")).toBeDisabled();

  // The override needs a reason; then it publishes.
  await expect(dialog.getByTestId("publish-override-confirm")).toBeDisabled();
  await dialog.getByLabel(/reason to override/i).fill(reason);
  await dialog.getByTestId("publish-override-confirm").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("published-version")).toContainText("v1");

  // The audit trail has the override, with the reason.
  await page.goto("/audit?action=flow.publish_gate_overridden");
  const entry = page
    .locator('[data-testid="audit-row"][data-action="flow.publish_gate_overridden"]')
    .filter({ hasText: flowId });
  await expect(entry).toHaveCount(1);
  await entry.getByRole("button", { name: /details/i }).click();
  await expect(page.getByText(reason).first()).toBeVisible();
});
