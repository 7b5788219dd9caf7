// Runs in each integration test file before its tests: a fresh database cloned from the seeded template.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/platform/db/client";
import { closeLiveListener } from "@/lib/runtime/engine/live/live-listener";
import { startEngineWorker } from "@/lib/interfaces/worker/start-worker";

const serverUrl = inject("databaseServerUrl");
const template = inject("templateDatabase");
const name = `test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
// Provider keys and workspace secrets are encrypted with a key derived from it, as in the app.
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";

// The engine's worker on this file's database, as the web server runs it in-process on the embedded default.
const worker = await startEngineWorker({ concurrency: 4 });
/** Tests that drive their own worker processes stop this one first (see tests/support/engine.ts). */
(globalThis as { switchboardTestWorker?: typeof worker }).switchboardTestWorker = worker;

afterAll(async () => {
  await worker.stop();
  await closeLiveListener();
  await disconnectDb();
  const cleanup = new pg.Client({ connectionString: serverUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await cleanup.end();
});
