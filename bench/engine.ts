/**
 * Engine benchmark: drives the Retail demo flow through the public API with N concurrent simulated customers and
 * prints turns served per second, turn latency (every turn attempted, an unserved one counting as infinitely slow),
 * where a turn's time goes, orchestration overhead per node, rows and transactions per turn, the engine's persistence
 * per step against a bare INSERT commit, the web and worker processes' memory and, with BENCH_PROFILE, where their CPU
 * went; first with one engine worker process and then with two.
 *
 *   npm run bench:engine            (= npx tsx --conditions=react-server bench/engine.ts)
 *       starts its own production server exactly as `npm start` does (builds if needed; embedded Postgres, seeded
 *       demo) on BENCH_PORT (3470) with a throw-away data dir and SEED_API_KEY, with ENGINE_IN_PROCESS_WORKER=false:
 *       the web process runs the turns it can take at once (ENGINE_RUN_WHERE_ACCEPTED), and the `scripts/worker.ts`
 *       processes the bench starts run the rest (phase A: one, phase B: two). Everything (workers, server, Postgres,
 *       data dir) goes away afterwards, also on Ctrl-C and on errors.
 *   BENCH_URL=http://localhost:3000 BENCH_DATABASE_URL=postgresql://… BENCH_API_KEY=sb_live_… npm run bench:engine
 *       reuses a running server instead (no web memory or profile then). Workers are still started by the bench, on
 *       BENCH_DATABASE_URL. Start that server with API_REQUESTS_PER_ADDRESS=0 and API_MESSAGES_PER_CONVERSATION=0.
 *   options (env): BENCH_CONCURRENCY=50 customers, BENCH_SECONDS=20 measured per phase (after BENCH_WARMUP=3 s not
 *       counted), ENGINE_CONCURRENCY=8 jobs per worker process, BENCH_PHASES=1,2 (worker processes per phase),
 *       BENCH_WEB=1 (web processes: more are web-only `next start`s on the next ports, customers spread over them),
 *       BENCH_ROUTER_MODE=fast|semantic (the Retail flow's router and interruption check in that mode; unset: as
 *       the demo ships), BENCH_BARE_INSERTS=2000, BENCH_PROFILE=1 (sample the server's and the workers' CPU in the measured window and
 *       print the top areas and functions, mapped through the build's source maps) or BENCH_PROFILE=<dir> (and keep
 *       the .cpuprofile files there).
 *
 * The bench's own limits, on its throw-away database only (bench-setup.ts): its API key's limit raised, the API's
 * per-address and per-conversation limits off (every customer comes from this machine), and the Retail flow
 * republished with its tools' per-minute limits raised (the demo allows lookup_order 120 calls a minute; a refusal is
 * not a served turn). A customer is one of the demo's customers, named by the integration (`customer`, so verified),
 * opens a conversation and sends 3–4 messages, each awaited before the next: about one of their own orders, a
 * follow-up about another of theirs, sometimes a third, then "thanks". A turn is served when the API answers 200 with
 * the reply the customer asked for (an order's status, a closing); every other reply kind (rate limited, asked to
 * verify, not found, the failure notice…), 202s and errors are printed by kind and count as not served.
 *
 * Then the summary against the issue's targets (≥ 150 turns/s with p99 ≤ 300 ms at 50 customers and every turn
 * served, persistence per step ≤ 5× a bare INSERT commit, each process ≤ 400 MB) and the product's goal beside them
 * (500 turns/s, p99 150 ms, 2×).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { cpuReferenceNote } from "@/bench/support/cpu-reference";
import { fmt } from "@/bench/support/format";
import { loadCustomers, raiseBenchToolLimits } from "@/bench/engine/bench-setup";
import { bareInserts } from "@/bench/engine/database";
import { describeFlowUnderTest } from "@/bench/engine/flow-under-test";
import { phase, type PhaseResult } from "@/bench/engine/phase";
import { queryCost } from "@/bench/engine/query-cost";
import { cleanup, cleanups } from "@/bench/engine/processes";
import { startMoreWebs, startServer, type Target } from "@/bench/engine/server";
import {
  BARE_INSERTS,
  CONCURRENCY,
  ENGINE_CONCURRENCY,
  PHASES,
  RSS_LIMIT_MB,
  TARGETS,
  WEBS,
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
      webs: [{ url: reuse }],
      databaseUrl: process.env.BENCH_DATABASE_URL,
      apiKey: process.env.BENCH_API_KEY,
      workerEnv: { DATABASE_URL: process.env.BENCH_DATABASE_URL },
    };
    console.log(`Using the server at ${reuse}.`);
  } else {
    target = await startServer();
    if (WEBS > 1) {
      console.log(`Starting ${WEBS - 1} more web process${WEBS === 2 ? "" : "es"} on the same database…`);
      await startMoreWebs(target, WEBS - 1);
    }
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
  const limits = await raiseBenchToolLimits(target.databaseUrl);
  const customers = await loadCustomers(db, target.apiKey);
  const flow = await describeFlowUnderTest(db, target.apiKey);
  console.log(`\nFlow under test: ${flow}`);
  console.log(
    `The bench's own limits: API key 10,000,000 requests/min, the API's per-address and per-conversation limits off, ` +
      `${limits} tool permission${limits === 1 ? "" : "s"} republished at 100,000 calls/min (per-conversation limits kept). ` +
      `Customers: ${customers.length} demo customers named by the integration (verified), each asking about their own orders.`,
  );

  console.log(`Machine: ${os.cpus().length} cores, ${cpuReferenceNote()}.`);
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

  console.log("");
  for (const line of await queryCost(target.databaseUrl)) console.log(line);

  const results: PhaseResult[] = [];
  for (const n of PHASES) {
    const result = await phase(n, target, db, dir, customers);
    console.log(
      `persistence per step ÷ bare INSERT commit (sequential median): ${fmt(result.persistPerStep, 2)} ÷ ${fmt(bare.sequential.median, 3)} = ${fmt(result.persistPerStep / bare.sequential.median, 2)}×`,
    );
    results.push(result);
  }

  const verdict = (ok: boolean) => (ok ? "MET" : "NOT MET");
  console.log(
    `\n=== Summary (${os.cpus().length} cores, ${target.webs.length} web process${target.webs.length === 1 ? "" : "es"}, ${CONCURRENCY} concurrent customers, ENGINE_CONCURRENCY ${ENGINE_CONCURRENCY} per worker process) ===`,
  );
  console.log(`flow: ${flow}`);
  const rows: [string, ...string[]][] = [
    ["", ...results.map((r) => `${r.workers} worker${r.workers === 1 ? "" : "s"}`)],
    ["turns/s sustained (served)", ...results.map((r) => fmt(r.tps))],
    ["latency p50 ms", ...results.map((r) => fmt(r.p50))],
    ["latency p95 ms", ...results.map((r) => fmt(r.p95))],
    ["latency p99 ms", ...results.map((r) => fmt(r.p99))],
    ["latency max ms", ...results.map((r) => fmt(r.max))],
    ["turns not served", ...results.map((r) => String(r.notServed))],
    ["turns run where accepted", ...results.map((r) => `${r.inline} of ${r.events}`)],
    ["conversations/s", ...results.map((r) => fmt(r.createsPerSecond))],
    ["overhead/node p50 ms", ...results.map((r) => fmt(r.overheadMedian, 2))],
    ["overhead/node p95 ms", ...results.map((r) => fmt(r.overheadP95, 2))],
    ["app rows/turn", ...results.map((r) => fmt(r.appRowsPerTurn, 2))],
    ["queue rows/turn", ...results.map((r) => fmt(r.queueRowsPerTurn, 2))],
    ["persist/step ms", ...results.map((r) => fmt(r.persistPerStep, 2))],
    ["persist/step ÷ bare", ...results.map((r) => `${fmt(r.persistPerStep / bare.sequential.median, 2)}×`)],
    ["web CPU ms/request", ...results.map((r) => (r.webCpuPerRequest == null ? "n/a" : fmt(r.webCpuPerRequest, 2)))],
    ["Postgres CPU ms/request", ...results.map((r) => fmt(r.postgresCpuPerRequest, 2))],
    ["web RSS MB", ...results.map((r) => (r.webRssMb == null ? "n/a" : fmt(r.webRssMb, 0)))],
    ["worker RSS MB", ...results.map((r) => fmt(r.workerRssMb, 0))],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows)
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i] + 2))).join(""));
  console.log(
    `bare INSERT commit: ${fmt(bare.sequential.median, 3)} ms median sequential, ${fmt(bare.concurrent.median, 3)} ms median with 8 connections`,
  );
  for (const t of TARGETS) {
    console.log(`\nTargets (${t.name}):`);
    for (const r of results) {
      const tag = `${r.workers} worker${r.workers === 1 ? "" : "s"}`;
      console.log(`  [${tag}] ≥ ${t.tps} turns/s served: ${fmt(r.tps)} → ${verdict(r.tps >= t.tps)}`);
      console.log(
        `  [${tag}] p99 ≤ ${t.p99} ms at ${CONCURRENCY} customers, every turn served: ${fmt(r.p99)} ms, ${r.notServed} not served → ${verdict(r.p99 <= t.p99 && r.notServed === 0)}`,
      );
      const ratio = r.persistPerStep / bare.sequential.median;
      console.log(
        `  [${tag}] persistence per step ≤ ${t.persistRatio}× a bare INSERT commit: ${fmt(ratio, 2)}× → ${verdict(ratio <= t.persistRatio)}`,
      );
    }
  }
  console.log(`\nMemory (≤ ${RSS_LIMIT_MB} MB each):`);
  for (const r of results) {
    const tag = `${r.workers} worker${r.workers === 1 ? "" : "s"}`;
    const web = r.webRssMb == null ? "web n/a" : `web ${fmt(r.webRssMb, 0)} MB`;
    const ok = (r.webRssMb ?? 0) <= RSS_LIMIT_MB && r.workerRssMb <= RSS_LIMIT_MB;
    console.log(`  [${tag}] ${web}, largest worker ${fmt(r.workerRssMb, 0)} MB → ${verdict(ok)}`);
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
