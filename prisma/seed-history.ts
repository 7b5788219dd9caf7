// The first start's demo history: 30 days of traffic in the workspace prisma/seed.ts just created, whose id it left
// in the file named here (`npm start` runs this while the app builds). The file goes once the history is written,
// so a start interrupted before that writes it on the next start, and never twice.
import { readFileSync, rmSync } from "node:fs";
import { seedDemoHistory } from "@/lib/features/demo-history/seed-demo-history";
import { config } from "@/lib/platform/config";
import { disconnectDb } from "@/lib/platform/db/client";

const file = process.argv[2];
if (!file) throw new Error("Usage: seed-history.ts <file holding the demo workspace id>");
const workspaceId = readFileSync(file, "utf8").trim();
if (config().DEMO_HISTORY === "off") {
  rmSync(file, { force: true });
  process.exit(0);
}
const history = await seedDemoHistory(workspaceId);
rmSync(file, { force: true });
console.log(
  `Demo history: ${history.conversations.toLocaleString("en-US")} conversations over ${history.days} days in ${history.seconds.toFixed(1)} s.`,
);
await disconnectDb();
