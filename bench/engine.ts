/**
 * Engine benchmark: drives the Retail demo flow through the public API with N concurrent simulated customers and
 * prints sustained customer turns per second, p50/p95/p99 turn latency, orchestration overhead per node, database
 * rows written per turn and the engine's persistence cost per step against a bare INSERT commit, first with one
 * engine worker process and then with two.
 *
 *   npm run bench:engine            (= npx tsx --conditions=react-server bench/engine.ts)
 *       starts its own production server exactly as `npm start` does (builds if needed; embedded Postgres, seeded
 *       demo) on BENCH_PORT (3470) with a throw-away data dir and SEED_API_KEY, with ENGINE_IN_PROCESS_WORKER=false,
 *       so that all engine work happens in the `scripts/worker.ts` processes the bench starts itself: phase A with
 *       one worker process, phase B with two. Everything (workers, server, Postgres, data dir) goes away afterwards,
 *       also on Ctrl-C and on errors.
 *   BENCH_URL=http://localhost:3000 BENCH_DATABASE_URL=postgresql://… BENCH_API_KEY=sb_live_… npm run bench:engine
 *       reuses a running server instead (it should run with ENGINE_IN_PROCESS_WORKER=false, or its in-process worker
 *       takes part too). Workers are still started by the bench, on BENCH_DATABASE_URL. The key's rate limit is
 *       raised in the database for the run (and not put back).
 *   options (env): BENCH_CONCURRENCY=50 customers, BENCH_SECONDS=20 measured per phase (after BENCH_WARMUP=3 s
 *       not counted), ENGINE_CONCURRENCY=16 jobs per worker process, BENCH_PHASES=1,2 (worker processes per phase),
 *       BENCH_BARE_INSERTS=2000, BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (profile the workers).
 *
 * A customer opens a conversation (POST /api/v1/conversations, retail-support), then sends 3–4 messages (order
 * status with a random order A1001–A1120, a follow-up about another order, sometimes a third question, "thanks"),
 * each awaited before the next. Only messages (POST …/messages answered 200) count as turns; 202s (the turn took
 * longer than the API's wait) and errors are counted apart.
 *
 * Output per phase: turns and turns/s in the measured window; client-side turn latency p50/p95/p99/max; where a
 * turn's time goes (from ConversationEvent: queue wait, engine run, the rest = API + wake-up); orchestration overhead
 * per node (run span − its tool and llm spans, ÷ node spans; median and p95 over the window's runs); database rows
 * written per turn (pg_stat inserts+updates+deletes of the app tables and of graphile_worker's tables, idle before →
 * idle after the phase, ÷ every turn of the phase); the workers' ENGINE_METRICS_FILE counters (steps, persist ms per
 * step). Then the bare INSERT commit (one connection sequentially, then 8 concurrently) measured in the same run, and
 * a summary against the targets: ≥ 500 turns/s with p99 ≤ 150 ms at 50 conversations, persist per step ≤ 2× a bare
 * INSERT commit.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readLock } from "@/scripts/lib/instance-lock";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ENGINE_CONCURRENCY = Number(process.env.ENGINE_CONCURRENCY ?? 16);
const PHASES = (process.env.BENCH_PHASES ?? "1,2")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const BARE_INSERTS = Number(process.env.BENCH_BARE_INSERTS ?? 2000);
const TARGET_TPS = 500;
const TARGET_P99 = 150;
const TARGET_PERSIST_RATIO = 2;

const root = process.cwd();
const TSX_BIN = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- statistics ----

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

// ---- clean-up, whatever happens ----

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {}
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the workers and the server…`);
    void cleanup().then(() => process.exit(130));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  try {
    process.kill(-child.pid!, signal);
  } catch {}
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

// ---- server ----

type Target = { url: string; databaseUrl: string; apiKey: string; workerEnv: Record<string, string> };

async function waitForHealth(url: string, timeoutMs: number, alive: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error("The server exited during start-up.");
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await sleep(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

async function startServer(): Promise<Target> {
  const port = Number(process.env.BENCH_PORT ?? 3470);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-engine-"));
  const logDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-engine-log-"));
  const log = path.join(logDir, "server.log");
  const url = `http://localhost:${port}`;
  const apiKey = `sb_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2)}xxxxxxxx`;
  console.log(`Starting a production server on ${url} (data in ${dataDir}; log ${log})…`);
  const out = openSync(log, "a");
  const child = spawn(process.execPath, [TSX_BIN, "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      SWITCHBOARD_DATA_DIR: dataDir,
      ADMIN_EMAIL: "admin@acme.test",
      ADMIN_PASSWORD: "bench-engine-password",
      NEXTAUTH_URL: url,
      SEED_API_KEY: apiKey,
      ENGINE_IN_PROCESS_WORKER: "false",
    },
    stdio: ["ignore", out, out],
    detached: true, // its own process group: start.ts, next-server and Postgres stop together
  });
  cleanups.push(async () => {
    console.log("Stopping the server and its embedded Postgres…");
    // SIGTERM to start.ts only: it stops next-server's group and then Postgres (a group kill would skip the latter).
    try {
      process.kill(child.pid!, "SIGTERM");
    } catch {}
    if (!(await waitExit(child, 30_000))) killGroup(child, "SIGKILL");
    killGroup(child, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(logDir, { recursive: true, force: true });
  });
  try {
    await waitForHealth(url, 900_000, () => child.exitCode === null);
  } catch (error) {
    console.error(tail(log));
    throw error;
  }
  const databaseUrl = readLock(dataDir)?.databaseUrl;
  if (!databaseUrl) throw new Error(`No databaseUrl in ${dataDir}/switchboard.lock`);
  return { url, databaseUrl, apiKey, workerEnv: { SWITCHBOARD_DATA_DIR: dataDir } };
}

// ---- workers ----

type WorkerProcess = { child: ChildProcess; metricsFile: string; log: string };
type EngineMetrics = {
  pid: number;
  events: number;
  waves: number;
  steps: number;
  waveMs: number;
  execMs: number;
  persistMs: number;
};

async function startWorkers(count: number, target: Target, dir: string, phase: string): Promise<WorkerProcess[]> {
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const metricsFile = path.join(dir, `metrics-${phase}-${i}.json`);
    const log = path.join(dir, `worker-${phase}-${i}.log`);
    const out = openSync(log, "a");
    // BENCH_WORKER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") runs the worker under node with those flags.
    const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(" ").filter(Boolean);
    const args = nodeArgs?.length
      ? [...nodeArgs, "--import", "tsx", "--conditions=react-server", "scripts/worker.ts"]
      : [TSX_BIN, "--conditions=react-server", "scripts/worker.ts"];
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        ...target.workerEnv,
        ENGINE_METRICS_FILE: metricsFile,
        ENGINE_CONCURRENCY: String(ENGINE_CONCURRENCY),
        NODE_ENV: "production",
      },
      stdio: ["ignore", out, out],
      detached: true,
    });
    const worker = { child, metricsFile, log };
    workers.push(worker);
    cleanups.push(() => stopWorker(worker));
  }
  for (const worker of workers) {
    const deadline = Date.now() + 120_000;
    while (!tail(worker.log).includes("Engine worker running")) {
      if (worker.child.exitCode !== null) throw new Error(`A worker exited during start-up:\n${tail(worker.log)}`);
      if (Date.now() > deadline) throw new Error(`A worker did not start within 120 s:\n${tail(worker.log)}`);
      await sleep(200);
    }
  }
  return workers;
}

async function stopWorker(worker: WorkerProcess) {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  killGroup(worker.child, "SIGTERM");
  if (!(await waitExit(worker.child, 20_000))) killGroup(worker.child, "SIGKILL");
}

function readMetrics(workers: WorkerProcess[]): EngineMetrics {
  const sum: EngineMetrics = { pid: 0, events: 0, waves: 0, steps: 0, waveMs: 0, execMs: 0, persistMs: 0 };
  for (const worker of workers) {
    if (!existsSync(worker.metricsFile)) continue;
    try {
      const m = JSON.parse(readFileSync(worker.metricsFile, "utf8")) as EngineMetrics;
      for (const key of ["events", "waves", "steps", "waveMs", "execMs", "persistMs"] as const) sum[key] += m[key];
    } catch {}
  }
  return sum;
}

// ---- database ----

async function rowCounters(client: pg.Client): Promise<{ app: number; queue: number; xacts: number }> {
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ app: string | null; queue: string | null; xacts: string | null }>(`
    SELECT
      (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()) AS xacts,
      (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname <> 'bench_bare') AS app,
      (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_all_tables WHERE schemaname = 'graphile_worker') AS queue`);
  return { app: Number(rows[0].app ?? 0), queue: Number(rows[0].queue ?? 0), xacts: Number(rows[0].xacts ?? 0) };
}

async function tableRows(client: pg.Client): Promise<Map<string, number>> {
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ name: string; n: string }>(`
    SELECT schemaname || '.' || relname AS name, n_tup_ins + n_tup_upd + n_tup_del AS n
    FROM pg_stat_all_tables WHERE schemaname IN ('public', 'graphile_worker') AND relname <> 'bench_bare'`);
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

type Overhead = { runs: number; perNode: number[]; runMs: number[]; nodes: number[]; externalMs: number[] };

async function orchestrationOverhead(client: pg.Client, from: Date, to: Date): Promise<Overhead> {
  const { rows } = await client.query<{ run_ms: number; ext_ms: number; nodes: number }>(
    `WITH runs AS (
       SELECT s."eventId", s."durationMs" AS run_ms FROM "Span" s
       JOIN "ConversationEvent" e ON e.id = s."eventId" AND e.kind = 'customer_message'
       WHERE s.kind = 'run' AND s."startedAt" >= $1 AND s."startedAt" < $2
     )
     SELECT r.run_ms::float8 AS run_ms,
            coalesce(sum(c."durationMs") FILTER (WHERE c.kind IN ('tool', 'llm')), 0)::float8 AS ext_ms,
            count(*) FILTER (WHERE c.kind = 'node' AND c.id = c."stepId")::int AS nodes
     FROM runs r JOIN "Span" c ON c."eventId" = r."eventId"
     GROUP BY r."eventId", r.run_ms`,
    [from, to],
  );
  const valid = rows.filter((r) => r.nodes > 0);
  return {
    runs: valid.length,
    perNode: valid.map((r) => (r.run_ms - r.ext_ms) / r.nodes),
    runMs: valid.map((r) => r.run_ms),
    nodes: valid.map((r) => r.nodes),
    externalMs: valid.map((r) => r.ext_ms),
  };
}

type EventTimes = { queueMs: number[]; runMs: number[]; failed: number; count: number };

async function eventTimes(client: pg.Client, from: Date, to: Date): Promise<EventTimes> {
  const { rows } = await client.query<{ queue_ms: number | null; run_ms: number | null; status: string }>(
    `SELECT extract(epoch FROM ("startedAt" - "createdAt")) * 1000 AS queue_ms,
            extract(epoch FROM ("finishedAt" - "startedAt")) * 1000 AS run_ms, status::text AS status
     FROM "ConversationEvent" WHERE kind = 'customer_message' AND "createdAt" >= $1 AND "createdAt" < $2`,
    [from, to],
  );
  return {
    count: rows.length,
    failed: rows.filter((r) => r.status === "failed").length,
    queueMs: rows.filter((r) => r.queue_ms != null).map((r) => Number(r.queue_ms)),
    runMs: rows.filter((r) => r.run_ms != null).map((r) => Number(r.run_ms)),
  };
}

type Bare = { median: number; p95: number; perSecond: number };

async function bareInserts(databaseUrl: string): Promise<{ sequential: Bare; concurrent: Bare }> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query("DROP TABLE IF EXISTS bench_bare");
    await admin.query(
      "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, payload jsonb, at timestamptz DEFAULT now())",
    );
    const payload = (i: number) => JSON.stringify({ i, text: "Where is my order A1042?", at: Date.now() });
    const run = async (client: pg.Client, n: number, into: number[]) => {
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await client.query("INSERT INTO bench_bare (payload) VALUES ($1)", [payload(i)]);
        into.push(performance.now() - started);
      }
    };
    // Warm the connection and the plan first.
    await run(admin, 50, []);
    const seq: number[] = [];
    let started = performance.now();
    await run(admin, BARE_INSERTS, seq);
    const seqSeconds = (performance.now() - started) / 1000;

    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        return c;
      }),
    );
    const conc: number[] = [];
    started = performance.now();
    await Promise.all(
      clients.map((c, i) => run(c, Math.floor(BARE_INSERTS / 8) + (i < BARE_INSERTS % 8 ? 1 : 0), conc)),
    );
    const concSeconds = (performance.now() - started) / 1000;
    await Promise.all(clients.map((c) => c.end()));
    return {
      sequential: { median: quantile(seq, 0.5), p95: quantile(seq, 0.95), perSecond: seq.length / seqSeconds },
      concurrent: { median: quantile(conc, 0.5), p95: quantile(conc, 0.95), perSecond: conc.length / concSeconds },
    };
  } finally {
    await admin.query("DROP TABLE IF EXISTS bench_bare").catch(() => {});
    await admin.end();
  }
}

// ---- the customers ----

const order = () => `A${1001 + Math.floor(Math.random() * 120)}`;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

function script(): string[] {
  const first = pick([
    (o: string) => `Where is my order ${o}?`,
    (o: string) => `Can you track order ${o} for me`,
    (o: string) => `Has my order ${o} shipped yet?`,
    (o: string) => `When will my order ${o} arrive?`,
    (o: string) => `check on order ${o}`,
    (o: string) => `Is order ${o} delivered?`,
  ])(order());
  const followUp = pick([
    (o: string) => `Can I get an update on ${o}`,
    (o: string) => `And where is order ${o}?`,
    (o: string) => `What about my other order ${o}, has it shipped?`,
    (o: string) => `track my shipment ${o}`,
  ])(order());
  const third = pick([
    (o: string) => `how long until my order ${o} gets here`,
    (o: string) => `delivery update for my order ${o}`,
    (o: string) => `Still waiting for my delivery of ${o}`,
  ])(order());
  const thanks = pick(["thanks", "Thanks, that's all", "great, thank you"]);
  return Math.random() < 0.5 ? [first, followUp, thanks] : [first, followUp, third, thanks];
}

type Turn = { end: number; latency: number; status: number };
type Load = {
  turns: Turn[];
  creations: { end: number; latency: number; status: number }[];
  errors: Map<string, number>;
  replyless: number;
};

async function runLoad(target: Target, stopAt: () => boolean): Promise<Load> {
  const load: Load = { turns: [], creations: [], errors: new Map(), replyless: 0 };
  const headers = { Authorization: `Bearer ${target.apiKey}`, "Content-Type": "application/json" };
  const error = (what: string) => load.errors.set(what, (load.errors.get(what) ?? 0) + 1);
  const customer = async () => {
    while (!stopAt()) {
      let id: string;
      const started = performance.now();
      try {
        const response = await fetch(`${target.url}/api/v1/conversations`, {
          method: "POST",
          headers,
          body: JSON.stringify({ flow: "retail-support", channel: "api" }),
        });
        const body = (await response.json()) as { id?: string; error?: { message?: string } };
        load.creations.push({ end: performance.now(), latency: performance.now() - started, status: response.status });
        if (response.status !== 201 || !body.id) {
          error(`create ${response.status}: ${JSON.stringify(body).slice(0, 160)}`);
          await sleep(100);
          continue;
        }
        id = body.id;
      } catch (e) {
        error(`create: ${(e as Error).message}`);
        await sleep(100);
        continue;
      }
      for (const text of script()) {
        if (stopAt()) break;
        const started = performance.now();
        try {
          const response = await fetch(`${target.url}/api/v1/conversations/${id}/messages`, {
            method: "POST",
            headers,
            body: JSON.stringify({ text }),
          });
          const body = (await response.json()) as { replies?: unknown[]; error?: unknown };
          const end = performance.now();
          load.turns.push({ end, latency: end - started, status: response.status });
          if (response.status === 200 && !(body.replies?.length ?? 0)) load.replyless++;
          if (response.status !== 200 && response.status !== 202) {
            error(`message ${response.status}: ${JSON.stringify(body).slice(0, 160)}`);
            break; // e.g. the conversation ended: start a new one
          }
        } catch (e) {
          load.turns.push({ end: performance.now(), latency: performance.now() - started, status: 0 });
          error(`message: ${(e as Error).message}`);
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, customer));
  return load;
}

// ---- one phase ----

type PhaseResult = {
  workers: number;
  turns: number;
  tps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  accepted: number;
  errors: number;
  createsPerSecond: number;
  overheadMedian: number;
  overheadP95: number;
  appRowsPerTurn: number;
  queueRowsPerTurn: number;
  persistPerStep: number;
  steps: number;
};

async function phase(workerCount: number, target: Target, db: pg.Client, dir: string): Promise<PhaseResult> {
  const label = `${workerCount} worker process${workerCount === 1 ? "" : "es"}`;
  console.log(
    `\n=== Phase: ${label} × ENGINE_CONCURRENCY ${ENGINE_CONCURRENCY}, ${CONCURRENCY} customers, ${WARMUP} s warm-up + ${SECONDS} s measured ===`,
  );
  const workers = await startWorkers(workerCount, target, dir, `w${workerCount}`);
  await sleep(1500); // heartbeats, first metrics file
  const rowsBefore = await rowCounters(db);
  const tablesBefore = await tableRows(db);

  let stop = false;
  const loadStarted = performance.now();
  const loading = runLoad(target, () => stop);
  await sleep(WARMUP * 1000);
  const windowStart = performance.now();
  const windowStartWall = new Date();
  const metricsStart = readMetrics(workers);
  await sleep(SECONDS * 1000);
  const windowEnd = performance.now();
  const windowEndWall = new Date();
  const metricsEnd = readMetrics(workers);
  stop = true;
  const load = await loading;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  // Let the queue drain and every backend flush its statistics (at most once a second, when idle).
  await sleep(2500);
  const rowsAfter = await rowCounters(db);
  const tablesAfter = await tableRows(db);

  const inWindow = load.turns.filter((t) => t.end >= windowStart && t.end < windowEnd);
  const ok = inWindow.filter((t) => t.status === 200);
  const latencies = ok.map((t) => t.latency);
  const accepted = inWindow.filter((t) => t.status === 202).length;
  const failed = inWindow.filter((t) => t.status !== 200 && t.status !== 202).length;
  const windowSeconds = (windowEnd - windowStart) / 1000;
  const creates = load.creations.filter((c) => c.end >= windowStart && c.end < windowEnd && c.status === 201);
  const allOk = load.turns.filter((t) => t.status === 200).length;
  const allCreates = load.creations.filter((c) => c.status === 201).length;

  const overhead = await orchestrationOverhead(db, windowStartWall, windowEndWall);
  const events = await eventTimes(db, windowStartWall, windowEndWall);
  const metricsStopped = readMetrics(workers);
  const dm = {
    steps: metricsEnd.steps - metricsStart.steps,
    waves: metricsEnd.waves - metricsStart.waves,
    events: metricsEnd.events - metricsStart.events,
    waveMs: metricsEnd.waveMs - metricsStart.waveMs,
    execMs: metricsEnd.execMs - metricsStart.execMs,
    persistMs: metricsEnd.persistMs - metricsStart.persistMs,
  };
  const appRows = rowsAfter.app - rowsBefore.app;
  const queueRows = rowsAfter.queue - rowsBefore.queue;
  const tps = ok.length / windowSeconds;

  console.log(`turns (200) in the window: ${ok.length} in ${fmt(windowSeconds)} s → ${fmt(tps)} turns/s sustained`);
  console.log(
    `turn latency ms: p50 ${fmt(quantile(latencies, 0.5))}  p95 ${fmt(quantile(latencies, 0.95))}  p99 ${fmt(quantile(latencies, 0.99))}  max ${fmt(Math.max(...latencies))}`,
  );
  console.log(
    `202 (still running after the API's wait): ${accepted}; errors: ${failed}; 200 without a reply: ${load.replyless} (whole phase)`,
  );
  for (const [what, n] of load.errors) console.log(`  ${n} × ${what}`);
  console.log(
    `conversations created: ${fmt(creates.length / windowSeconds)}/s in the window (create latency p50 ${fmt(
      quantile(
        creates.map((c) => c.latency),
        0.5,
      ),
    )} ms, p99 ${fmt(
      quantile(
        creates.map((c) => c.latency),
        0.99,
      ),
    )} ms)`,
  );
  console.log(
    `where a turn's time goes (events created in the window, n=${events.count}, failed ${events.failed}): queue wait p50 ${fmt(quantile(events.queueMs, 0.5))} / p95 ${fmt(quantile(events.queueMs, 0.95))} ms; engine processing (started → finished) p50 ${fmt(quantile(events.runMs, 0.5))} / p95 ${fmt(quantile(events.runMs, 0.95))} ms; client latency p50 ${fmt(quantile(latencies, 0.5))} ms`,
  );
  console.log(
    `orchestration overhead per node (run span − tool/llm spans) ÷ node spans, ${overhead.runs} runs: median ${fmt(quantile(overhead.perNode, 0.5), 2)} ms, p95 ${fmt(quantile(overhead.perNode, 0.95), 2)} ms` +
      `  (run span p50 ${fmt(quantile(overhead.runMs, 0.5), 2)} ms, nodes/run p50 ${quantile(overhead.nodes, 0.5)}, tool+llm p50 ${fmt(quantile(overhead.externalMs, 0.5), 2)} ms)`,
  );
  console.log(
    `database rows written per turn (whole phase: ${allOk} turns, ${allCreates} conversation starts, ${fmt(loadSeconds)} s; idle → idle): app tables ${fmt(appRows / allOk, 2)}, graphile_worker ${fmt(queueRows / allOk, 2)}, total ${fmt((appRows + queueRows) / allOk, 2)}`,
  );
  const perTable = [...tablesAfter]
    .map(([name, n]) => [name, n - (tablesBefore.get(name) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  console.log(
    `  database transactions (commits + rollbacks, all clients incl. graphile-worker polling) per turn: ${fmt((rowsAfter.xacts - rowsBefore.xacts) / allOk, 2)}`,
  );
  console.log(
    `  by table (rows/turn): ${perTable.map(([name, n]) => `${name.replace(/^public\./, "")} ${fmt(n / allOk, 2)}`).join(", ")}`,
  );
  const persistPerStep = dm.persistMs / dm.steps;
  console.log(
    `engine metrics in the window (${workerCount} worker file${workerCount === 1 ? "" : "s"}, written every ~2 s): ${dm.events} events, ${dm.waves} waves, ${dm.steps} steps (${fmt(dm.steps / Math.max(1, dm.events), 2)}/event); ` +
      `wave ${fmt(dm.waveMs / dm.waves, 2)} ms, of which node execution ${fmt(dm.execMs / dm.waves, 2)} ms and persistence ${fmt(dm.persistMs / dm.waves, 2)} ms per wave; persistence per step ${fmt(persistPerStep, 2)} ms`,
  );

  for (const worker of workers) await stopWorker(worker);
  const final = readMetrics(workers);
  if (final.events < metricsStopped.events) console.log("  (a worker's metrics file went backwards?)");
  return {
    workers: workerCount,
    turns: ok.length,
    tps,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    accepted,
    errors: failed,
    createsPerSecond: creates.length / windowSeconds,
    overheadMedian: quantile(overhead.perNode, 0.5),
    overheadP95: quantile(overhead.perNode, 0.95),
    appRowsPerTurn: appRows / allOk,
    queueRowsPerTurn: queueRows / allOk,
    persistPerStep,
    steps: dm.steps,
  };
}

// ---- main ----

async function main() {
  const reuse = process.env.BENCH_URL;
  let target: Target;
  if (reuse) {
    if (!process.env.BENCH_DATABASE_URL || !process.env.BENCH_API_KEY)
      throw new Error("BENCH_URL needs BENCH_DATABASE_URL and BENCH_API_KEY too.");
    target = {
      url: reuse,
      databaseUrl: process.env.BENCH_DATABASE_URL,
      apiKey: process.env.BENCH_API_KEY,
      workerEnv: { DATABASE_URL: process.env.BENCH_DATABASE_URL },
    };
    console.log(`Using the server at ${reuse}.`);
  } else {
    target = await startServer();
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-engine-workers-"));
  cleanups.unshift(() => rmSync(dir, { recursive: true, force: true }));

  const db = new pg.Client({ connectionString: target.databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  const raised = await db.query(
    `UPDATE "ApiKey" SET "rateLimitPerMinute" = 10000000 WHERE hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
    [target.apiKey],
  );
  if (raised.rowCount !== 1)
    throw new Error("The bench's API key is not in the database (SEED_API_KEY / BENCH_API_KEY).");

  console.log(
    `\nBare INSERT commit (${BARE_INSERTS} single-row autocommit INSERTs into a scratch table, idle database)…`,
  );
  const bare = await bareInserts(target.databaseUrl);
  console.log(
    `  1 connection, sequential: median ${fmt(bare.sequential.median, 3)} ms, p95 ${fmt(bare.sequential.p95, 3)} ms per commit (${fmt(bare.sequential.perSecond, 0)} commits/s)`,
  );
  console.log(
    `  8 connections, concurrent: median ${fmt(bare.concurrent.median, 3)} ms, p95 ${fmt(bare.concurrent.p95, 3)} ms per commit (${fmt(bare.concurrent.perSecond, 0)} commits/s)`,
  );

  const results: PhaseResult[] = [];
  for (const n of PHASES) {
    const result = await phase(n, target, db, dir);
    console.log(
      `persistence per step ÷ bare INSERT commit (sequential median): ${fmt(result.persistPerStep, 2)} ÷ ${fmt(bare.sequential.median, 3)} = ${fmt(result.persistPerStep / bare.sequential.median, 2)}×`,
    );
    results.push(result);
  }

  const verdict = (ok: boolean) => (ok ? "MET" : "NOT MET");
  console.log(
    `\n=== Summary (${os.cpus().length} cores, ${CONCURRENCY} concurrent customers, ENGINE_CONCURRENCY ${ENGINE_CONCURRENCY} per worker process) ===`,
  );
  const rows: [string, ...string[]][] = [
    ["", ...results.map((r) => `${r.workers} worker${r.workers === 1 ? "" : "s"}`)],
    ["turns/s sustained", ...results.map((r) => fmt(r.tps))],
    ["latency p50 ms", ...results.map((r) => fmt(r.p50))],
    ["latency p95 ms", ...results.map((r) => fmt(r.p95))],
    ["latency p99 ms", ...results.map((r) => fmt(r.p99))],
    ["latency max ms", ...results.map((r) => fmt(r.max))],
    ["202s / errors", ...results.map((r) => `${r.accepted} / ${r.errors}`)],
    ["conversations/s", ...results.map((r) => fmt(r.createsPerSecond))],
    ["overhead/node p50 ms", ...results.map((r) => fmt(r.overheadMedian, 2))],
    ["overhead/node p95 ms", ...results.map((r) => fmt(r.overheadP95, 2))],
    ["app rows/turn", ...results.map((r) => fmt(r.appRowsPerTurn, 2))],
    ["queue rows/turn", ...results.map((r) => fmt(r.queueRowsPerTurn, 2))],
    ["persist/step ms", ...results.map((r) => fmt(r.persistPerStep, 2))],
    ["persist/step ÷ bare", ...results.map((r) => `${fmt(r.persistPerStep / bare.sequential.median, 2)}×`)],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows)
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i] + 2))).join(""));
  console.log(
    `bare INSERT commit: ${fmt(bare.sequential.median, 3)} ms median sequential, ${fmt(bare.concurrent.median, 3)} ms median with 8 connections`,
  );
  console.log("\nTargets:");
  for (const r of results) {
    const tag = `${r.workers} worker${r.workers === 1 ? "" : "s"}`;
    console.log(`  [${tag}] ≥ ${TARGET_TPS} turns/s: ${fmt(r.tps)} → ${verdict(r.tps >= TARGET_TPS)}`);
    console.log(
      `  [${tag}] p99 ≤ ${TARGET_P99} ms at ${CONCURRENCY} conversations: ${fmt(r.p99)} ms → ${verdict(r.p99 <= TARGET_P99)}`,
    );
    const ratio = r.persistPerStep / bare.sequential.median;
    console.log(
      `  [${tag}] persistence per step ≤ ${TARGET_PERSIST_RATIO}× a bare INSERT commit: ${fmt(ratio, 2)}× → ${verdict(ratio <= TARGET_PERSIST_RATIO)}`,
    );
  }
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanup();
    process.exit(1);
  });
