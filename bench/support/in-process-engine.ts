// The in-process benches' shared set-up (no Next server): a throw-away embedded Postgres, migrated and seeded with the
// demo, DATABASE_URL pointing at it, and one engine worker; stopped (with anything else pushed onto `onStop`) in
// reverse order, also on Ctrl-C. Set environment the app reads at import time before calling it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The q-quantile (nearest rank) of the values; NaN for none. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function seed(url: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "prisma/seed.ts"],
      {
        env: { ...process.env, DATABASE_URL: url, ADMIN_EMAIL: "admin@acme.test", ADMIN_PASSWORD: `bench-${name}` },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seeding failed (exit ${code})`))));
  });
}

export type InProcessEngine = {
  url: string;
  /** How long migrating and seeding took, in ms. */
  seedMs: number;
  /** Run at stop, before the worker and the database stop (last pushed, first run). */
  onStop: (fn: () => Promise<void>) => void;
  stop: () => Promise<void>;
};

export async function startInProcessEngine(options: {
  name: string;
  engineConcurrency: number;
}): Promise<InProcessEngine> {
  const { startEmbeddedPostgres } = await import("@/lib/platform/db/embedded-postgres");
  const { ensureDatabase } = await import("@/lib/platform/db/ensure-database");
  const { migrateDeploy, migrateQueue } = await import("@/lib/platform/db/migrate");

  const dataRoot = mkdtempSync(path.join(os.tmpdir(), `switchboard-bench-${options.name}-`));
  console.log(`Starting a throw-away Postgres (data in ${dataRoot})…`);
  const database = await startEmbeddedPostgres({ dataRoot, persistent: false });
  const stops: (() => Promise<void>)[] = [
    async () => {
      await database.stop();
      rmSync(dataRoot, { recursive: true, force: true });
    },
  ];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
    stops.length = 0;
  };
  process.on("SIGINT", () => void stop().then(() => process.exit(130)));

  try {
    const url = database.serverUrl("switchboard");
    const started = performance.now();
    await ensureDatabase(url);
    await migrateDeploy(url);
    await migrateQueue(url);
    await seed(url, options.name);
    const seedMs = performance.now() - started;
    process.env.DATABASE_URL = url;

    // Imported only now: the client reads DATABASE_URL on first use.
    const { disconnectDb } = await import("@/lib/platform/db/client");
    const { startEngineWorker } = await import("@/lib/interfaces/worker/start-worker");
    const { closeLiveListener } = await import("@/lib/runtime/engine/live/live-listener");
    const { closeSidePool } = await import("@/lib/platform/db/side-pool");
    const worker = await startEngineWorker({ connectionString: url, concurrency: options.engineConcurrency });
    stops.push(async () => {
      await worker.stop();
      await closeLiveListener();
      await closeSidePool();
      await disconnectDb();
    });
    return { url, seedMs, onStop: (fn) => void stops.push(fn), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
