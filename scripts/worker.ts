// `npm run worker`: one more engine worker process on the same database as the web instances (scale-out).
// Uses DATABASE_URL, or joins the embedded Postgres of a Switchboard already running on this data directory.
import path from "node:path";
import { migrateQueue } from "../lib/db/migrate";
import { startEngineWorker } from "../lib/engine/worker";
import { readLock } from "./lib/instance-lock";

const dataRoot = path.resolve(process.env.SWITCHBOARD_DATA_DIR ?? ".data");
const databaseUrl = process.env.DATABASE_URL ?? readLock(dataRoot)?.databaseUrl;
if (!databaseUrl) {
  console.error(`No database: set DATABASE_URL, or start Switchboard first (npm start) so the worker can join its embedded Postgres in ${dataRoot}.`);
  process.exit(2);
}
process.env.DATABASE_URL = databaseUrl;
await migrateQueue(databaseUrl);
const concurrency = Number(process.env.ENGINE_CONCURRENCY ?? 8);
const worker = await startEngineWorker({ connectionString: databaseUrl, concurrency });
console.log(`Engine worker running (pid ${process.pid}, concurrency ${concurrency}) on ${new URL(databaseUrl).host}. Ctrl-C stops it.`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
