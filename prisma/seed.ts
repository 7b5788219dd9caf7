// `npm run db:seed`: seeds the demo workspace and the first admin into DATABASE_URL (idempotent).
import { writeFileSync } from "node:fs";
import { ensureSeedApiKey } from "@/lib/features/settings/api-keys/ensure-seed-api-key";
import { readSeedApiKey } from "@/lib/platform/crypto/api-key-format";
import { ensureAdmin } from "@/lib/platform/auth/ensure-admin";
import { config } from "@/lib/platform/config";
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
// The first start's 30 days of traffic (prisma/seed-history.ts) are written next, while the app builds: `npm start`
// names a file with --history-file, and a workspace created now leaves its id there. The tests' template never asks.
const historyFile = process.argv[process.argv.indexOf("--history-file") + 1];
if (created && process.argv.includes("--history-file") && historyFile && config().DEMO_HISTORY === "on") {
  writeFileSync(historyFile, workspaceId);
}
// SEED_API_KEY: a known API key ("Seed key") in the demo workspace; created once, never printed.
const seedKey = await ensureSeedApiKey(db(), workspaceId);
if (seedKey?.created) console.log(`Created the API key "Seed key" (${seedKey.prefix}…) from SEED_API_KEY.`);
await disconnectDb();
