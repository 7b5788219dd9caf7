// One phase of bench/engine.ts: start the workers, run the load (warm-up, then the measured window), measure and
// print the phase's figures, stop the workers.
import pg from "pg";
import { fmt } from "@/bench/support/format";
import { quantile } from "@/bench/support/in-process-engine";
import { sleep } from "@/bench/support/sleep";
import { CONCURRENCY, ENGINE_CONCURRENCY, SECONDS, WARMUP } from "./config";
import { runLoad } from "./customers";
import { eventTimes, orchestrationOverhead, rowCounters, tableRows } from "./database";
import { type Target } from "./server";
import { readMetrics, startWorkers, stopWorker } from "./workers";

export type PhaseResult = {
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

export async function phase(workerCount: number, target: Target, db: pg.Client, dir: string): Promise<PhaseResult> {
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
