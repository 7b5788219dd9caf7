// `npm run db:migrate -- <name>`: author a new migration from prisma/schema.prisma (prisma migrate dev).
// Uses DATABASE_URL when set, else the embedded development database under .data/.
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/platform/db/embedded-postgres";
import { runPrismaCli } from "@/lib/platform/db/migrate";
import { assertNotRunning } from "./lib/instance-lock";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error(
    "Usage: npm run db:migrate -- <name>   (lower-case letters, digits and underscores, e.g. add_api_keys)",
  );
  process.exit(2);
}

const dataRoot = path.join(process.cwd(), ".data");
let stop: (() => Promise<void>) | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  assertNotRunning(dataRoot);
  const db = await startEmbeddedPostgres({ dataRoot, persistent: true });
  stop = db.stop;
  url = db.serverUrl("switchboard");
  const { ensureDatabase } = await import("@/lib/platform/db/ensure-database");
  await ensureDatabase(url);
}
try {
  await runPrismaCli(["migrate", "dev", "--name", name, "--skip-seed"], url);
} finally {
  await stop?.();
}
