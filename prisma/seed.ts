// `npm run db:seed`: seeds the demo workspace and the first admin into DATABASE_URL (idempotent).
import { ensureAdmin } from "../lib/auth/ensure-admin";
import { db, disconnectDb } from "../lib/db/client";
import { seedDemo } from "../lib/demo/seed-demo";

const { workspaceId, created } = await seedDemo(db());
console.log(created ? "Seeded the Acme Retail demo workspace." : "The demo workspace already exists; nothing to seed.");
const admin = await ensureAdmin(db(), workspaceId);
if (admin?.generatedPassword) {
  console.log(`\n  First admin: ${admin.email}\n  Password:    ${admin.generatedPassword}   (shown once; change it in Settings)\n`);
} else if (admin) {
  console.log(`First admin: ${admin.email} (password from ADMIN_PASSWORD).`);
}
await disconnectDb();
