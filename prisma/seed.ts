// `npm run db:seed`: seeds the demo workspace and the first admin into DATABASE_URL (idempotent).
import { ensureSeedApiKey } from "@/lib/features/settings/api-keys/ensure-seed-api-key";
import { readSeedApiKey } from "@/lib/platform/crypto/api-key-format";
import { ensureAdmin } from "@/lib/platform/auth/ensure-admin";
import { config } from "@/lib/platform/config";
import { seedDemoHistory } from "@/lib/features/demo-history/seed-demo-history";
import { db, disconnectDb } from "@/lib/platform/db/client";
import { seedDemo } from "./demo/seed-demo";
import { seedCannedReplies } from "./demo/canned-replies";

// Checked before anything is written, so a malformed SEED_API_KEY changes nothing.
readSeedApiKey(process.env);
const { workspaceId, created } = await seedDemo(db());
console.log(created ? "Seeded the Acme Retail demo workspace." : "The demo workspace already exists; nothing to seed.");
await seedCannedReplies(db(), workspaceId);
const admin = await ensureAdmin(db(), workspaceId);
if (admin?.generatedPassword) {
  console.log(
    `\n  First admin: ${admin.email}\n  Password:    ${admin.generatedPassword}   (shown once; change it in Settings)\n`,
  );
} else if (admin) {
  console.log(`First admin: ${admin.email} (password from ADMIN_PASSWORD).`);
}
if (admin?.passwordWarning) {
  console.warn(
    `Warning: ADMIN_PASSWORD does not meet the password policy people must meet in the console: ${admin.passwordWarning} Change it in Settings → Your password.`,
  );
}
// The first start (`npm start` passes --with-history) also gets 30 days of traffic, so every console page has a story.
// The integration tests' template is seeded without it.
if (created && process.argv.includes("--with-history") && config().DEMO_HISTORY === "on") {
  const history = await seedDemoHistory(workspaceId);
  console.log(
    `Demo history: ${history.conversations.toLocaleString("en-US")} conversations over ${history.days} days in ${history.seconds.toFixed(1)} s.`,
  );
}
// SEED_API_KEY: a known API key ("Seed key") in the demo workspace; created once, never printed.
const seedKey = await ensureSeedApiKey(db(), workspaceId);
if (seedKey?.created) console.log(`Created the API key "Seed key" (${seedKey.prefix}…) from SEED_API_KEY.`);
await disconnectDb();
