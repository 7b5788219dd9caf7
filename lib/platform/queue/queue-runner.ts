// The job queue: graphile-worker on the application's Postgres, supervised. Jobs are serialized per conversation by
// queue name; the same runner serves the web server's in-process worker (embedded default) and `npm run worker`
// processes (scale-out). What the jobs are is decided above (lib/interfaces/worker): this file only runs them.
import "server-only";
import { EventEmitter } from "node:events";
import os from "node:os";
import { Logger, run, type ParsedCronItem, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import { RETRYABLE_ERROR_CODES } from "graphile-worker/dist/lib.js";
import pg from "pg";
import { isDatabaseUnavailable } from "@/lib/platform/db/database-unavailable";
import { config } from "@/lib/platform/config";

const HEARTBEAT_MS = config().ENGINE_HEARTBEAT_MS;
/** A worker pool silent for this long is presumed dead; its locked jobs go back to the queue. */
const STALE_MS = config().ENGINE_WORKER_STALE_MS;

/** How long a job waits inside its task for the database to come back before it fails and is retried later. */
const OUTAGE_PATIENCE_MS = config().ENGINE_OUTAGE_PATIENCE_MS;

/**
 * Runs a task, and while the database is unreachable (a restart, a failover) keeps the job and tries again once it
 * answers: the job stays locked by this live pool and resumes from the conversation's committed cursor. Failing it
 * instead would need the very database that is down to record the failure.
 */
export async function patientlyThroughOutages(run: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + OUTAGE_PATIENCE_MS;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await run();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delay > deadline) throw error;
      await sleep(delay);
    }
  }
}

// graphile-worker logs every job at info level; keep warnings and errors only.
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[engine] ${level}: ${message}`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// graphile-worker 0.17.3 retries its own queries (completing a job, failing one) only for a few error codes, and does
// not await job completion: a database restart at that moment becomes an unhandled rejection. Connection-loss codes
// are retried like its own "cannot connect now" until the database answers again. ENOENT is the embedded Postgres's
// Unix socket gone while it restarts (graphile-worker's own queries never touch other files).
const outage = { minDelay: 250, maxDelay: 5000 };
for (const code of [
  "57P01",
  "57P02",
  "08000",
  "08001",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOENT",
]) {
  (RETRYABLE_ERROR_CODES as Record<string, { minDelay: number; maxDelay: number }>)[code] ??= outage;
}

export type QueueRunner = { stop: () => Promise<void>; poolIds: () => string[] };

export type QueueOptions = {
  connectionString?: string;
  concurrency?: number;
  taskList: TaskList;
  cron?: ParsedCronItem[];
  /** Called on every heartbeat (process-local metrics files, for instance). */
  onTick?: () => void;
  /** Called once when the runner stops, after the last job finished and before the pool closes. */
  onStop?: () => Promise<void>;
};

/**
 * Starts a supervised graphile-worker pool. Jobs are locked by the pool's id, which this process announces in
 * EngineWorker every HEARTBEAT_MS; any live process releases the locks of pools whose heartbeat stopped (kill -9),
 * instead of graphile-worker's four-hour lock timeout. When the database goes away, graphile-worker stops its pool
 * (it cannot record job outcomes); the supervisor waits for the database, releases the old pool's locks and starts
 * a new pool, so the engine recovers from a Postgres restart by itself.
 */
export async function startQueueRunner(options: QueueOptions): Promise<QueueRunner> {
  const connectionString = options.connectionString ?? config().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the engine worker needs the database.");
  const concurrency = options.concurrency ?? config().ENGINE_CONCURRENCY;
  const pool = new pg.Pool({ connectionString, max: concurrency + 3 });
  const logConnectionError = (error: Error) => console.error(`[engine] database connection error: ${error.message}`);
  pool.on("error", logConnectionError);
  pool.on("connect", (client) => client.on("error", logConnectionError));

  /** Pools of this process that may hold locks: the running one, and one that stopped until its locks are released. */
  const owned = new Set<string>();
  let runner: Runner | null = null;
  let stopped = false;
  let restarting: Promise<void> | null = null;

  const heartbeat = async () => {
    if (owned.size === 0) return;
    await pool.query(
      `INSERT INTO "EngineWorker" (id, host, pid, "startedAt", "heartbeatAt")
       SELECT unnest($1::text[]), $2, $3, now(), now()
       ON CONFLICT (id) DO UPDATE SET "heartbeatAt" = now()`,
      [[...owned], os.hostname(), process.pid],
    );
  };
  const reap = async () => {
    const { rows } = await pool.query<{ id: string }>(
      `DELETE FROM "EngineWorker" WHERE "heartbeatAt" < now() - make_interval(secs => $1) AND NOT (id = ANY($2::text[])) RETURNING id`,
      [STALE_MS / 1000, [...owned]],
    );
    if (rows.length === 0) return;
    await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [rows.map((row) => row.id)]);
    console.error(`[engine] released the jobs of ${rows.length} stopped worker pool(s)`);
  };
  let inFlight: Promise<void> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    options.onTick?.();
    inFlight = heartbeat()
      .then(reap)
      .catch((error: Error) => console.error(`[engine] heartbeat failed: ${error.message}`));
  };
  const timer = setInterval(tick, HEARTBEAT_MS);
  timer.unref();

  const launch = async (): Promise<void> => {
    const events: WorkerEvents = new EventEmitter();
    events.on("pool:create", ({ workerPool }) => {
      owned.add(workerPool.id);
      tick();
    });
    const started = await run({
      pgPool: pool,
      concurrency,
      taskList: options.taskList,
      parsedCronItems: options.cron ?? [],
      noHandleSignals: true,
      pollInterval: 1000,
      logger: quietLogger,
      events,
    });
    runner = started;
    started.promise.then(
      () => void (stopped || restart("the worker pool stopped")),
      (error: Error) => void (stopped || restart(error.message)),
    );
  };

  const restart = (reason: string): Promise<void> => {
    restarting ??= (async () => {
      console.error(`[engine] restarting the worker pool: ${reason}`);
      runner = null;
      for (let delay = 250; !stopped; delay = Math.min(delay * 2, 5000)) {
        try {
          await pool.query("SELECT 1");
          // The old pool's jobs were interrupted: hand them back to the queue before taking new ones.
          const previous = [...owned];
          await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [previous]);
          await pool.query(`DELETE FROM "EngineWorker" WHERE id = ANY($1::text[])`, [previous]);
          for (const id of previous) owned.delete(id);
          await launch();
          console.error("[engine] worker pool running again");
          return;
        } catch {
          await sleep(delay);
        }
      }
    })().finally(() => (restarting = null));
    return restarting;
  };

  await launch();

  return {
    poolIds: () => [...owned],
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await inFlight;
      await restarting;
      await runner?.stop().catch(() => {});
      await options.onStop?.();
      await pool.query(`DELETE FROM "EngineWorker" WHERE id = ANY($1::text[])`, [[...owned]]).catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
