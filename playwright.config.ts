import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The browser tests run the real app exactly as `npm start` does (embedded Postgres, seeded demo), on its own
// data directory and port, in Debian's Chromium (Playwright's own browser download cannot work offline).
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_ORIGIN = `http://localhost:${PORT}`;
// Outside the repo: as root the embedded Postgres runs as the `postgres` user, which may not reach a private clone.
// scripts/test.sh empties it before each run so every run starts from a fresh seed.
const E2E_DATA_DIR = path.join(os.tmpdir(), `switchboard-e2e-${PORT}`);
export const E2E_ADMIN = { email: "admin@acme.test", password: "switchboard-e2e-password" };
// The public API's key (tests/e2e/public-api.spec.ts), created by the seed from SEED_API_KEY; a test-only key.
export const E2E_API_KEY = "sb_live_e2e-public-api-key-0123456789abcdef";
// SSO (tests/e2e/sso.spec.ts): a real local OpenID Connect provider (tests/support/oidc-test-provider.ts) on its own
// port, and the app configured for it. Specs that sign in with email and password are unaffected.
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 50);
export const E2E_OIDC_ISSUER = `http://localhost:${OIDC_PORT}`;
export const WEBHOOK_RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_PORT ?? PORT + 60);
export const E2E_SSO_NAME = "Acme SSO";
const E2E_SSO_ENV = {
  SSO_OIDC_ISSUER: E2E_OIDC_ISSUER,
  // The test provider's client (TEST_OIDC_CLIENT there); a test-only secret.
  SSO_OIDC_CLIENT_ID: "switchboard",
  SSO_OIDC_CLIENT_SECRET: "switchboard-oidc-test-secret",
  SSO_OIDC_NAME: E2E_SSO_NAME,
  SSO_OIDC_SCOPES: "openid email profile groups",
  SSO_ROLE_MAP: "sb-admins=admin,sb-designers=designer,sb-ops=operator",
  SSO_WORKSPACE: "acme-retail",
};

export default defineConfig({
  testDir: "tests/e2e",
  // Playwright empties its output folder; keep it apart from the other runners' reports in test-results/.
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: E2E_ORIGIN,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs tests/support/oidc-test-provider.ts --port ${OIDC_PORT} --app-origin ${E2E_ORIGIN}`,
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "node node_modules/tsx/dist/cli.mjs scripts/start.ts",
      url: `${E2E_ORIGIN}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      env: {
        PORT: String(PORT),
        SWITCHBOARD_DATA_DIR: E2E_DATA_DIR,
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        SEED_API_KEY: E2E_API_KEY,
        NEXTAUTH_URL: E2E_ORIGIN,
        ...E2E_SSO_ENV,
        // tests/e2e/webhooks.spec.ts delivers to a receiver it starts on this port; the SSRF guard refuses loopback otherwise.
        SWITCHBOARD_HTTP_TOOL_ALLOWLIST: `127.0.0.1:${WEBHOOK_RECEIVER_PORT}`,
        // Every spec's chat visitor comes from 127.0.0.1: one address opening some 20 conversations in a few minutes,
        // which the default public-chat limits (10 starts per 10 min) rightly refuse. The limits are tested in
        // tests/integration/features/chat; here they are set for one busy test client.
        CHAT_STARTS_PER_ADDRESS: "500",
        CHAT_MESSAGES_PER_ADDRESS: "1000",
      },
    },
  ],
});
