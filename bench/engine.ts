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
 *       one worker process, phase B with two. The API's per-address and per-conversation limits are off for it
 *       (every customer comes from this machine). Everything (workers, server, Postgres, data dir) goes away
 *       afterwards, also on Ctrl-C and on errors.
 *   BENCH_URL=http://localhost:3000 BENCH_DATABASE_URL=postgresql://… BENCH_API_KEY=sb_live_… npm run bench:engine
 *       reuses a running server instead (it should run with ENGINE_IN_PROCESS_WORKER=false, or its in-process worker
 *       takes part too). Workers are still started by the bench, on BENCH_DATABASE_URL. The key's rate limit is
 *       raised in the database for the run (and not put back); start that server with API_REQUESTS_PER_ADDRESS=0 and
 *       API_MESSAGES_PER_CONVERSATION=0, or its per-address limit throttles the run.
 *   options (env): BENCH_CONCURRENCY=50 customers, BENCH_SECONDS=20 measured per phase (after BENCH_WARMUP=3 s
 *       not counted), ENGINE_CONCURRENCY=16 jobs per worker process, BENCH_PHASES=1,2 (worker processes per phase),
 *       BENCH_BARE_INSERTS=2000, BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (profile the workers).
 *
 * A customer opens a conversation (POST /api/v1/conversations, retail-support), then sends 3–4 messages (order
 * status with a random order A1001–A1120, a follow-up about another order, sometimes a third question, "thanks"),
 * each awaited before the next. Only messages (POST …/messages answered 200) count as turns; 202s (the turn took
 * longer than the API's wait) and errors are counted apart.
 *
 * First, the flow under test as its published version stands in the database: whether its start node checks
 * interruptions on every message, and changes of request mid-task (the seeded Retail demo does both), since every
 * turn below pays for them (bench:routing prints what that check costs per message).
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
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { fmt } from "@/bench/support/format";
import { bareInserts } from "@/bench/engine/database";
import { describeFlowUnderTest } from "@/bench/engine/flow-under-test";
import { phase, type PhaseResult } from "@/bench/engine/phase";
import { cleanup, cleanups } from "@/bench/engine/processes";
import { startServer, type Target } from "@/bench/engine/server";
import {
  BARE_INSERTS,
  CONCURRENCY,
  ENGINE_CONCURRENCY,
  PHASES,
  TARGET_P99,
  TARGET_PERSIST_RATIO,
  TARGET_TPS,
} from "@/bench/engine/config";

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
  const flow = await describeFlowUnderTest(db, target.apiKey);
  console.log(`\nFlow under test: ${flow}`);

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
  console.log(`flow: ${flow}`);
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
