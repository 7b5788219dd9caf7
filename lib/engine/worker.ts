// The engine's worker: graphile-worker on the application's Postgres, running conversation events (serialized per
// conversation by queue name) and SLA timers. The same code runs inside the web server for the embedded default and
// as `npm run worker` processes for scale-out.
import "server-only";
import { EventEmitter } from "node:events";
import os from "node:os";
import { Logger, run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { db } from "@/lib/db/client";
import { EVENT_TASK, SLA_TASK } from "./events";
import { processEvent } from "./run-event";
import { checkEscalationSla } from "./sla";

const HEARTBEAT_MS = Number(process.env.ENGINE_HEARTBEAT_MS ?? 2000);
/** A worker silent for this long is presumed dead; its locked jobs go back to the queue. */
const STALE_MS = Number(process.env.ENGINE_WORKER_STALE_MS ?? 10_000);

const taskList: TaskList = {
  async [EVENT_TASK](payload, helpers) {
    const { eventId } = payload as { eventId: string };
    await processEvent(eventId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  },
  async [SLA_TASK](payload) {
    await checkEscalationSla((payload as { escalationId: string }).escalationId);
  },
};

// graphile-worker logs every job at info level; keep warnings and errors only.
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[engine] ${level}: ${message}`);
});

export type EngineWorker = { stop: () => Promise<void>; workerIds: () => string[] };

export async function startEngineWorker(options: { connectionString?: string; concurrency?: number } = {}): Promise<EngineWorker> {
  const connectionString = options.connectionString ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the engine worker needs the database.");
  const concurrency = options.concurrency ?? Number(process.env.ENGINE_CONCURRENCY ?? 8);
  const pool = new pg.Pool({ connectionString, max: concurrency + 2 });
  pool.on("error", (error) => console.error(`[engine] database connection error: ${error.message}`));
  pool.on("connect", (client) => client.on("error", (error) => console.error(`[engine] database connection error: ${error.message}`)));
  const ids = new Set<string>();
  let runner: Runner | null = null;
  let stopped = false;

  const heartbeat = async () => {
    if (ids.size === 0) return;
    const rows = [...ids].map((id) => ({ id, host: os.hostname(), pid: process.pid }));
    await db().$transaction(
      rows.map((row) =>
        db().engineWorker.upsert({ where: { id: row.id }, create: row, update: { heartbeatAt: new Date() } }),
      ),
    );
  };
  // Releases the queues and jobs of workers whose process died (kill -9, lost machine): without it they would stay
  // locked for graphile-worker's four-hour timeout.
  const reap = async () => {
    const dead = await db().engineWorker.findMany({ where: { heartbeatAt: { lt: new Date(Date.now() - STALE_MS) } }, select: { id: true } });
    if (dead.length === 0) return;
    const deadIds = dead.map((row) => row.id).filter((id) => !ids.has(id));
    if (deadIds.length) {
      await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [deadIds]);
      console.error(`[engine] released jobs of ${deadIds.length} stopped worker(s)`);
    }
    await db().engineWorker.deleteMany({ where: { id: { in: dead.map((row) => row.id) } } });
  };
  const tick = () => {
    if (stopped) return;
    void heartbeat()
      .then(reap)
      .catch((error: Error) => console.error(`[engine] heartbeat failed: ${error.message}`));
  };
  const timer = setInterval(tick, HEARTBEAT_MS);
  timer.unref();

  const events: WorkerEvents = new EventEmitter();
  events.on("worker:create", ({ worker }) => {
    ids.add(worker.workerId);
    tick();
  });
  events.on("worker:stop", ({ worker }) => ids.delete(worker.workerId));
  runner = await run({ pgPool: pool, concurrency, taskList, noHandleSignals: true, pollInterval: 1000, logger: quietLogger, events });

  return {
    workerIds: () => [...ids],
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      const own = [...ids];
      await runner?.stop().catch(() => {});
      await db().engineWorker.deleteMany({ where: { id: { in: own } } }).catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
