// `npm run worker`: one more engine worker process on the same database as the web instances (scale-out).
// Uses DATABASE_URL, or joins the embedded Postgres of a Switchboard already running on this data directory.
import path from "node:path";
import { appDatabaseUrl } from "@/lib/platform/db/app-role";
import { migrateQueue } from "@/lib/platform/db/migrate";
import { startEngineWorker } from "@/lib/interfaces/worker/start-worker";
import { readLock } from "./lib/instance-lock";

const dataRoot = path.resolve(process.env.SWITCHBOARD_DATA_DIR ?? ".data");
// The lock holds the embedded Postgres's owner URL: queue migrations run as the owner, the jobs as the app's role.
const ownerUrl = process.env.DATABASE_URL ?? readLock(dataRoot)?.databaseUrl;
if (!ownerUrl) {
  console.error(
    `No database: set DATABASE_URL, or start Switchboard first (npm start) so the worker can join its embedded Postgres in ${dataRoot}.`,
  );
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL ?? appDatabaseUrl(dataRoot, ownerUrl);
process.env.DATABASE_URL = databaseUrl;
await migrateQueue(ownerUrl);
const concurrency = Number(process.env.ENGINE_CONCURRENCY ?? 8);
const worker = await startEngineWorker({ connectionString: databaseUrl, concurrency });
console.log(
  `Engine worker running (pid ${process.pid}, concurrency ${concurrency}) on ${new URL(databaseUrl).host}. Ctrl-C stops it.`,
);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
