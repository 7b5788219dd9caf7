// Settings → Webhooks end to end: an admin adds an endpoint pointing at a real receiver started here (it verifies
// every signature), copies the secret shown once, sends a test event, sees it delivered in the log with its attempt,
// and replays it. The app allows the receiver's address through SWITCHBOARD_HTTP_TOOL_ALLOWLIST (playwright.config.ts).
import { randomBytes } from "node:crypto";
import { WEBHOOK_RECEIVER_PORT } from "../../playwright.config";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { expect, test } from "./fixtures";

const RECEIVER_PORT = WEBHOOK_RECEIVER_PORT;
let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver({ port: RECEIVER_PORT });
});
test.afterAll(async () => {
  await receiver?.close();
});

test("an admin adds an endpoint, sees its secret once, sends a test event and replays it", async ({
  adminPage: page,
}) => {
  const name = `Receiver ${randomBytes(3).toString("hex")}`;
  await page.goto("/settings");
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  // Validation first: nothing picked.
  await page.getByTestId("webhook-name").fill(name);
  await page.getByTestId("webhook-url").fill(receiver.url);
  await page.getByTestId("webhook-save").click();
  await expect(page.getByText("Pick at least one event.")).toBeVisible();

  await page.getByTestId("webhook-event-flow.published").check();
  await page.getByTestId("webhook-event-conversation.started").check();
  await page.getByTestId("webhook-save").click();
  const secret = (await page.getByTestId("webhook-secret-value").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  receiver.setSecret(secret);
  await expect(page.getByTestId("webhook-endpoint-row").filter({ hasText: name })).toBeVisible();

  await page.getByTestId("webhook-created-link").click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  // Shown once: the endpoint's page only has the prefix.
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText("No deliveries yet")).toBeVisible();

  await page.getByTestId("webhook-send-test").click();
  await expect(page.getByTestId("webhook-notice")).toContainText("Test event queued");
  const [ping] = await receiver.waitForAccepted(1);
  expect(ping.body).toMatchObject({ type: "ping", data: { endpoint: name } });

  const row = page.getByTestId("webhook-delivery-row").first();
  await expect(row).toHaveAttribute("data-state", "delivered", { timeout: 15_000 });
  await expect(row).toContainText("ping");
  await row.getByTestId("webhook-delivery-toggle").click();
  await expect(page.getByTestId("webhook-attempt").first()).toContainText("HTTP 200");

  await row.getByTestId("webhook-replay").click();
  await expect(page.getByTestId("webhook-replay-message")).toContainText("Replay queued");
  const both = await receiver.waitForAccepted(2);
  expect(both[1].body!.id).toBe(both[0].body!.id);
  expect(both[1].headers["switchboard-delivery"]).not.toBe(both[0].headers["switchboard-delivery"]);
  await expect(page.getByTestId("webhook-delivery-row")).toHaveCount(2, { timeout: 15_000 });
  await expect(page.getByTestId("webhook-delivery-row").first()).toContainText("replay");

  // Disabling stops test events; the state is shown.
  await page.getByTestId("webhook-toggle-active").click();
  await expect(page.getByTestId("webhook-status")).toHaveText("disabled");
  await expect(page.getByTestId("webhook-send-test")).toBeDisabled();
});
